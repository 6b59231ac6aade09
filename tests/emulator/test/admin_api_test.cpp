// The admin API: the org dump, out-of-band edits, adding actions, the request
// log with its counts, the settings and token expiry.

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

constexpr const char* k_admin_one = "/__emulator/actions/custom_-_0001";

std::string error_line(const Reply& reply) {
    Json body = body_json(reply);
    return std::to_string(reply.status) + " " + body.string_or("code", "") + ": " +
           body.string_or("message", "");
}

}  // namespace

TEST_CASE("the org dump has every action in full, templates inline", "[emulator][admin]") {
    Settings settings;
    settings.templates_as_uris = true;
    TestServer server(small_seed(), settings);
    Json org = body_json(server.admin("GET", "/__emulator/org"));
    const auto& actions = org.find("actions")->as_array();
    REQUIRE(actions.size() == 5);
    REQUIRE(actions[3].string_or("id", "") == "customAuth_-_0004");
    REQUIRE(actions[0].find("contract") != nullptr);
    REQUIRE(actions[0].find("config")->find("request")->string_or("requestTemplate", "") ==
            "{\n  \"q\": \"${input.orderId}\",\n  \"who\": \"Zoë\"\n}");
    REQUIRE(actions[2].find("_emulator") == nullptr);
    REQUIRE(write_json(body_json(server.admin("GET", k_admin_one))) == write_json(actions[0]));
    REQUIRE(error_line(server.admin("GET", "/__emulator/actions/custom_-_9999")) ==
            "404 not.found: Action custom_-_9999 not found");
}

TEST_CASE("an admin edit merges into the action and adds one to its version", "[emulator][admin]") {
    TestServer server(small_seed());
    const std::string before = server.admin("GET", k_admin_one).body;
    Reply edited = server.admin("PATCH", k_admin_one, R"({"config": {"timeoutSeconds": 30}})");
    REQUIRE(edited.status == 200);
    std::string expected = before;
    expected.replace(expected.find("\"timeoutSeconds\":3"), 18, "\"timeoutSeconds\":30");
    expected.replace(expected.find("\"version\":3"), 11, "\"version\":4");
    REQUIRE(edited.body == expected);
    REQUIRE(server.admin("GET", k_admin_one).body == expected);
}

TEST_CASE("null deletes a key - an explicit version is kept", "[emulator][admin]") {
    TestServer server(small_seed());
    Json edited = body_json(server.admin("PATCH", k_admin_one,
                                         R"({"config": {"timeoutSeconds": null}, "version": 10})"));
    REQUIRE(edited.find("config")->find("timeoutSeconds") == nullptr);
    REQUIRE(edited.find("version")->as_integer() == 10);
}

TEST_CASE("admin edits that break the rules are refused", "[emulator][admin]") {
    TestServer server(small_seed());
    REQUIRE(
        error_line(server.admin("PATCH", k_admin_one, R"({"config": {"timeoutSeconds": 61}})")) ==
        "400 constraint.validation: config.timeoutSeconds must be an integer from 1 to 60");
    REQUIRE(error_line(server.admin("PATCH", k_admin_one, R"({"id": "custom_-_7"})")) ==
            "400 invalid.value: The id of an action cannot change");
    REQUIRE(
        error_line(server.admin("PATCH", "/__emulator/actions/customAuth_-_0004",
                                R"({"config": {"timeoutSeconds": 5}})")) ==
        "400 invalid.value: config.timeoutSeconds is invalid for custom authentication actions");
    REQUIRE(error_line(server.admin("PATCH", "/__emulator/actions/nope", "{}")) ==
            "404 not.found: Action nope not found");
    REQUIRE(body_json(server.admin("GET", k_admin_one)).find("version")->as_integer() == 3);
}

TEST_CASE("actions can be added once", "[emulator][admin]") {
    TestServer server(small_seed());
    const std::string action =
        R"({"id": "custom_-_0100", "name": "Added", "integrationId": "i", "category": "C", "version": 1,
            "_emulator": {"latencyMs": [1, 2]}})";
    Reply added = server.admin("POST", "/__emulator/actions", action);
    REQUIRE(added.status == 201);
    REQUIRE(
        added.body ==
        R"({"id":"custom_-_0100","name":"Added","integrationId":"i","category":"C","version":1,)"
        R"("secure":false,"selfUri":"/api/v2/integrations/actions/custom_-_0100"})");
    REQUIRE(server.api("GET", action_path("custom_-_0100")).status == 200);
    REQUIRE(error_line(server.admin("POST", "/__emulator/actions", action)) ==
            "409 conflict: An action with id custom_-_0100 already exists");
    REQUIRE(error_line(server.admin("POST", "/__emulator/actions", R"({"id": "x"})")) ==
            "400 invalid.value: name is required");
}

TEST_CASE("the request log lists counted requests in order with counts per endpoint",
          "[emulator][admin]") {
    TestServer server(small_seed());
    const std::string one = action_path("custom_-_0001");
    server.api("GET", "/api/v2/integrations/actions?pageSize=100&includeConfig=true");
    server.api("GET", one + "?includeConfig=true");
    server.api("GET", one + "/templates/requesttemplate.vm");
    server.api("GET", action_path("custom_-_0002") + "/templates/successtemplate.vm");
    server.api("PATCH", one, R"({"version": 1})");
    server.api("POST", one + "/test", "{}");
    server.admin("GET", "/__emulator/org");
    Json log = body_json(server.admin("GET", "/__emulator/requests"));
    const auto& requests = log.find("requests")->as_array();
    REQUIRE(requests.size() == 7);
    // Arrival times in emulated milliseconds, in order; shown as 0 below.
    double previous = 0;
    std::vector<Json> timeless;
    for (const Json& request : requests) {
        const double at = request.find("atMs")->as_number();
        REQUIRE(at >= previous);
        previous = at;
        Json copy = request;
        copy.set("atMs", 0);
        timeless.push_back(copy);
    }
    REQUIRE(
        write_json(timeless[0]) ==
        R"({"method":"POST","path":"/oauth/token","query":"","status":200,"token":0,"atMs":0})");
    REQUIRE(
        write_json(timeless[1]) ==
        R"({"method":"GET","path":"/api/v2/integrations/actions","query":"pageSize=100&includeConfig=true","status":200,"token":1,"atMs":0})");
    REQUIRE(
        write_json(timeless[5]) ==
        R"({"method":"PATCH","path":"/api/v2/integrations/actions/custom_-_0001","query":"","status":409,"token":1,"atMs":0})");
    REQUIRE(
        write_json(*log.find("counts")) ==
        R"({"GET /api/v2/integrations/actions":1,"GET /api/v2/integrations/actions/{id}":1,)"
        R"("GET /api/v2/integrations/actions/{id}/templates/{file}":2,"PATCH /api/v2/integrations/actions/{id}":1,)"
        R"("POST /api/v2/integrations/actions/{id}/test":1,"POST /oauth/token":1})");
    REQUIRE(server.admin("DELETE", "/__emulator/requests").status == 204);
    REQUIRE(server.admin("GET", "/__emulator/requests").body == R"({"requests":[],"counts":{}})");
}

TEST_CASE("settings are read and changed through the admin API", "[emulator][admin]") {
    TestServer server(small_seed());
    Reply changed = server.admin("PATCH", "/__emulator/settings",
                                 R"({"staleReadMs": 50, "templatesAsUris": true})");
    REQUIRE(changed.status == 200);
    REQUIRE(changed.body == server.admin("GET", "/__emulator/settings").body);
    REQUIRE(body_json(changed).find("staleReadMs")->as_integer() == 50);
    REQUIRE(error_line(server.admin("PATCH", "/__emulator/settings", R"({"dropEvery": -1})")) ==
            "400 invalid.value: dropEvery must be an integer from 0 to 1000000000");
}

TEST_CASE("unknown admin paths and methods are refused", "[emulator][admin]") {
    TestServer server(small_seed());
    REQUIRE(error_line(server.admin("GET", "/__emulator/nothing")) ==
            "404 not.found: No admin resource at /__emulator/nothing");
    REQUIRE(error_line(server.admin("DELETE", "/__emulator/org")) ==
            "405 method.not.allowed: HTTP method DELETE is not supported on /__emulator/org");
    REQUIRE(server.admin("GET", "/__emulator/tokens/expire").status == 405);
    REQUIRE(server.admin("PUT", "/__emulator/settings", "{}").status == 405);
}
