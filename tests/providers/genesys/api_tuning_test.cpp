#include "providers/genesys/api_tuning.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;
using std::chrono::milliseconds;

TEST_CASE("without [api] the tuning is the documented defaults", "[tuning]") {
    const ApiTuning tuning = api_tuning(ApiSettings{}, "project");
    CHECK(tuning.transport.connect_timeout == milliseconds(10000));
    CHECK(tuning.transport.total_timeout == milliseconds(60000));
    CHECK(tuning.transport.ca_bundle.empty());
    CHECK(tuning.transport.max_response_bytes == 16U * 1024U * 1024U);
    CHECK(tuning.max_attempts == 5);
    CHECK(tuning.requests_per_minute == 300);
}

TEST_CASE("[api] values replace the defaults, the CA bundle found from the project", "[tuning]") {
    ApiSettings api;
    api.requests_per_minute = 60;
    api.connect_timeout_seconds = 3;
    api.request_timeout_seconds = 120;
    api.max_attempts = 1;
    api.ca_bundle = "certs/ca.pem";
    const ApiTuning tuning = api_tuning(api, "/srv/project");
    CHECK(tuning.transport.connect_timeout == milliseconds(3000));
    CHECK(tuning.transport.total_timeout == milliseconds(120000));
    CHECK(tuning.transport.ca_bundle == "/srv/project/certs/ca.pem");
    CHECK(tuning.max_attempts == 1);
    CHECK(tuning.requests_per_minute == 60);

    api.ca_bundle = "/etc/ssl/corporate.pem";
    CHECK(api_tuning(api, "/srv/project").transport.ca_bundle == "/etc/ssl/corporate.pem");
}
