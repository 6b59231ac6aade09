// Drafts over HTTP: create, read, PATCH, validate, test, publish and delete.

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

std::string draft() {
    return action_path("custom_-_0001") + "/draft";
}

std::string error_line(const Reply& reply) {
    Json body = body_json(reply);
    return std::to_string(reply.status) + " " + body.string_or("code", "") + ": " +
           body.string_or("message", "");
}

}  // namespace

TEST_CASE("a draft starts as a copy of the action at version 1", "[emulator][drafts]") {
    TestServer server(small_seed());
    REQUIRE(error_line(server.api("GET", draft())) ==
            "404 not.found: Action custom_-_0001 has no draft");
    Reply created = server.api("POST", draft());
    REQUIRE(created.status == 200);
    Json copy = body_json(created);
    REQUIRE(copy.find("version")->as_integer() == 1);
    REQUIRE(copy.find("config")->find("timeoutSeconds")->as_integer() == 3);
    REQUIRE(copy.find("contract") != nullptr);
    REQUIRE(error_line(server.api("POST", draft())) ==
            "409 conflict: Action custom_-_0001 already has a draft");
    REQUIRE(body_json(server.api("GET", draft())).find("config") == nullptr);
    REQUIRE(body_json(server.api("GET", draft() + "?includeConfig=true")).find("config") !=
            nullptr);
    REQUIRE(error_line(server.api("POST", action_path("static_-_0005") + "/draft")) ==
            "400 bad.request: Action static_-_0005 is a built-in action and cannot be changed");
    REQUIRE(server.api("POST", action_path("custom_-_9999") + "/draft").status == 404);
}

TEST_CASE("a draft PATCH may change contract and secure, at the draft's version",
          "[emulator][drafts]") {
    TestServer server(small_seed());
    server.api("POST", draft());
    Reply patched =
        server.api("PATCH", draft(),
                   R"({"version": 1, "secure": true, "contract": {"input": {}, "output": {}},
                                   "config": {"timeoutSeconds": 60}})");
    REQUIRE(patched.status == 200);
    Json answer = body_json(patched);
    REQUIRE(answer.find("version")->as_integer() == 2);
    REQUIRE(answer.find("secure")->as_bool());
    REQUIRE(write_json(*answer.find("config")) == R"({"timeoutSeconds":60})");
    REQUIRE(error_line(server.api("PATCH", draft(), R"({"version": 1, "name": "x"})")) ==
            "409 conflict: Version does not match current version.");
    REQUIRE(error_line(server.api("PATCH", draft(),
                                  R"({"version": 2, "config": {"timeoutSeconds": 61}})")) ==
            "400 constraint.validation: config.timeoutSeconds must be an integer from 1 to 60");
    REQUIRE(
        error_line(server.api("PATCH", draft(), R"({"version": 2, "id": "x"})")) ==
        "400 invalid.property: id is not a property of UpdateDraftInput (name, category, config, "
        "contract, secure, version)");
    // The published action is untouched.
    Json published =
        body_json(server.api("GET", action_path("custom_-_0001") + "?includeConfig=true"));
    REQUIRE(published.find("version")->as_integer() == 3);
    REQUIRE(published.find("config")->find("timeoutSeconds")->as_integer() == 3);
}

TEST_CASE("a draft is tested with its own timeout", "[emulator][drafts]") {
    Settings settings;
    settings.time_scale = 0.01;
    TestServer server(small_seed(), settings);
    server.admin("PATCH", "/__emulator/actions/custom_-_0001",
                 R"({"_emulator": {"latencyMs": [5000, 5000]}})");
    server.api("POST", draft());
    server.api("PATCH", draft(), R"({"version": 1, "config": {"timeoutSeconds": 60}})");
    REQUIRE_FALSE(body_json(server.api("POST", action_path("custom_-_0001") + "/test", "{}"))
                      .find("success")
                      ->as_bool());
    REQUIRE(body_json(server.api("POST", draft() + "/test", "{}")).find("success")->as_bool());
    REQUIRE(server.api("GET", draft() + "/validation").body == R"({"valid":true,"errors":[]})");
    REQUIRE(server.api("GET", draft() + "/templates/requesttemplate.vm").body == "");
}

TEST_CASE("publishing makes the draft the action and removes it", "[emulator][drafts]") {
    TestServer server(small_seed());
    server.api("POST", draft());
    server.api("PATCH", draft(), R"({"version": 1, "name": "Order Status v2"})");
    REQUIRE(error_line(server.api("POST", draft() + "/publish", R"({"version": 1})")) ==
            "409 conflict: Version does not match current version.");
    REQUIRE(error_line(server.api("POST", draft() + "/publish", "{}")) ==
            "400 bad.request: version is required: send the draft's current version");
    Reply published = server.api("POST", draft() + "/publish", R"({"version": 2})");
    REQUIRE(published.status == 200);
    Json action = body_json(published);
    REQUIRE(action.string_or("name", "") == "Order Status v2");
    REQUIRE(action.find("version")->as_integer() == 4);
    REQUIRE(server.api("GET", draft()).status == 404);
    REQUIRE(server.admin("GET", "/__emulator/actions/custom_-_0001/draft").status == 404);
}

TEST_CASE("a draft can be deleted and survives admin edits", "[emulator][drafts]") {
    TestServer server(small_seed());
    server.api("POST", draft());
    server.admin("PATCH", "/__emulator/actions/custom_-_0001", R"({"category": "Moved"})");
    REQUIRE(body_json(server.admin("GET", "/__emulator/actions/custom_-_0001/draft"))
                .string_or("category", "") == "Orders Web Services");
    REQUIRE(server.api("DELETE", draft()).status == 204);
    REQUIRE(error_line(server.api("DELETE", draft())) ==
            "404 not.found: Action custom_-_0001 has no draft");
    REQUIRE(server.api("PUT", draft(), "{}").header("allow") == "GET, POST, PATCH, DELETE");
    REQUIRE(server.api("GET", draft() + "/publish").status == 405);
    REQUIRE(server.api("GET", draft() + "/other").status == 404);
}

TEST_CASE("draft requests are logged under their own patterns", "[emulator][drafts]") {
    TestServer server(small_seed());
    server.api("POST", draft());
    server.api("GET", draft() + "/templates/successtemplate.vm");
    server.api("POST", draft() + "/test", "{}");
    Json counts = *body_json(server.admin("GET", "/__emulator/requests")).find("counts");
    REQUIRE(write_json(counts) ==
            R"({"GET /api/v2/integrations/actions/{id}/draft/templates/{file}":1,)"
            R"("POST /api/v2/integrations/actions/{id}/draft":1,)"
            R"("POST /api/v2/integrations/actions/{id}/draft/test":1,"POST /oauth/token":1})");
}
