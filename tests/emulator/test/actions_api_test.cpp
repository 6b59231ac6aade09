// The actions API over HTTP: list, get, templates, PATCH, PUT, DELETE, POST.

#include <set>

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

// The ErrorBody of a reply, checked against its correlation id, as "<status> <code>: <message>".
std::string failure(const Reply& reply) {
    Json body = body_json(reply);
    REQUIRE(body.string_or("contextId", "") == reply.header("inin-correlation-id"));
    REQUIRE(is_uuid_v4(body.string_or("contextId", "")));
    REQUIRE(body.find("status")->as_integer() == reply.status);
    REQUIRE(write_json(*body.find("details")) == "[]");
    REQUIRE(write_json(*body.find("errors")) == "[]");
    return std::to_string(reply.status) + " " + body.string_or("code", "") + ": " +
           body.string_or("message", "");
}

std::string one() {
    return action_path("custom_-_0001");
}

}  // namespace

TEST_CASE("paging through 250 actions at 100 a page gives every action once", "[emulator][api]") {
    TestServer server(generated_seed(250));
    std::set<std::string> seen;
    for (int page = 1; page <= 3; ++page) {
        Reply reply = server.api("GET", "/api/v2/integrations/actions?pageSize=100&pageNumber=" +
                                            std::to_string(page) + "&includeConfig=true");
        REQUIRE(reply.status == 200);
        REQUIRE(reply.header("content-type") == "application/json");
        Json listing = body_json(reply);
        REQUIRE(listing.find("pageCount")->as_integer() == 3);
        for (const auto& entity : listing.find("entities")->as_array()) {
            REQUIRE(entity.find("config") != nullptr);
            seen.insert(entity.string_or("id", ""));
        }
    }
    REQUIRE(seen.size() == 250);
}

TEST_CASE("a page size above 100 is refused with an ErrorBody", "[emulator][api]") {
    TestServer server(small_seed());
    REQUIRE(failure(server.api("GET", "/api/v2/integrations/actions?pageSize=500")) ==
            "400 invalid.query.param.value: Value [500] is not valid for query parameter pageSize: "
            "an integer from 1 "
            "to 100");
}

TEST_CASE("one action comes without config or contract unless asked for", "[emulator][api]") {
    TestServer server(small_seed());
    Json plain = body_json(server.api("GET", one()));
    REQUIRE(plain.find("config") == nullptr);
    REQUIRE(plain.find("contract") == nullptr);
    REQUIRE(plain.string_or("selfUri", "") == one());
    Json full = body_json(server.api("GET", one() + "?includeConfig=true&expand=contract"));
    REQUIRE(full.find("config")->find("timeoutSeconds")->as_integer() == 3);
    REQUIRE(full.find("contract")->find("input") != nullptr);
    REQUIRE(body_json(server.api("GET", one() + "?expand=contract")).find("config") == nullptr);
    REQUIRE(failure(server.api("GET", action_path("custom_-_9999"))) ==
            "404 not.found: Action custom_-_9999 not found");
}

TEST_CASE("templates are served as text", "[emulator][api]") {
    TestServer server(small_seed());
    Reply request = server.api("GET", one() + "/templates/requesttemplate.vm");
    REQUIRE(request.status == 200);
    REQUIRE(request.header("content-type") == "text/plain; charset=UTF-8");
    REQUIRE(request.body == "{\n  \"q\": \"${input.orderId}\",\n  \"who\": \"Zoë\"\n}");
    REQUIRE(server.api("GET", one() + "/templates/successtemplate.vm").body ==
            "{\"status\": ${status}}");
    REQUIRE(failure(server.api("GET", one() + "/templates/other.vm")) ==
            "404 not.found: No template other.vm: use requesttemplate.vm or successtemplate.vm");
    REQUIRE(
        server.api("GET", action_path("custom_-_9999") + "/templates/requesttemplate.vm").status ==
        404);
}

TEST_CASE("a PATCH with the current version changes the action and answers it with its config",
          "[emulator][api]") {
    TestServer server(small_seed());
    Reply reply =
        server.api("PATCH", one(),
                   R"({"version": 3, "name": "Order Status", "config": {"timeoutSeconds": 9}})");
    REQUIRE(reply.status == 200);
    Json answer = body_json(reply);
    REQUIRE(answer.find("version")->as_integer() == 4);
    REQUIRE(answer.string_or("name", "") == "Order Status");
    // config replaces the whole stored config
    REQUIRE(write_json(*answer.find("config")) == R"({"timeoutSeconds":9})");
    Json stored = body_json(server.api("GET", one() + "?includeConfig=true"));
    REQUIRE(write_json(*stored.find("config")) == R"({"timeoutSeconds":9})");
}

TEST_CASE("PATCH rules answer with ErrorBodies", "[emulator][api]") {
    TestServer server(small_seed());
    REQUIRE(failure(server.api("PATCH", one(), R"({"version": 2, "name": "x"})")) ==
            "409 conflict: Version does not match current version.");
    REQUIRE(failure(server.api("PATCH", one(), R"({"name": "x"})")) ==
            "400 bad.request: version is required: send the action's current version");
    REQUIRE(failure(server.api("PATCH", one(),
                               R"({"version": 3, "config": {"timeoutSeconds": 61}})")) ==
            "400 constraint.validation: config.timeoutSeconds must be an integer from 1 to 60");
    REQUIRE(failure(server.api("PATCH", one(), R"({"version": 3, "contract": {}})"))
                .rfind("400 invalid.property: ", 0) == 0);
    REQUIRE(failure(server.api("PATCH", action_path("static_-_0005"),
                               R"({"version": 1, "name": "x"})")) ==
            "400 bad.request: Action static_-_0005 is a built-in action and cannot be changed");
    REQUIRE(
        failure(server.api("PATCH", action_path("customAuth_-_0004"),
                           R"({"version": 1, "config": {"timeoutSeconds": 5}})")) ==
        "400 invalid.value: config.timeoutSeconds is invalid for custom authentication actions");
    REQUIRE(failure(server.api("PATCH", one(), "{oops")) ==
            "400 bad.request: The body is not valid JSON: 1:2: Missing a name for object member.");
    REQUIRE(failure(server.api("PATCH", action_path("custom_-_9999"), R"({"version": 1})")) ==
            "404 not.found: Action custom_-_9999 not found");
    REQUIRE(body_json(server.api("GET", one())).find("version")->as_integer() == 3);
}

TEST_CASE("there is no PUT on an action", "[emulator][api]") {
    TestServer server(small_seed());
    Reply put = server.api("PUT", one(), R"({"version": 3})");
    REQUIRE(failure(put) ==
            "405 method.not.allowed: HTTP method PUT is not supported on "
            "/api/v2/integrations/actions/custom_-_0001");
    REQUIRE(put.header("allow") == "GET, PATCH, DELETE");
    REQUIRE(server.api("POST", one(), "{}").status == 405);
    REQUIRE(server.api("PATCH", "/api/v2/integrations/actions", "{}").status == 405);
}

TEST_CASE("a PUT without Content-Length is still answered by the service", "[emulator][api]") {
    TestServer server(small_seed());
    const std::string token = server.login();
    const std::string answer = raw_exchange(
        server.port(), "PUT " + one() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                           "\r\nConnection: close\r\n\r\n");
    REQUIRE(answer.rfind("HTTP/1.1 405 Method Not Allowed\r\n", 0) == 0);
    REQUIRE(answer.find("ININ-Correlation-Id: ") != std::string::npos);
}

TEST_CASE("DELETE removes an action but not a built-in one", "[emulator][api]") {
    TestServer server(small_seed());
    REQUIRE(server.api("DELETE", action_path("custom_-_0002")).status == 204);
    REQUIRE(server.api("GET", action_path("custom_-_0002")).status == 404);
    REQUIRE(failure(server.api("DELETE", action_path("static_-_0005"))) ==
            "400 bad.request: Action static_-_0005 is a built-in action and cannot be deleted");
    REQUIRE(server.api("DELETE", action_path("custom_-_0002")).status == 404);
}

TEST_CASE("POST creates an action with a new id at version 1", "[emulator][api]") {
    TestServer server(small_seed());
    Reply created = server.api("POST", "/api/v2/integrations/actions",
                               R"({"name": "New", "category": "CRM", "integrationId": "int-crm",
                                   "contract": {"input": {}, "output": {}}, "config": {"timeoutSeconds": 5}})");
    REQUIRE(created.status == 200);
    Json action = body_json(created);
    const std::string id = action.string_or("id", "");
    REQUIRE(id.rfind("custom_-_", 0) == 0);
    REQUIRE(is_uuid_v4(id.substr(9)));
    REQUIRE(action.find("version")->as_integer() == 1);
    REQUIRE(server.api("GET", action_path(id)).status == 200);
    REQUIRE(failure(server.api("POST", "/api/v2/integrations/actions", R"({"name": "x"})")) ==
            "400 bad.request: category is required");
}

TEST_CASE("unknown paths and oversized bodies are refused", "[emulator][api]") {
    TestServer server(small_seed());
    REQUIRE(failure(server.api("GET", "/api/v2/users")) ==
            "404 not.found: No resource at /api/v2/users");
    REQUIRE(failure(server.api("GET", one() + "/drafts")) ==
            "404 not.found: No resource at /api/v2/integrations/actions/custom_-_0001/drafts");
    REQUIRE(server.send("GET", "/elsewhere").status == 404);
    REQUIRE(failure(server.api("PATCH", one(), std::string(600'000, ' '))) ==
            "413 request.entity.too.large: The request body is larger than 512000 bytes");
}

TEST_CASE("answers are sent uncompressed whatever the client accepts", "[emulator][api]") {
    TestServer server(small_seed());
    const std::string token = server.login();
    Reply reply = server.send(
        "GET", "/api/v2/integrations/actions?includeConfig=true", "",
        {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "br, gzip, deflate"}});
    REQUIRE(reply.status == 200);
    REQUIRE(reply.header("content-encoding") == "");
    REQUIRE(body_json(reply).find("total")->as_integer() == 4);
}

TEST_CASE("organizations/me names the org, or refuses while the switch says so", "[emulator]") {
    TestServer server(small_seed());
    Reply me = server.api("GET", "/api/v2/organizations/me");
    CHECK(me.status == 200);
    CHECK(
        me.body ==
        R"({"id":"5e1d0c7a-3f2b-4e6d-9a8c-1b2d3e4f5a6b","name":"Emulated Org","domain":"emulated",)"
        R"("state":"active","selfUri":"/api/v2/organizations/me"})");
    server.settings(R"({"orgMeForbidden": true})");
    Reply refused = server.api("GET", "/api/v2/organizations/me");
    CHECK(refused.status == 403);
    CHECK(refused.body.find("\"code\":\"missing.permissions\"") != std::string::npos);
}
