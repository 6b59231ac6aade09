// Answers no well-behaved API gives: each must become one clear error (with the
// HTTP status and correlation id where there was an answer), never a crash.

#include <catch2/catch.hpp>

#include "providers/genesys/genesys_provider.h"
#include "tests/support/fake_transport.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;

namespace {

const http::Headers k_correlated = {{"ININ-Correlation-Id", "c-7"}};

const std::string k_html_502 =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
    "Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

// A provider whose every API answer (after a good login) is `status` + `body`.
struct Hostile {
    FakeTransport transport;
    GenesysClient client;
    GenesysProvider provider;

    Hostile(int status, std::string body, http::Headers headers = k_correlated)
        : client(transport, {"https://api", "https://login"}, {"id", "secret"}, quiet()),
          provider(client) {
        transport.set_handler([=](const http::Request& request) -> Result<http::Response> {
            if (request.method == "POST") {
                return json_answer(200, R"({"access_token": "t", "expires_in": 86400})");
            }
            http::Response response;
            response.status = status;
            response.body = body;
            response.headers = headers;
            return response;
        });
    }

    static ClientOptions quiet() {
        ClientOptions options;
        options.sleep = [](std::chrono::milliseconds) {};
        return options;
    }

    std::string get_action_error() {
        Result<LiveAction> action = provider.actions().get_action("a");
        return action ? "(decoded)" : action.error().describe();
    }
    std::string list_error() {
        Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
        return actions ? "(decoded)" : actions.error().describe();
    }
};

}  // namespace

TEST_CASE("a 200 whose body is not an action is a clear error", "[provider][hostile]") {
    const std::string tail = " (HTTP 200, correlation id c-7)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "reading action a: an action is not valid JSON: The document is empty. (at byte 0)"},
        {R"({"id": "a", "version": 1, "config": {"timeoutSe)",
         "reading action a: an action is not valid JSON: Missing a closing quotation mark in "
         "string. (at byte 47)"},
        {k_html_502,
         "reading action a: the answer is an HTML page, not JSON (a proxy's or a sign-in page?): "
         "\"502 Bad Gateway 502 Bad Gateway nginx/1.22.1\""},
        {"{\"id\": \"a\xff\", \"version\": 1}",
         "reading action a: an action is not valid JSON: Invalid encoding in string. (at byte "
         "9)"},
        {R"({"id": "a", "version": "3"})",
         R"(reading action a: action "a": version is a string, expected an integer)"},
        {R"({"id": 7, "version": 3})",
         "reading action a: an action: id is a number, expected a "
         "string"},
        {R"({"name": "A", "version": 3})", "reading action a: an action: id is missing"},
        {R"([{"id": "a", "version": 3}])",
         "reading action a: an action is an array, expected an object"},
        {R"({"id": "a", "version": 3, "config": {"request": {"headers": {"A": 1}}}})",
         R"(reading action a: action "a": config.request.headers.A is a number, expected a string)"},
    };
    for (const auto& [body, expected] : cases) {
        INFO(body);
        Hostile api(200, body);
        CHECK(api.get_action_error() == expected + tail);
    }
}

TEST_CASE("a 200 whose body is not an action list is a clear error", "[provider][hostile]") {
    const std::string tail = " (HTTP 200, correlation id c-7)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "page 1: the action list is not valid JSON: The document is empty. (at byte 0)"},
        {R"({"entities": [{"id": "a", "version": 1}], "pageCou)",
         "page 1: the action list is not valid JSON: Missing a closing quotation mark in "
         "string. (at byte 50)"},
        {k_html_502,
         "page 1: the answer is an HTML page, not JSON (a proxy's or a sign-in page?): \"502 Bad "
         "Gateway 502 Bad Gateway nginx/1.22.1\""},
        {R"({"entities": null, "pageCount": 1})",
         "page 1: the action list: entities is null, expected an array"},
        {R"({"entities": [], "pageCount": -1})",
         "page 1: the action list says it has -1 pages; dactl reads from 0 to 10000"},
        {R"({"entities": [], "pageCount": 2147483647})",
         "page 1: the action list says it has 2147483647 pages; dactl reads from 0 to 10000"},
    };
    for (const auto& [body, expected] : cases) {
        INFO(body);
        Hostile api(200, body);
        CHECK(api.list_error() == expected + tail);
        CHECK(api.transport.count() == 2);
    }
}

TEST_CASE("error pages that are not the API's ErrorBody are quoted, with status and id",
          "[provider][hostile]") {
    Hostile gateway(502, k_html_502);
    CHECK(gateway.get_action_error() ==
          "502 Bad Gateway 502 Bad Gateway nginx/1.22.1 (HTTP 502, correlation id c-7)");
    CHECK(gateway.transport.count() == 6);  // the login, then 5 attempts

    Hostile empty(500, "", {});
    CHECK(empty.get_action_error() ==
          "GET /api/v2/integrations/actions/a: the answer carried no error message (HTTP 500)");
    CHECK(empty.transport.count() == 2);  // a 500 is not retried

    Hostile wrong_types(400, R"({"message": 5, "code": ["x"], "contextId": 9})");
    CHECK(wrong_types.get_action_error() ==
          "GET /api/v2/integrations/actions/a: the answer carried no error message (HTTP 400, "
          "correlation id c-7)");

    Hostile binary(404, "\xff\xfe<p>Not \x01\x02 found</p>\x80", {});
    CHECK(binary.get_action_error() == "<p>Not found</p> (HTTP 404)");

    Hostile moved(301, "<html>Moved</html>",
                  {{"Location", "https://api.mypurecloud.ie/api/v2/integrations/actions/a"}});
    CHECK(
        moved.get_action_error() ==
        "GET /api/v2/integrations/actions/a was redirected to "
        "https://api.mypurecloud.ie/api/v2/integrations/actions/a; dactl follows no redirects (is "
        "the URL right, or is a proxy in the way?) (HTTP 301)");
    Hostile nowhere(307, "", {});
    CHECK(nowhere.get_action_error() ==
          "GET /api/v2/integrations/actions/a was redirected; dactl follows no redirects (is the "
          "URL right, or is a proxy in the way?) (HTTP 307)");
    Hostile hostile_location(302, "", {{"Location", "https://x/\x1b[2J" + std::string(400, 'a')}});
    CHECK(hostile_location.get_action_error() ==
          "GET /api/v2/integrations/actions/a was redirected to https://x/\\u001b[2J" +
              std::string(300 - 19, 'a') +
              "...; dactl follows no redirects (is the URL right, or is a proxy in the way?) (HTTP "
              "302)");

    Hostile huge(503, std::string(1 << 20, 'x') + " tail");
    const std::string described = huge.get_action_error();
    CHECK(described == std::string(200, 'x') + " (HTTP 503, correlation id c-7)");
}

TEST_CASE("a login answer that is not usable is a clear error", "[client][hostile]") {
    const std::vector<std::pair<http::Response, std::string>> cases = {
        {json_answer(200, ""),
         "logging in at https://login failed: the login answer is not a JSON object (HTTP 200)"},
        {json_answer(200, R"({"access_token": "t", "expires_in": "86400"})"),
         "logging in at https://login failed: the login answer's expires_in is not a positive "
         "integer (HTTP 200)"},
        {json_answer(200, R"({"access_token": 5})"),
         "logging in at https://login failed: the login answer has no access_token (HTTP 200)"},
        {json_answer(200, R"({"access_tok)"),
         "logging in at https://login failed: the login answer is not a JSON object (HTTP 200)"},
        {json_answer(403, k_html_502),
         "logging in at https://login failed: 502 Bad Gateway 502 Bad Gateway nginx/1.22.1 "
         "(HTTP 403)"},
        {{200, {{"Content-Type", "text/html"}}, "<title>Corporate sign-in</title><p>Who are you?"},
         "logging in at https://login failed: the answer is an HTML page, not JSON (a proxy's or "
         "a sign-in page?): \"Corporate sign-in Who are you?\" (HTTP 200)"},
        {{302, {{"Location", "https://sso.example.com/login?next=%2Foauth"}}, ""},
         "logging in at https://login failed: POST /oauth/token was redirected to "
         "https://sso.example.com/login?next=%2Foauth; dactl follows no redirects (is the URL "
         "right, or is a proxy in the way?) (HTTP 302)"},
    };
    for (const auto& [answer, expected] : cases) {
        INFO(answer.body);
        FakeTransport transport;
        transport.push(answer);
        GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
        Result<http::Response> result = client.get("/x");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().describe() == expected);
        CHECK(result.error().at_login);
        CHECK(transport.count() == 1);
    }
}

TEST_CASE("answers nested millions deep are an error, not a stack overflow",
          "[provider][hostile]") {
    const std::string deep(4 << 20, '[');  // under the transport's 16 MiB cap
    Hostile error_page(502, deep, {});
    CHECK(error_page.get_action_error() == std::string(200, '[') + " (HTTP 502)");

    Hostile action(200, deep);
    CHECK(action.get_action_error() ==
          "reading action a: an action is nested more than 128 levels deep (HTTP 200, "
          "correlation id c-7)");

    FakeTransport transport;
    transport.push(json_answer(200, deep));
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    CHECK(client.get("/x").error().message ==
          "logging in at https://login failed: the login answer is not a JSON object");

    transport.push(json_answer(401, deep));
    CHECK(client.get("/x").error().describe() ==
          "logging in at https://login failed: " + std::string(200, '[') + " (HTTP 401)");
}
