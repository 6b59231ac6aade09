// The org's limits of data actions, and the switches for a missing key or a 403.

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

std::string limits(TestServer& server) {
    Reply reply = server.api("GET", "/api/v2/organizations/limits/namespaces/integrations");
    REQUIRE(reply.status == 200);
    return write_json(body_json(reply));
}

}  // namespace

TEST_CASE("the integrations namespace holds the data action limits", "[emulator][limits]") {
    TestServer server(small_seed());
    REQUIRE(
        limits(server) ==
        R"({"entities":[{"key":"actions.concurrent.executions.max","namespace":"integrations",)"
        R"("value":50},{"key":"actions.integration.max","namespace":"integrations","value":1000},)"
        R"({"key":"actions.total.max","namespace":"integrations","value":5000},)"
        R"({"key":"requests.volume.max","namespace":"integrations","value":2500}]})");
    server.settings(R"({"concurrentExecutionsMax": 200})");
    REQUIRE(limits(server).find(
                R"("actions.concurrent.executions.max","namespace":"integrations","value":200})") !=
            std::string::npos);
    server.settings(R"({"orgLimits": "absent"})");
    REQUIRE(limits(server).find("actions.concurrent.executions.max") == std::string::npos);
    REQUIRE(write_json(body_json(server.api("GET", "/api/v2/organizations/limits/namespaces/x"))) ==
            R"({"entities":[]})");
    server.settings(R"({"orgLimits": "forbidden"})");
    REQUIRE(server.api("GET", "/api/v2/organizations/limits/namespaces/integrations").status ==
            403);
    REQUIRE(server.admin("PATCH", "/__emulator/settings", R"({"orgLimits": "maybe"})").status ==
            400);
}
