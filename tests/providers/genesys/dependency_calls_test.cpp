// The flows calling an action: the dependency tracking query, its pages, a 206
// and a 403.
#include <catch2/catch.hpp>

#include "providers/genesys/dependency_codec.h"
#include "providers/genesys/genesys_provider.h"
#include "providers/genesys/limits_codec.h"
#include "tests/support/provider_fixture.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;

namespace {

using Fixture = ProviderFixture;

std::string page(const std::string& entities, int number, int count) {
    return R"({"entities": [)" + entities + R"(], "pageSize": 100, "pageNumber": )" +
           std::to_string(number) + R"(, "total": 3, "pageCount": )" + std::to_string(count) + "}";
}

const std::string k_ivr = R"({"id": "f1", "name": "Main IVR", "type": "INBOUNDCALLFLOW",
                              "version": "12.0", "deleted": false})";
const std::string k_bot = R"({"id": "f2", "name": "Order bot", "type": "DIGITALBOTFLOW",
                              "version": "3.0"})";

}  // namespace

TEST_CASE("the flows calling an action are read page by page, published ones only",
          "[provider][impact]") {
    Fixture fixture;
    fixture.transport.push(json_answer(200, page(k_ivr + "," + k_bot, 1, 2)));
    fixture.transport.push(json_answer(200, page(k_ivr, 2, 2)));
    Result<CallingFlows> flows =
        fixture.provider.dependencies().flows_calling("custom_-_a b", false);
    REQUIRE(flows);
    REQUIRE(flows->flows ==
            std::vector<CallingFlow>{{"f1", "Main IVR", "INBOUNDCALLFLOW", "12.0"},
                                     {"f2", "Order bot", "DIGITALBOTFLOW", "3.0"},
                                     {"f1", "Main IVR", "INBOUNDCALLFLOW", "12.0"}});
    REQUIRE_FALSE(flows->incomplete);
    REQUIRE(fixture.transport.lines() ==
            std::vector<std::string>{
                "POST https://login/oauth/token",
                "GET https://api/api/v2/architect/dependencytracking/consumingresources"
                "?id=custom_-_a%20b&objectType=DATAACTION&flowFilter=published&pageSize=100"
                "&pageNumber=1",
                "GET https://api/api/v2/architect/dependencytracking/consumingresources"
                "?id=custom_-_a%20b&objectType=DATAACTION&flowFilter=published&pageSize=100"
                "&pageNumber=2"});
}

TEST_CASE("a secure action is asked for as one, a 206 marks the list incomplete",
          "[provider][impact]") {
    Fixture fixture;
    fixture.transport.push(json_answer(206, page(k_ivr, 1, 1)));
    Result<CallingFlows> flows = fixture.provider.dependencies().flows_calling("custom_-_1", true);
    REQUIRE(flows);
    REQUIRE(flows->incomplete);
    REQUIRE(flows->flows.size() == 1);
    REQUIRE(fixture.transport.lines()[1].find("objectType=SECUREACTION") != std::string::npos);
}

TEST_CASE("a 403 is forbidden, a garbled page named", "[provider][impact]") {
    Fixture fixture;
    fixture.transport.push(403, R"({"message": "You are missing the following permission(s): "
                                  "architect:dependencyTracking:view", "code": "missing.permissions"})");
    REQUIRE(fixture.provider.dependencies().flows_calling("custom_-_1", false).error().kind ==
            ErrorKind::forbidden);
    REQUIRE(decode_flow_page(R"({"total": 1})").error().message ==
            "the dependency tracking page has no entities array");
    REQUIRE(decode_flow_page(R"({"entities": [{"id": "f"}], "pageNumber": 1, "pageCount": 1})")
                .error()
                .message == "the dependency tracking page holds a flow without an id or a name");
    REQUIRE(decode_flow_page(R"({"entities": [], "pageCount": "1"})").error().message ==
            "the dependency tracking page has no whole pageNumber and pageCount");
}

TEST_CASE("the org's concurrency limit is read from the integrations namespace",
          "[provider][impact]") {
    Fixture fixture;
    fixture.transport.push(json_answer(
        200, R"({"entities": [{"key": "actions.integration.max", "namespace": "integrations",
                 "value": 1000}, {"key": "actions.concurrent.executions.max",
                 "namespace": "integrations", "value": 75}]})"));
    REQUIRE(fixture.provider.org().concurrency_limit().value() == std::optional<std::int64_t>(75));
    REQUIRE(fixture.transport.lines()[1] ==
            "GET https://api/api/v2/organizations/limits/namespaces/integrations");
    fixture.transport.push(json_answer(200, R"({"entities": []})"));
    REQUIRE(fixture.provider.org().concurrency_limit().value() == std::nullopt);
    fixture.transport.push(404, R"({"message": "not found", "code": "not.found"})");
    REQUIRE(fixture.provider.org().concurrency_limit().value() == std::nullopt);
    fixture.transport.push(403, R"({"message": "missing limits:limit:view",
                                  "code": "missing.permissions"})");
    REQUIRE(fixture.provider.org().concurrency_limit().error().kind == ErrorKind::forbidden);
    REQUIRE(decode_limit(R"({"entities": [{"key": "k", "value": 2.5}]})", "k").error().message ==
            "the org's limit k is not a whole number");
    REQUIRE(decode_limit(R"({"total": 0})", "k").error().message ==
            "the org's limits have no entities array");
}
