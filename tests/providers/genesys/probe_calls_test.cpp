// The calls dactl probe makes: the test endpoint and the draft life cycle.
#include <catch2/catch.hpp>

#include "providers/genesys/genesys_provider.h"
#include "providers/genesys/test_result_codec.h"
#include "tests/support/provider_fixture.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;

namespace {

const std::string k_actions = "https://api/api/v2/integrations/actions/";

using Fixture = ProviderFixture;

}  // namespace

TEST_CASE("decode_test_result reads a success", "[provider][probe]") {
    Result<TestRun> run = decode_test_result(
        R"({"operations": [{"step": 1, "name": "x", "success": true}], "success": true})");
    REQUIRE(run.ok());
    CHECK(run->success);
    CHECK_FALSE(run->timed_out);
    CHECK(run->error.empty());
}

TEST_CASE("decode_test_result tells a timeout from another failure", "[provider][probe]") {
    Result<TestRun> timed_out = decode_test_result(
        R"({"error": {"message": "The request to the remote endpoint timed out after 3 seconds",)"
        R"( "code": "request.timeout", "status": 504}, "success": false})");
    REQUIRE(timed_out.ok());
    CHECK_FALSE(timed_out->success);
    CHECK(timed_out->timed_out);
    CHECK(timed_out->error == "The request to the remote endpoint timed out after 3 seconds");

    Result<TestRun> refused = decode_test_result(
        R"({"error": {"message": "Connection refused", "code": "internal.server.error"},)"
        R"( "success": false})");
    REQUIRE(refused.ok());
    CHECK_FALSE(refused->timed_out);
    CHECK(refused->error == "Connection refused");
}

TEST_CASE("decode_test_result falls back to the failed operation's error", "[provider][probe]") {
    Result<TestRun> run = decode_test_result(
        R"({"operations": [{"step": 1, "success": true},)"
        R"( {"step": 2, "success": false, "error": {"message": "HTTP 502 from back-end"}}],)"
        R"( "success": false})");
    REQUIRE(run.ok());
    CHECK(run->error == "HTTP 502 from back-end");
    CHECK_FALSE(run->timed_out);

    Result<TestRun> bare = decode_test_result(R"({"success": false})");
    REQUIRE(bare.ok());
    CHECK(bare->error == "the test failed without an error message");
}

TEST_CASE("decode_test_result refuses what is not a TestExecutionResult", "[provider][probe]") {
    for (const char* body :
         {"", "[]", "<html>Bad gateway</html>", R"({"success": "yes"})", R"({"operations": []})"}) {
        INFO(body);
        Result<TestRun> run = decode_test_result(body);
        REQUIRE_FALSE(run.ok());
        CHECK(run.error().kind == ErrorKind::invalid_response);
    }
    const std::string deep(1'000'000, '[');
    CHECK_FALSE(decode_test_result(deep).ok());
}

TEST_CASE("test_action posts the input to the action's or the draft's test endpoint",
          "[provider][probe]") {
    Fixture f;
    f.transport.push(json_answer(200, R"({"success": true})"));
    f.transport.push(json_answer(
        200,
        R"({"success": false, "error": {"message": "timed out", "code": "request.timeout"}})"));
    Result<TestRun> published =
        f.provider.drafts().test_action("a b", R"({"id": 1})", TestTarget::published);
    REQUIRE(published.ok());
    CHECK(published->success);
    Result<TestRun> draft = f.provider.drafts().test_action("a b", "{}", TestTarget::draft);
    REQUIRE(draft.ok());
    CHECK(draft->timed_out);
    CHECK(f.transport.lines() ==
          std::vector<std::string>{"POST https://login/oauth/token",
                                   "POST " + k_actions + "a%20b/test",
                                   "POST " + k_actions + "a%20b/draft/test"});
    CHECK(f.transport.requests()[1].body == R"({"id": 1})");
    CHECK(header_of(f.transport.requests()[1], "Content-Type") == "application/json");
}

TEST_CASE("test_action names the action when the answer is unreadable", "[provider][probe]") {
    Fixture f;
    f.transport.push(200, "<html>proxy error</html>", {{"Content-Type", "text/html"}});
    Result<TestRun> run = f.provider.drafts().test_action("x", "{}", TestTarget::published);
    REQUIRE_FALSE(run.ok());
    CHECK(run.error().kind == ErrorKind::invalid_response);
    CHECK(run.error().message.find("testing action x") != std::string::npos);
}

TEST_CASE("test_action does not repeat a test after a server failure", "[provider][probe]") {
    Fixture f;
    f.transport.push(json_answer(503, R"({"message": "down", "code": "service.unavailable"})"));
    Result<TestRun> run = f.provider.drafts().test_action("x", "{}", TestTarget::published);
    REQUIRE_FALSE(run.ok());
    CHECK(run.error().kind == ErrorKind::server);
    CHECK(f.transport.count() == 2);
}

TEST_CASE("get_draft answers the draft on 200, nothing on 404, and fails otherwise",
          "[provider][probe]") {
    Fixture f;
    f.transport.push(json_answer(200, R"j({"id": "x", "name": "X (dactl probe)", "version": 1})j"));
    f.transport.push(json_answer(404, R"({"message": "no draft", "code": "not.found"})"));
    f.transport.push(
        json_answer(403, R"({"message": "forbidden", "code": "missing.permissions"})"));
    Result<std::optional<LiveAction>> present = f.provider.drafts().get_draft("x");
    REQUIRE(present.ok());
    REQUIRE(present->has_value());
    CHECK((*present)->name == "X (dactl probe)");
    Result<std::optional<LiveAction>> absent = f.provider.drafts().get_draft("x");
    REQUIRE(absent.ok());
    CHECK_FALSE(absent->has_value());
    Result<std::optional<LiveAction>> denied = f.provider.drafts().get_draft("x");
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "forbidden");
    CHECK(f.transport.lines()[1] == "GET " + k_actions + "x/draft");
}

TEST_CASE("create_draft answers the draft, reading it when the answer has no config",
          "[provider][probe]") {
    Fixture f;
    f.transport.push(
        json_answer(200, R"({"id": "x", "version": 1, "config": {"timeoutSeconds": 3}})"));
    f.transport.push(json_answer(200, R"({"id": "x", "version": 1, "name": "config"})"));
    f.transport.push(
        json_answer(200, R"({"id": "x", "version": 1, "config": {"timeoutSeconds": 4}})"));
    Result<LiveAction> full = f.provider.drafts().create_draft("x");
    REQUIRE(full.ok());
    CHECK(full->get(Field::timeout_seconds) == Value(3));
    Result<LiveAction> read = f.provider.drafts().create_draft("x");
    REQUIRE(read.ok());
    CHECK(read->get(Field::timeout_seconds) == Value(4));
    CHECK(f.transport.lines() ==
          std::vector<std::string>{"POST https://login/oauth/token",
                                   "POST " + k_actions + "x/draft", "POST " + k_actions + "x/draft",
                                   "GET " + k_actions + "x/draft?includeConfig=true"});
    CHECK(f.transport.requests()[1].body == "{}");
}

TEST_CASE("update_draft PATCHes the draft's full config with its version", "[provider][probe]") {
    Fixture f;
    Result<LiveAction> draft =
        decode_action(R"({"id": "x", "name": "X", "category": "C", "version": 2,)"
                      R"( "config": {"timeoutSeconds": 3, "request": {"requestType": "GET"}}})");
    REQUIRE(draft.ok());
    f.transport.push(json_answer(
        200,
        R"({"id": "x", "name": "X", "category": "C", "version": 3, "config": {"timeoutSeconds": 60}})"));
    Result<LiveAction> written =
        f.provider.drafts().update_draft(*draft, {{Field::timeout_seconds, 60}});
    REQUIRE(written.ok());
    CHECK(written->version == 3);
    CHECK(f.transport.lines()[1] == "PATCH " + k_actions + "x/draft");
    CHECK(f.transport.requests()[1].body ==
          R"({"name":"X","category":"C","version":2,"config":{"timeoutSeconds":60,)"
          R"("request":{"requestType": "GET"}}})");
}

TEST_CASE("delete_draft treats an absent draft as deleted", "[provider][probe]") {
    Fixture f;
    f.transport.push(204, "");
    f.transport.push(json_answer(404, R"({"message": "no draft", "code": "not.found"})"));
    f.transport.push(
        json_answer(403, R"({"message": "forbidden", "code": "missing.permissions"})"));
    CHECK(f.provider.drafts().delete_draft("x").ok());
    CHECK(f.provider.drafts().delete_draft("x").ok());
    Status denied = f.provider.drafts().delete_draft("x");
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().message == "forbidden");
    CHECK(f.transport.lines()[1] == "DELETE " + k_actions + "x/draft");
}

TEST_CASE("update_draft sends the draft's URI templates inline, read from the draft",
          "[provider][probe]") {
    Fixture f;
    Result<LiveAction> draft = decode_action(
        R"({"id": "x", "name": "X", "category": "C", "version": 1, "config": {"timeoutSeconds": 3,)"
        R"( "request": {"requestType": "GET",)"
        R"( "requestTemplateUri": "/api/v2/integrations/actions/x/draft/templates/requesttemplate.vm"}}})");
    REQUIRE(draft.ok());
    REQUIRE(draft->unloaded == std::set<Field>{Field::request_template});
    f.transport.push(200, "${input.rawRequest}", {{"Content-Type", "text/plain"}});
    f.transport.push(
        json_answer(200, R"({"id": "x", "version": 2, "config": {"timeoutSeconds": 60}})"));
    REQUIRE(f.provider.drafts().update_draft(*draft, {{Field::timeout_seconds, 60}}).ok());
    CHECK(f.transport.lines() ==
          std::vector<std::string>{"POST https://login/oauth/token",
                                   "GET " + k_actions + "x/draft/templates/requesttemplate.vm",
                                   "PATCH " + k_actions + "x/draft"});
    CHECK(f.transport.requests()[2].body ==
          R"({"name":"X","category":"C","version":1,"config":{"timeoutSeconds":60,)"
          R"("request":{"requestType":"GET","requestTemplate":"${input.rawRequest}"}}})");
}
