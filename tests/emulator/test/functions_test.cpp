// Function data actions: the integrations listing with types, the published
// function, the draft's function (checked as the Function model says), publish
// copying it, and the switch for how the two timeouts interact.

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

std::string function_seed() {
    return R"JSON([
  {"id": "custom_-_f1", "name": "Score Lead", "integrationId": "int-lambda",
   "category": "Functions", "version": 2, "secure": false,
   "contract": {"input": {"inputSchema": {"type": "object"}}, "output": {"successSchema": {"type": "object"}}},
   "config": {"timeoutSeconds": 30,
              "request": {"requestUrlTemplate": "arn:aws:lambda:us-east-1:1:function:score", "requestType": "POST",
                          "headers": {}, "requestTemplate": "${input.rawRequest}"},
              "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}},
   "_emulator": {"latencyMs": [12000, 12000],
                 "function": {"description": "scores a lead", "handler": "index.handler",
                              "runtime": "nodejs18.x", "timeoutSeconds": 10, "zipId": "zip-1"}}},
  {"id": "custom_-_r1", "name": "Get Order", "integrationId": "int-rest",
   "category": "Orders", "version": 1, "secure": false,
   "contract": {"input": {"inputSchema": {"type": "object"}}, "output": {"successSchema": {"type": "object"}}},
   "config": {"timeoutSeconds": 5,
              "request": {"requestUrlTemplate": "https://orders.example.com", "requestType": "GET",
                          "headers": {}, "requestTemplate": "${input.rawRequest}"},
              "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}}}
])JSON";
}

std::string error_line(const Reply& reply) {
    Json body = body_json(reply);
    return std::to_string(reply.status) + " " + body.string_or("code", "") + ": " +
           body.string_or("message", "");
}

std::string function_path(bool draft) {
    return action_path("custom_-_f1") + (draft ? "/draft/function" : "/function");
}

}  // namespace

TEST_CASE("the integrations listing tells function integrations apart", "[emulator][functions]") {
    TestServer server(function_seed());
    Reply listed = server.api("GET", "/api/v2/integrations?pageSize=25&pageNumber=1");
    REQUIRE(listed.status == 200);
    REQUIRE(write_json(body_json(listed)) ==
            R"({"entities":[{"id":"int-lambda","name":"Function int-lambda","integrationType":)"
            R"({"id":"function-data-actions"},"selfUri":"/api/v2/integrations/int-lambda"},)"
            R"({"id":"int-rest","name":"Web Services int-rest","integrationType":)"
            R"({"id":"custom-rest-actions"},"selfUri":"/api/v2/integrations/int-rest"}],)"
            R"("pageSize":25,"pageNumber":1,"total":2,"pageCount":1})");
    Reply second = server.api("GET", "/api/v2/integrations?pageSize=1&pageNumber=2");
    REQUIRE(body_json(second).find("entities")->as_array().size() == 1);
    REQUIRE(server.api("GET", "/api/v2/integrations?pageSize=0").status == 400);
}

TEST_CASE("the published function is read - only a function action has one",
          "[emulator][functions]") {
    TestServer server(function_seed());
    Reply read = server.api("GET", function_path(false));
    REQUIRE(read.status == 200);
    REQUIRE(
        write_json(body_json(read)) ==
        R"({"id":"custom_-_f1","function":{"description":"scores a lead","handler":)"
        R"("index.handler","runtime":"nodejs18.x","timeoutSeconds":10,"zipId":"zip-1"},)"
        R"("uploadExceptionHistory":[],"selfUri":"/api/v2/integrations/actions/custom_-_f1/function"})");
    REQUIRE(error_line(server.api("GET", action_path("custom_-_r1") + "/function")) ==
            "404 not.found: Action custom_-_r1 is not a function data action");
    REQUIRE(error_line(server.api("PUT", function_path(false), "{}")) ==
            "405 method.not.allowed: HTTP method PUT is not supported on "
            "/api/v2/integrations/actions/custom_-_f1/function");
}

TEST_CASE("a draft's function is changed with PUT, checked, and published in place",
          "[emulator][functions]") {
    TestServer server(function_seed());
    REQUIRE(error_line(server.api("GET", function_path(true))) ==
            "404 not.found: Action custom_-_f1 has no draft");
    REQUIRE(server.api("POST", action_path("custom_-_f1") + "/draft").status == 200);
    REQUIRE(body_json(server.api("GET", function_path(true)))
                .find("function")
                ->find("timeoutSeconds")
                ->as_integer() == 10);

    const auto refused = [&](const std::string& body, const std::string& error) {
        REQUIRE(error_line(server.api("PUT", function_path(true), body)) == error);
    };
    refused(R"({"description": "d", "handler": "h", "runtime": "r", "timeoutSeconds": 16})",
            "400 bad.request: timeoutSeconds must be between 1 and 15");
    refused(R"({"description": "d", "handler": "h", "runtime": "r", "timeoutSeconds": 0})",
            "400 bad.request: timeoutSeconds must be between 1 and 15");
    refused(R"({"handler": "h", "runtime": "r"})", "400 bad.request: description is required");
    refused(R"({"description": "d", "runtime": "r"})", "400 bad.request: handler is required");
    refused(R"({"description": "d", "handler": "h", "runtime": "r", "zip": {}})",
            "400 bad.request: Unrecognized field \"zip\" in Function");
    refused("{\"description\": \"" + std::string(256, 'x') +
                "\", \"handler\": \"h\", \"runtime\": \"r\"}",
            "400 bad.request: description must be at most 255 characters");

    Reply put = server.api("PUT", function_path(true),
                           R"({"description": "scores a lead", "handler": "index.handler",
                               "runtime": "nodejs18.x", "timeoutSeconds": 8, "zipId": "zip-1"})");
    REQUIRE(put.status == 200);
    // The published function is untouched until the draft is published.
    REQUIRE(body_json(server.api("GET", function_path(false)))
                .find("function")
                ->find("timeoutSeconds")
                ->as_integer() == 10);
    // Writing the function raised the draft's version (the default, draftVersions "rise"):
    // a publish at the version read before it is refused, at the version after it works.
    REQUIRE(body_json(server.api("GET", action_path("custom_-_f1") + "/draft"))
                .find("version")
                ->as_integer() == 2);
    REQUIRE(error_line(server.api("POST", action_path("custom_-_f1") + "/draft/publish",
                                  R"({"version": 1})")) ==
            "409 conflict: Version does not match current version.");
    REQUIRE(server.api("POST", action_path("custom_-_f1") + "/draft/publish", R"({"version": 2})")
                .status == 200);
    REQUIRE(body_json(server.api("GET", function_path(false)))
                .find("function")
                ->find("timeoutSeconds")
                ->as_integer() == 8);
    REQUIRE(server.api("GET", function_path(true)).status == 404);
    // The id is kept; the action's version moved on.
    Json action = body_json(server.api("GET", action_path("custom_-_f1")));
    REQUIRE(action.string_or("id", "") == "custom_-_f1");
    REQUIRE(action.find("version")->as_integer() == 3);
}

TEST_CASE("with draftVersions fixed, no draft write raises the draft's version",
          "[emulator][functions]") {
    TestServer server(function_seed());
    server.settings(R"({"draftVersions": "fixed"})");
    REQUIRE(server.api("POST", action_path("custom_-_f1") + "/draft").status == 200);
    REQUIRE(server
                .api("PUT", function_path(true),
                     R"({"description": "d", "handler": "h", "runtime": "r", "timeoutSeconds": 8})")
                .status == 200);
    Json draft =
        body_json(server.api("GET", action_path("custom_-_f1") + "/draft?includeConfig=true"));
    REQUIRE(draft.find("version")->as_integer() == 1);
    REQUIRE(server
                .api("PATCH", action_path("custom_-_f1") + "/draft",
                     R"({"version": 1, "config": )" + write_json(*draft.find("config")) + "}")
                .status == 200);
    REQUIRE(body_json(server.api("GET", action_path("custom_-_f1") + "/draft"))
                .find("version")
                ->as_integer() == 1);
    REQUIRE(server.api("POST", action_path("custom_-_f1") + "/draft/publish", R"({"version": 1})")
                .status == 200);
}

TEST_CASE("a run stops at the smaller timeout, or a config above 15 is refused",
          "[emulator][functions]") {
    SECTION("smaller (the default): the function's 10 s cuts a 12 s run under a 30 s config") {
        Settings settings;
        settings.time_scale = 0.01;  // the 10 s take 0.1 s: no real wait near a read timeout
        TestServer server(function_seed(), settings);
        Reply run = server.api("POST", action_path("custom_-_f1") + "/test", "{}");
        REQUIRE(run.status == 200);
        REQUIRE(run.body.find("10 seconds") != std::string::npos);
    }
    SECTION("refuse-over-15") {
        TestServer server(function_seed());
        server.settings(R"({"functionTimeouts": "refuse-over-15"})");
        REQUIRE(error_line(server.api("PATCH", action_path("custom_-_f1"),
                                      R"({"version": 2, "config": {"timeoutSeconds": 30}})")) ==
                "400 bad.request: config.timeoutSeconds must be between 1 and 15 for a function "
                "data action (its function stops at 15 s at most)");
        REQUIRE(server
                    .api("PATCH", action_path("custom_-_r1"),
                         R"({"version": 1, "config": {"timeoutSeconds": 30}})")
                    .status == 200);
        REQUIRE(body_json(server.admin("GET", "/__emulator/settings"))
                    .string_or("functionTimeouts", "") == "refuse-over-15");
        REQUIRE(
            server.admin("PATCH", "/__emulator/settings", R"({"functionTimeouts": "x"})").status ==
            400);
    }
}

TEST_CASE("an admin edit keeps the function - an admin PATCH may change it",
          "[emulator][functions]") {
    TestServer server(function_seed());
    REQUIRE(server
                .admin("PATCH", "/__emulator/actions/custom_-_f1",
                       R"({"config": {"timeoutSeconds": 40}})")
                .status == 200);
    REQUIRE(body_json(server.api("GET", function_path(false)))
                .find("function")
                ->find("timeoutSeconds")
                ->as_integer() == 10);
    REQUIRE(server
                .admin("PATCH", "/__emulator/actions/custom_-_f1",
                       R"({"_emulator": {"function": {"timeoutSeconds": 12}}})")
                .status == 200);
    REQUIRE(body_json(server.api("GET", function_path(false)))
                .find("function")
                ->find("timeoutSeconds")
                ->as_integer() == 12);
}

TEST_CASE("a seed's function is checked like a PUT", "[emulator][functions]") {
    std::string seed = function_seed();
    seed.replace(seed.find("\"timeoutSeconds\": 10"), 20, "\"timeoutSeconds\": 20");
    REQUIRE_THROWS_WITH(
        TestServer(seed),
        Catch::Contains("_emulator.function: timeoutSeconds must be between 1 and 15"));
}
