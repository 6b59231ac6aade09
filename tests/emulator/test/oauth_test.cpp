// OAuth over HTTP: the token endpoint, bearer tokens, expiry and correlation ids.

#include "tests/emulator/oauth.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

std::map<std::string, std::string> form() {
    return {{"Content-Type", "application/x-www-form-urlencoded"}};
}

std::map<std::string, std::string> basic(const std::string& credentials_base64) {
    std::map<std::string, std::string> headers = form();
    headers["Authorization"] = "Basic " + credentials_base64;
    return headers;
}

// test-client:test-secret-0b9f and test-client:wrong
constexpr const char* k_good = "dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQtMGI5Zg==";
constexpr const char* k_wrong = "dGVzdC1jbGllbnQ6d3Jvbmc=";

}  // namespace

TEST_CASE("client credentials get a bearer token", "[emulator][oauth]") {
    TestServer server(small_seed());
    Reply reply =
        server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_good));
    REQUIRE(reply.status == 200);
    REQUIRE(is_uuid_v4(reply.header("inin-correlation-id")));
    Json body = body_json(reply);
    REQUIRE(body.find("access_token")->as_string().size() == 48);
    REQUIRE(body.string_or("token_type", "") == "bearer");
    REQUIRE(body.find("expires_in")->as_integer() == 86400);
}

TEST_CASE("the token lifetime follows tokenTtlSeconds", "[emulator][oauth]") {
    Settings settings;
    settings.token_ttl_seconds = 300;
    TestServer server(small_seed(), settings);
    Reply reply =
        server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_good));
    REQUIRE(body_json(reply).find("expires_in")->as_integer() == 300);
    server.settings(R"({"tokenTtlSeconds": 600})");
    reply = server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_good));
    REQUIRE(body_json(reply).find("expires_in")->as_integer() == 600);
}

TEST_CASE("wrong or missing credentials and grants get OAuth error bodies", "[emulator][oauth]") {
    TestServer server(small_seed());
    Reply wrong =
        server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_wrong));
    REQUIRE(wrong.status == 401);
    REQUIRE(wrong.body ==
            R"({"error":"invalid_client","description":"client not found or wrong client secret",)"
            R"("error_description":"client not found or wrong client secret"})");
    Reply missing = server.send("POST", "/oauth/token", "grant_type=client_credentials", form());
    REQUIRE(missing.status == 401);
    REQUIRE(body_json(missing).string_or("error_description", "") ==
            "client authentication is required: Authorization: Basic base64(id:secret)");
    Reply garbled =
        server.send("POST", "/oauth/token", "grant_type=client_credentials", basic("%%%"));
    REQUIRE(garbled.status == 401);
    Reply password = server.send("POST", "/oauth/token", "grant_type=password", basic(k_good));
    REQUIRE(password.status == 400);
    REQUIRE(
        password.body ==
        R"({"error":"unsupported_grant_type","description":"grant type password is not supported",)"
        R"("error_description":"grant type password is not supported"})");
    Reply no_grant = server.send("POST", "/oauth/token", "", basic(k_good));
    REQUIRE(no_grant.status == 400);
    REQUIRE(body_json(no_grant).string_or("error", "") == "invalid_request");
    REQUIRE(server.send("GET", "/oauth/token").status == 405);
}

TEST_CASE("API calls need a valid bearer token", "[emulator][oauth]") {
    TestServer server(small_seed());
    Reply none = server.send("GET", "/api/v2/integrations/actions");
    REQUIRE(none.status == 401);
    const std::string context = none.header("inin-correlation-id");
    REQUIRE(is_uuid_v4(context));
    REQUIRE(none.body ==
            R"({"message":"No authentication bearer token specified in authorization header.",)"
            R"("code":"authentication.required","status":401,"contextId":")" +
                context + R"(","details":[],"errors":[]})");
    Reply unknown =
        server.send("GET", "/api/v2/integrations/actions", "", {{"Authorization", "Bearer nope"}});
    REQUIRE(unknown.status == 401);
    REQUIRE(body_json(unknown).string_or("message", "") ==
            "The bearer token is not valid: log in again.");
    REQUIRE(body_json(unknown).string_or("code", "") == "authentication.required");
    REQUIRE(server.api("GET", "/api/v2/integrations/actions").status == 200);
}

TEST_CASE("expired tokens answer credentials.expired until a new login", "[emulator][oauth]") {
    TestServer server(small_seed());
    const std::string token = server.login();
    REQUIRE(server.admin("POST", "/__emulator/tokens/expire").status == 204);
    Reply expired = server.send("GET", "/api/v2/integrations/actions", "",
                                {{"Authorization", "Bearer " + token}});
    REQUIRE(expired.status == 401);
    REQUIRE(body_json(expired).string_or("code", "") == "credentials.expired");
    REQUIRE(body_json(expired).string_or("message", "") ==
            "The bearer token has expired: log in again.");
    const std::string renewed = server.login();
    REQUIRE(server
                .send("GET", "/api/v2/integrations/actions", "",
                      {{"Authorization", "bearer " + renewed}})
                .status == 200);
}

TEST_CASE("tokens expire after their lifetime", "[emulator][oauth]") {
    TokenStore tokens;
    Randomness randomness;
    const TimePoint issued = TimePoint() + std::chrono::hours(1);
    const std::string token = tokens.issue(std::chrono::seconds(300), issued, randomness);
    REQUIRE(tokens.check(token, issued + std::chrono::seconds(299)) == TokenState::valid);
    REQUIRE(tokens.check(token, issued + std::chrono::seconds(300)) == TokenState::expired);
    REQUIRE(tokens.check("other", issued) == TokenState::unknown);
}

TEST_CASE("the token endpoint is rate limited per client id", "[emulator][oauth]") {
    TestServer server(small_seed());
    server.settings(R"({"rateLimit": {"requests": 2, "windowSeconds": 60}})");
    REQUIRE(server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_good))
                .status == 200);
    REQUIRE(server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_good))
                .status == 200);
    Reply limited =
        server.send("POST", "/oauth/token", "grant_type=client_credentials", basic(k_good));
    REQUIRE(limited.status == 429);
    REQUIRE(limited.header("retry-after") == "60");
    REQUIRE(body_json(limited).string_or("code", "") == "too.many.requests.retry.after");
}

TEST_CASE("the admin API lists every token issued, for scans of what a client wrote",
          "[emulator][oauth]") {
    TestServer server(small_seed());
    REQUIRE(server.admin("GET", "/__emulator/tokens").body == R"({"tokens":[]})");
    std::vector<std::string> tokens = {server.login(), server.login()};
    std::sort(tokens.begin(), tokens.end());
    REQUIRE(server.admin("GET", "/__emulator/tokens").body ==
            R"({"tokens":[")" + tokens[0] + R"(",")" + tokens[1] + R"("]})");
    REQUIRE(server.admin("POST", "/__emulator/tokens").status == 405);
}
