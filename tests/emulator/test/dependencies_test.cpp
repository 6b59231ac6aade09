// Architect dependency tracking: the flows seeded as calling an action, paged,
// filtered to the published ones, and the switches for 206 and 403.

#include "tests/emulator/dependencies.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

// Two actions: custom_-_0001 called by three published flows and one only
// checked in; custom_-_0002, secure, called by one.
std::string seed_with_flows() {
    return R"([
  {"id": "custom_-_0001", "name": "Get Order", "integrationId": "int-1", "category": "Orders",
   "version": 1, "config": {"timeoutSeconds": 5},
   "_emulator": {"flows": [
     {"id": "flow-1", "name": "Main IVR", "type": "INBOUNDCALLFLOW", "version": "12.0"},
     {"id": "flow-2", "name": "Orders queue", "type": "INQUEUECALLFLOW"},
     {"id": "flow-3", "name": "Order bot", "type": "DIGITALBOTFLOW", "version": "3.0"},
     {"id": "flow-4", "name": "Draft IVR", "type": "INBOUNDCALLFLOW", "published": false}]}},
  {"id": "custom_-_0002", "name": "Get Card", "integrationId": "int-1", "category": "Orders",
   "version": 1, "secure": true, "config": {"timeoutSeconds": 5},
   "_emulator": {"flows": [{"id": "flow-9", "name": "Payments", "type": "INBOUNDCALLFLOW"}]}}
])";
}

std::string target(const std::string& id, const std::string& type, const std::string& extra = "") {
    return std::string(k_consuming_resources_path) + "?id=" + id + "&objectType=" + type +
           "&flowFilter=published" + extra;
}

// "name type version" per entity, then "total N pages P (size S, page N)".
std::string listing(const Reply& reply) {
    Json body = body_json(reply);
    std::string text;
    for (const Json& entity : body.find("entities")->as_array()) {
        text += entity.string_or("name", "") + " " + entity.string_or("type", "") + " " +
                entity.string_or("version", "") + "\n";
    }
    text += "total " + write_json(*body.find("total")) + " pages " +
            write_json(*body.find("pageCount")) + " (size " + write_json(*body.find("pageSize")) +
            ", page " + write_json(*body.find("pageNumber")) + ")";
    return text;
}

}  // namespace

TEST_CASE("dependency tracking lists the published flows calling an action, paged",
          "[emulator][dependencies]") {
    TestServer server(seed_with_flows());
    Reply all = server.api("GET", target("custom_-_0001", "DATAACTION"));
    REQUIRE(all.status == 200);
    REQUIRE(listing(all) ==
            "Main IVR INBOUNDCALLFLOW 12.0\nOrders queue INQUEUECALLFLOW 1.0\n"
            "Order bot DIGITALBOTFLOW 3.0\ntotal 3 pages 1 (size 25, page 1)");
    Json first = body_json(all).find("entities")->as_array().front();
    REQUIRE(
        write_json(first) ==
        R"({"id":"flow-1","name":"Main IVR","version":"12.0","type":"INBOUNDCALLFLOW",)"
        R"("deleted":false,"updated":false,"stateUnknown":false,"selfUri":"/api/v2/flows/flow-1"})");

    REQUIRE(listing(server.api(
                "GET", target("custom_-_0001", "DATAACTION", "&pageSize=2&pageNumber=2"))) ==
            "Order bot DIGITALBOTFLOW 3.0\ntotal 3 pages 2 (size 2, page 2)");
    const std::string checked_in = std::string(k_consuming_resources_path) +
                                   "?id=custom_-_0001&objectType=DATAACTION&flowFilter=checkedIn";
    REQUIRE(body_json(server.api("GET", checked_in)).find("total")->as_integer() == 4);

    // A secure action is SECUREACTION; asked for as the other kind, it has none.
    REQUIRE(listing(server.api("GET", target("custom_-_0002", "SECUREACTION"))) ==
            "Payments INBOUNDCALLFLOW 1.0\ntotal 1 pages 1 (size 25, page 1)");
    REQUIRE(listing(server.api("GET", target("custom_-_0002", "DATAACTION"))) ==
            "total 0 pages 0 (size 25, page 1)");
    REQUIRE(listing(server.api("GET", target("custom_-_0001", "SECUREACTION"))) ==
            "total 0 pages 0 (size 25, page 1)");
}

TEST_CASE("dependency tracking refuses what the service refuses", "[emulator][dependencies]") {
    TestServer server(seed_with_flows());
    Reply type = server.api("GET", target("custom_-_0001", "FLOW"));
    REQUIRE(type.status == 400);
    REQUIRE(body_json(type).string_or("code", "") == "architect.dependency.object.invalid.type");
    Reply missing = server.api("GET", target("custom_-_9999", "DATAACTION"));
    REQUIRE(missing.status == 404);
    REQUIRE(body_json(missing).string_or("code", "") == "architect.dependency.object.not.found");
    REQUIRE(server.api("GET", target("custom_-_0001", "DATAACTION", "&pageSize=101")).status ==
            400);
    REQUIRE(server.api("GET", target("custom_-_0001", "DATAACTION", "&pageNumber=0")).status ==
            400);
    REQUIRE(server.api("POST", target("custom_-_0001", "DATAACTION")).status == 405);
}

TEST_CASE("dependency tracking answers 206 while rebuilding and 403 when forbidden",
          "[emulator][dependencies]") {
    TestServer server(seed_with_flows());
    const std::string build(k_dependency_build_path);
    REQUIRE(body_json(server.api("GET", build)).string_or("status", "") == "OPERATIONAL");

    server.settings(R"({"dependencyTracking": "rebuilding"})");
    Reply partial = server.api("GET", target("custom_-_0001", "DATAACTION"));
    REQUIRE(partial.status == 206);
    REQUIRE(body_json(partial).find("total")->as_integer() == 3);
    REQUIRE(body_json(server.api("GET", build)).string_or("status", "") == "BUILDINPROGRESS");

    server.settings(R"({"dependencyTracking": "forbidden"})");
    Reply refused = server.api("GET", target("custom_-_0001", "DATAACTION"));
    REQUIRE(refused.status == 403);
    REQUIRE(body_json(refused).string_or("message", "") ==
            "Unable to perform the requested action. You are missing the following "
            "permission(s): architect:dependencyTracking:view");
    REQUIRE(server.api("GET", build).status == 403);

    REQUIRE(server.admin("PATCH", "/__emulator/settings", R"({"dependencyTracking": "maybe"})")
                .status == 400);
}

TEST_CASE("seeded flows must name an id, a name and a type", "[emulator][dependencies]") {
    REQUIRE_THROWS_WITH(
        TestServer(R"([{"id": "custom_-_1", "name": "A", "integrationId": "i", "category": "c",
                        "version": 1, "_emulator": {"flows": [{"id": "f", "name": "F"}]}}])"),
        Catch::Contains("_emulator.flows must be a list of {\"id\", \"name\", \"type\", "
                        "\"version\"?, \"published\"?} with non-empty strings (published: a "
                        "boolean)"));
}
