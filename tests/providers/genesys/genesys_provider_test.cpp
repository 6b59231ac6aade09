#include "providers/genesys/genesys_provider.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_transport.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;

namespace {

const std::string k_api = "https://api.example.com/api/v2/integrations/actions";
const std::string k_login = "POST https://login.example.com/oauth/token";

std::string action_json(int index) {
    char id[16];
    std::snprintf(id, sizeof id, "a%03d", index);
    return std::string(R"({"id": ")") + id + R"(", "name": "Action )" + std::to_string(index) +
           R"(", "category": "C", "version": 1, "config": {"timeoutSeconds": 3}})";
}

std::string page_url(int number) {
    return k_api + "?pageSize=100&pageNumber=" + std::to_string(number) + "&includeConfig=true";
}

// An org of `size` actions behind a FakeTransport, answering logins and list pages.
struct Org {
    FakeTransport transport;
    GenesysClient client;
    int size;
    /// Answers to ?ids= also hold this action (an answer the API should not give).
    std::string extra_entity;

    explicit Org(int actions)
        : client(transport, {"https://api.example.com", "https://login.example.com"},
                 {"id", "secret"}, quiet_options()),
          size(actions) {
        transport.set_handler([this](const http::Request& request) { return answer(request); });
    }

    static ClientOptions quiet_options() {
        ClientOptions options;
        options.sleep = [](std::chrono::milliseconds) {};
        return options;
    }

    Result<http::Response> answer(const http::Request& request) const {
        if (request.method == "POST") {
            return json_answer(200, R"({"access_token": "t", "expires_in": 86400})");
        }
        const std::string by_ids = k_api + "?ids=";
        if (request.url.rfind(by_ids, 0) == 0) {
            const std::string tail = "&pageSize=100&pageNumber=1&includeConfig=true";
            REQUIRE(request.url.size() > by_ids.size() + tail.size());
            REQUIRE(request.url.substr(request.url.size() - tail.size()) == tail);
            std::string list =
                request.url.substr(by_ids.size(), request.url.size() - by_ids.size() - tail.size());
            std::string entities = extra_entity;
            for (std::size_t at = 0; at <= list.size();) {
                const std::size_t comma = std::min(list.find(',', at), list.size());
                const int index = std::stoi(list.substr(at + 1, comma - at - 1));
                if (index < size) {
                    entities += (entities.empty() ? "" : ",") + action_json(index);
                }
                at = comma + 1;
            }
            return json_answer(200, R"({"entities": [)" + entities +
                                        R"(], "pageSize": 100, "pageNumber": 1, "pageCount": 1})");
        }
        const int pages = (size + 99) / 100;
        for (int number = 1; number <= std::max(pages, 1); ++number) {
            if (request.url != page_url(number)) {
                continue;
            }
            std::string entities;
            for (int i = (number - 1) * 100; i < std::min(size, number * 100); ++i) {
                if (!entities.empty()) {
                    entities += ',';
                }
                entities += action_json(i);
            }
            return json_answer(
                200, R"({"entities": [)" + entities + R"(], "pageSize": 100, "pageNumber": )" +
                         std::to_string(number) + R"(, "total": )" + std::to_string(size) +
                         R"(, "pageCount": )" + std::to_string(pages) + "}");
        }
        return json_answer(404, R"({"message": "no such page", "code": "not.found"})");
    }
};

}  // namespace

TEST_CASE("list_actions reads every page once, in page order", "[provider]") {
    for (int parallelism : {1, 2, 10}) {
        INFO(parallelism);
        Org org(250);
        GenesysProvider provider(org.client, parallelism);
        Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
        REQUIRE(actions.ok());
        REQUIRE(actions->size() == 250);
        for (int i = 0; i < 250; ++i) {
            CHECK(actions->at(static_cast<std::size_t>(i)).document == action_json(i));
        }
        auto lines = org.transport.lines();
        REQUIRE(lines.size() == 4);  // 1 token + ceil(250 / 100) pages
        CHECK(lines[0] == k_login);
        CHECK(lines[1] == "GET " + page_url(1));
        std::sort(lines.begin() + 2, lines.end());
        CHECK(lines[2] == "GET " + page_url(2));
        CHECK(lines[3] == "GET " + page_url(3));
    }
}

TEST_CASE("list_actions costs one page for a small or empty org", "[provider]") {
    for (int size : {0, 1, 100}) {
        INFO(size);
        Org org(size);
        GenesysProvider provider(org.client);
        Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
        REQUIRE(actions.ok());
        CHECK(actions->size() == static_cast<std::size_t>(size));
        CHECK(org.transport.lines() == std::vector<std::string>{k_login, "GET " + page_url(1)});
    }
}

TEST_CASE("list_actions fails with the first failed page", "[provider]") {
    Org org(250);
    GenesysProvider provider(org.client, 1);
    org.transport.set_handler([&](const http::Request& request) -> Result<http::Response> {
        if (request.url == page_url(2)) {
            return json_answer(
                403,
                R"({"message": "Missing permission integrations:action:view", "code": "missing.permissions"})");
        }
        if (request.url == page_url(3)) {
            return json_answer(200, R"({"entities": [{"id": "z"}], "pageCount": 3})");
        }
        return org.answer(request);
    });
    Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
    REQUIRE_FALSE(actions.ok());
    CHECK(actions.error().kind == ErrorKind::forbidden);
    CHECK(actions.error().message == "Missing permission integrations:action:view");
    CHECK(org.transport.count() == 3);  // after page 2 failed, page 3 was not started
}

TEST_CASE("list_actions says which page could not be read", "[provider]") {
    Org org(250);
    GenesysProvider provider(org.client);
    org.transport.set_handler([&](const http::Request& request) -> Result<http::Response> {
        if (request.url == page_url(3)) {
            return json_answer(200, R"({"entities": [{"id": "z"}], "pageCount": 3})");
        }
        return org.answer(request);
    });
    Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
    REQUIRE_FALSE(actions.ok());
    CHECK(actions.error().kind == ErrorKind::invalid_response);
    CHECK(actions.error().message == R"(page 3: action "z": version is missing)");
}

// Pages of `ids` (each entry one page), as the API lists them.
std::string page_of(const std::vector<int>& numbers, int page_count, std::optional<int> total = {},
                    bool next = false) {
    std::string entities;
    for (int number : numbers) {
        entities += entities.empty() ? "" : ",";
        entities += action_json(number);
    }
    return "{\"entities\": [" + entities + "], \"pageCount\": " + std::to_string(page_count) +
           (total ? ", \"total\": " + std::to_string(*total) : std::string()) +
           (next ? ", \"nextUri\": \"/api/v2/integrations/actions?pageNumber=9\"" : "") + "}";
}

std::vector<int> numbers(int from, int to) {
    std::vector<int> out;
    for (int n = from; n < to; ++n) {
        out.push_back(n);
    }
    return out;
}

TEST_CASE("list_actions keeps an action that moved across pages once", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, page_of(numbers(0, 100), 2)));
    std::vector<int> second = {99, 100};  // a099 moved down a page while the list was read
    transport.push(json_answer(200, page_of(second, 2)));
    GenesysProvider provider(client);
    Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
    REQUIRE(actions.ok());
    REQUIRE(actions->size() == 101);
    CHECK(actions->at(99).id == "a099");
    CHECK(actions->at(100).id == "a100");
}

TEST_CASE("list_actions reads on while a full last page has a nextUri", "[provider][hostile]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    // pageCount says 1, but the page is full and points at the next one.
    transport.push(json_answer(200, page_of(numbers(0, 100), 1, std::nullopt, true)));
    transport.push(json_answer(200, page_of(numbers(100, 130), 1)));
    GenesysProvider provider(client);
    Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
    REQUIRE(actions.ok());
    CHECK(actions->size() == 130);
    CHECK(transport.count() == 3);
}

TEST_CASE("a listing that contradicts itself is read again, then refused, never truncated",
          "[provider][hostile]") {
    struct Case {
        std::vector<std::string> pages;  ///< answered in turn, for both readings
        std::string message;
    };
    // Page 1 is checked on its own before more pages are asked for.
    const std::vector<Case> cases = {
        {{page_of(numbers(0, 100), 1, 250)},
         "page 1 gives a total of 250 actions and a pageCount of 1, at 100 a page"},
        {{page_of(numbers(0, 60), 2)}, "page 1 of 2 holds 60 actions, not 100"},
        {{page_of(numbers(0, 100), 3), page_of(numbers(100, 150), 3)},  // page 3 never asked
         "page 2 of 3 holds 50 actions, not 100"},
        {{page_of(numbers(0, 100), 2, 200), page_of(numbers(100, 150), 2, 200)},
         "page 1 gives a total of 200 actions, the pages read hold 150"},
        {{page_of({1, 2, 1}, 1)}, "page 1 lists a001 twice"},
        // A lying pageCount costs a request, not thousands.
        {{page_of({1, 2}, 5000)}, "page 1 of 5000 holds 2 actions, not 100"},
        {{page_of(numbers(0, 100), 5000), page_of({}, 5000)},
         "page 2 of 5000 holds 0 actions, not 100"},
    };
    for (const Case& c : cases) {
        FakeTransport transport;
        GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
        transport.push(json_answer(200, R"({"access_token": "t"})"));
        for (int reading = 0; reading < 2; ++reading) {
            for (const std::string& page : c.pages) {
                transport.push(json_answer(200, page));
            }
        }
        GenesysProvider provider(client, 1);
        Result<std::vector<LiveAction>> actions = provider.actions().list_actions();
        REQUIRE_FALSE(actions.ok());
        CHECK(actions.error().kind == ErrorKind::inconsistent);
        CHECK(actions.error().message == "the action list contradicts itself: " + c.message +
                                             "; dactl does not act on a partial org (read twice)");
        CHECK(transport.count() == 1 + 2 * c.pages.size());
    }
}

TEST_CASE("a read-back of another action is refused", "[provider][hostile]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, R"({"id": "custom_-_other", "version": 4})"));
    GenesysProvider provider(client);
    Result<LiveAction> action = provider.actions().get_action("custom_-_mine");
    REQUIRE_FALSE(action.ok());
    CHECK(action.error().message ==
          "reading action custom_-_mine: the API answered action custom_-_other instead");
}

TEST_CASE("get_action reads one action with its config, the id encoded", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, R"({"id": "custom_-_a/b c", "version": 4})"));
    transport.push(
        json_answer(404, R"({"message": "Action custom_-_x not found", "code": "not.found"})"));
    GenesysProvider provider(client);
    Result<LiveAction> action = provider.actions().get_action("custom_-_a/b c");
    REQUIRE(action.ok());
    CHECK(action->version == 4);
    Result<LiveAction> gone = provider.actions().get_action("custom_-_x");
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().kind == ErrorKind::not_found);
    CHECK(gone.error().message == "Action custom_-_x not found");
    CHECK(transport.lines() ==
          std::vector<std::string>{
              "POST https://login/oauth/token",
              "GET https://api/api/v2/integrations/actions/custom_-_a%2Fb%20c?includeConfig=true",
              "GET https://api/api/v2/integrations/actions/custom_-_x?includeConfig=true"});
}

TEST_CASE("find_unlisted asks per id and per exact name, custom authentication included",
          "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, R"({"id": "custom_-_9", "name": "Orders OAuth Token",
                                        "version": 2})"));
    transport.push(json_answer(404, R"({"message": "not found", "code": "not.found"})"));
    // The name filter matches parts of names: only the exact one is kept.
    transport.push(json_answer(200, R"({"entities": [
        {"id": "custom_-_7", "name": "Refresh Token v2", "version": 1},
        {"id": "custom_-_8", "name": "Refresh Token", "version": 1}],
        "pageSize": 100, "pageNumber": 1, "pageCount": 1})"));
    GenesysProvider provider(client);

    Result<std::vector<LiveAction>> found = provider.actions().find_unlisted(
        {Selector{Selector::By::id, "custom_-_9"}, Selector{Selector::By::id, "custom_-_0"},
         Selector{Selector::By::name, "Refresh Token"}});

    REQUIRE(found.ok());
    REQUIRE(found->size() == 2);
    CHECK((*found)[0].id == "custom_-_9");
    CHECK((*found)[1].id == "custom_-_8");
    CHECK(transport.lines() ==
          std::vector<std::string>{
              "POST https://login/oauth/token",
              "GET https://api/api/v2/integrations/actions/custom_-_9?includeConfig=true",
              "GET https://api/api/v2/integrations/actions/custom_-_0?includeConfig=true",
              "GET https://api/api/v2/integrations/actions?name=Refresh%20Token"
              "&includeAuthActions=true&pageSize=100&pageNumber=1"});
}

TEST_CASE("load_templates fetches only the unloaded templates", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    GenesysProvider provider(client);
    LiveAction nothing_to_load;
    nothing_to_load.id = "a";
    REQUIRE(provider.actions().load_templates(nothing_to_load).ok());
    CHECK(transport.count() == 0);

    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(200, "#set($a = 1)\n${input.x}\n", {{"Content-Type", "text/plain"}});
    transport.push(200, "${rawResult}", {{"Content-Type", "text/plain"}});
    LiveAction action;
    action.id = "a b";
    action.unloaded = {Field::request_template, Field::response_success_template};
    REQUIRE(provider.actions().load_templates(action).ok());
    CHECK(action.unloaded.empty());
    CHECK(action.get(Field::request_template) == Value("#set($a = 1)\n${input.x}\n"));
    CHECK(action.get(Field::response_success_template) == Value("${rawResult}"));
    const auto requests = transport.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[1].url ==
          "https://api/api/v2/integrations/actions/a%20b/templates/requesttemplate.vm");
    CHECK(requests[2].url ==
          "https://api/api/v2/integrations/actions/a%20b/templates/successtemplate.vm");
    CHECK(header_of(requests[1], "Accept") == "text/plain");

    transport.push(json_answer(404, R"({"message": "no template", "code": "not.found"})"));
    LiveAction missing;
    missing.id = "m";
    missing.unloaded = {Field::response_success_template};
    Status failed = provider.actions().load_templates(missing);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::not_found);
    CHECK(missing.unloaded == std::set<Field>{Field::response_success_template});
}

namespace {

const std::string k_uri_action = R"({"id": "custom_-_7", "name": "Lookup", "category": "Orders",
  "integrationId": "i-1", "version": 6, "secure": false, "contract": {"input": {"inputSchema": {}}},
  "config": {"timeoutSeconds": 3, "extensionKey": {"keep": [1, 2.50, "x\u00e9"]},
    "request": {"requestUrlTemplate": "https://o/${input.id}", "requestType": "POST",
      "headers": {"Authorization": "Basic abc"},
      "requestTemplateUri": "/api/v2/integrations/actions/custom_-_7/templates/requesttemplate.vm"},
    "response": {"translationMap": {}, "successTemplate": "${rawResult}"}}})";

}  // namespace

TEST_CASE("update_action inlines a URI template and PATCHes the full config", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    GenesysProvider provider(client);
    Result<LiveAction> base = decode_action(k_uri_action);
    REQUIRE(base.ok());
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(200, "{\"id\": \"${input.id}\"}\n");
    transport.push(json_answer(200, R"({"id": "custom_-_7", "name": "Lookup", "version": 7})"));
    Result<LiveAction> written =
        provider.actions().update_action(*base, {{Field::timeout_seconds, 15}});
    REQUIRE(written.ok());
    CHECK(written->version == 7);
    CHECK(written->get(Field::timeout_seconds).is_unset());
    const auto requests = transport.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[1].url ==
          "https://api/api/v2/integrations/actions/custom_-_7/templates/requesttemplate.vm");
    const http::Request& patch = requests[2];
    CHECK(patch.method == "PATCH");
    CHECK(patch.url == "https://api/api/v2/integrations/actions/custom_-_7");
    CHECK(header_of(patch, "Content-Type") == "application/json");
    CHECK(header_of(patch, "Authorization") == "Bearer t");
    CHECK(
        patch.body ==
        R"({"name":"Lookup","category":"Orders","version":6,"config":{"timeoutSeconds":15,)"
        R"("extensionKey":{"keep": [1, 2.50, "x\u00e9"]},)"
        R"("request":{"requestUrlTemplate":"https://o/${input.id}","requestType":"POST",)"
        R"("headers":{"Authorization": "Basic abc"},"requestTemplate":"{\"id\": \"${input.id}\"}\n"},)"
        R"("response":{"translationMap": {}, "successTemplate": "${rawResult}"}}})");
}

TEST_CASE("update_action with everything loaded sends only the PATCH", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    GenesysProvider provider(client);
    Result<LiveAction> base = decode_action(
        R"({"id": "a", "name": "A", "category": "C", "version": 2, "config": {"timeoutSeconds": 3}})");
    REQUIRE(base.ok());
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(
        200,
        R"({"id": "a", "name": "A", "category": "C", "version": 3, "config": {"timeoutSeconds": 9}})"));
    Result<LiveAction> written =
        provider.actions().update_action(*base, {{Field::timeout_seconds, 9}});
    REQUIRE(written.ok());
    CHECK(written->get(Field::timeout_seconds) == Value(9));
    CHECK(transport.lines() ==
          std::vector<std::string>{"POST https://login/oauth/token",
                                   "PATCH https://api/api/v2/integrations/actions/a"});
    CHECK(transport.requests()[1].body ==
          R"({"name":"A","category":"C","version":2,"config":{"timeoutSeconds":9}})");
}

TEST_CASE("update_action reads the action back when the answer is not one", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    GenesysProvider provider(client);
    Result<LiveAction> base = decode_action(R"({"id": "a", "version": 2, "config": {}})");
    REQUIRE(base.ok());
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(200, "");
    transport.push(
        json_answer(200, R"({"id": "a", "version": 3, "config": {"timeoutSeconds": 9}})"));
    Result<LiveAction> written =
        provider.actions().update_action(*base, {{Field::timeout_seconds, 9}});
    REQUIRE(written.ok());
    CHECK(written->version == 3);
    CHECK(transport.lines().back() ==
          "GET https://api/api/v2/integrations/actions/a?includeConfig=true");
}

TEST_CASE("update_action hands back conflicts and server failures without retrying", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"},
                         Org::quiet_options());
    GenesysProvider provider(client);
    Result<LiveAction> base = decode_action(R"({"id": "a", "version": 2, "config": {}})");
    REQUIRE(base.ok());
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(
        409, R"({"message": "Version does not match current version.", "code": "conflict"})"));
    transport.push(
        json_answer(503, R"({"message": "Service unavailable", "code": "service.unavailable"})"));
    Result<LiveAction> conflict =
        provider.actions().update_action(*base, {{Field::timeout_seconds, 9}});
    REQUIRE_FALSE(conflict.ok());
    CHECK(conflict.error().kind == ErrorKind::conflict);
    Result<LiveAction> down =
        provider.actions().update_action(*base, {{Field::timeout_seconds, 9}});
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().kind == ErrorKind::server);
    CHECK(down.error().message == "Service unavailable");
    CHECK(transport.count() == 3);
}

TEST_CASE("update_action fails before writing when a template cannot be loaded", "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"},
                         Org::quiet_options());
    GenesysProvider provider(client);
    Result<LiveAction> base = decode_action(k_uri_action);
    REQUIRE(base.ok());
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(404, R"({"message": "gone", "code": "not.found"})"));
    Result<LiveAction> written =
        provider.actions().update_action(*base, {{Field::timeout_seconds, 9}});
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().kind == ErrorKind::not_found);
    CHECK(transport.lines().back() ==
          "GET https://api/api/v2/integrations/actions/custom_-_7/templates/requesttemplate.vm");
}

TEST_CASE("make_genesys_provider owns its transport", "[provider]") {
    auto transport = std::make_unique<FakeTransport>();
    FakeTransport& fake = *transport;
    fake.push(json_answer(200, R"({"access_token": "t"})"));
    fake.push(json_answer(200, R"({"entities": [], "pageCount": 1})"));
    std::unique_ptr<Provider> provider = make_genesys_provider(
        std::move(transport), {"https://api", "https://login"}, {"id", "secret"}, {}, 4);
    Result<std::vector<LiveAction>> actions = provider->actions().list_actions();
    REQUIRE(actions.ok());
    CHECK(actions->empty());
    CHECK(fake.count() == 2);
}

TEST_CASE("a template answer that is an HTML page or empty is refused, naming the URL",
          "[provider][hostile]") {
    const std::string path = "/api/v2/integrations/actions/a/templates/requesttemplate.vm";
    struct Case {
        http::Response answer;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{200, {{"Content-Type", "text/html; charset=utf-8"}}, "<html><body>Sign in</body></html>"},
         "the template at " + path +
             " answered \"text/html; charset=utf-8\", not a template (a proxy's or a sign-in "
             "page?): \"Sign in\""},
        {{200, {{"Content-Type", "text/plain"}}, "  <!DOCTYPE html>\n<html>"},
         "the template at " + path +
             " answered \"text/plain\", not a template (a proxy's or a sign-in page?)"},
        {{200, {{"Content-Type", "application/json"}}, "{}"},
         "the template at " + path +
             " answered \"application/json\", not a template (a proxy's or a sign-in page?): "
             "\"{}\""},
        {{200, {{"Content-Type", "text/plain"}}, ""},
         "the template at " + path +
             " answered nothing, and not as the API answers (no ININ-Correlation-Id): a proxy in "
             "the way?"},
    };
    for (const Case& c : cases) {
        FakeTransport transport;
        GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
        GenesysProvider provider(client);
        transport.push(json_answer(200, R"({"access_token": "t"})"));
        transport.push(c.answer);
        LiveAction action;
        action.id = "a";
        action.unloaded = {Field::request_template};
        Status loaded = provider.actions().load_templates(action);
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().kind == ErrorKind::invalid_response);
        CHECK(loaded.error().message == c.message);
        CHECK(action.get(Field::request_template).is_unset());
    }
}

TEST_CASE("an empty template the API itself answers is taken as it is", "[provider][hostile]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    GenesysProvider provider(client);
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(200, "", {{"Content-Type", "text/plain"}, {"ININ-Correlation-Id", "c-1"}});
    LiveAction action;
    action.id = "a";
    action.unloaded = {Field::request_template};
    REQUIRE(provider.actions().load_templates(action).ok());
    CHECK(action.get(Field::request_template) == Value(""));
}

TEST_CASE("org_identity reads the org, or names its login host when that is forbidden",
          "[provider]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login.mypurecloud.ie"}, {"id", "s"});
    GenesysProvider provider(client);
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, R"({"id": "o-1", "name": "Prod", "domain": "prod"})"));
    transport.push(json_answer(
        403,
        R"({"message": "You are missing directory:organization:view", "code": "missing.permissions"})"));
    Result<OrgIdentity> org = provider.org().org_identity();
    REQUIRE(org.ok());
    CHECK(*org == OrgIdentity{"o-1", "Prod"});
    Result<OrgIdentity> host = provider.org().org_identity();
    REQUIRE(host.ok());
    CHECK(*host == OrgIdentity{"login:login.mypurecloud.ie", ""});
    CHECK(host->describe() == "the org behind login:login.mypurecloud.ie");
    CHECK(transport.lines()[1] == "GET https://api/api/v2/organizations/me");
}

namespace {

std::string id_of(int index) {
    char id[16];
    std::snprintf(id, sizeof id, "a%03d", index);
    return id;
}

std::vector<std::string> ids_from(int first, int last) {
    std::vector<std::string> ids;
    for (int i = first; i <= last; ++i) {
        ids.push_back(id_of(i));
    }
    return ids;
}

std::vector<std::size_t> sizes(const std::vector<std::vector<std::string>>& groups) {
    std::vector<std::size_t> found;
    for (const auto& group : groups) {
        found.push_back(group.size());
    }
    return found;
}

}  // namespace

TEST_CASE("read_groups groups by listed page where that takes fewer reads than ids of 50",
          "[provider][bulk]") {
    Org org(1000);
    GenesysProvider provider(org.client);
    // No listing yet: groups of 50 in the order given.
    REQUIRE(sizes(provider.actions().read_groups(ids_from(0, 119))) ==
            std::vector<std::size_t>{50, 50, 20});
    REQUIRE(provider.actions().list_actions().ok());

    // 984 of 1,000: 10 pages, not 20 groups of ids.
    std::vector<std::vector<std::string>> pages = provider.actions().read_groups(ids_from(16, 999));
    REQUIRE(sizes(pages) ==
            std::vector<std::size_t>{84, 100, 100, 100, 100, 100, 100, 100, 100, 100});
    REQUIRE(pages[1].front() == "a100");
    // 100 on page 1: one page, not two groups of ids.
    REQUIRE(sizes(provider.actions().read_groups(ids_from(0, 99))) ==
            std::vector<std::size_t>{100});
    // 120 spread over 3 pages: 3 reads either way, so ids (smaller answers).
    std::vector<std::string> spread = ids_from(0, 39);
    for (const auto& more : {ids_from(100, 139), ids_from(200, 239)}) {
        spread.insert(spread.end(), more.begin(), more.end());
    }
    REQUIRE(sizes(provider.actions().read_groups(spread)) == std::vector<std::size_t>{50, 50, 20});
    // An id the listing did not hold goes with the ids.
    std::vector<std::string> with_unlisted = ids_from(0, 99);
    with_unlisted.push_back("b999");
    REQUIRE(sizes(provider.actions().read_groups(with_unlisted)) ==
            std::vector<std::size_t>{100, 1});
}

TEST_CASE("read_actions reads a page for many of it, and ids for a few", "[provider][bulk]") {
    Org org(250);
    GenesysProvider provider(org.client);
    REQUIRE(provider.actions().list_actions().ok());
    const std::size_t listed = org.transport.count();

    Result<std::vector<LiveAction>> page = provider.actions().read_actions(ids_from(100, 170));
    REQUIRE(page.ok());
    REQUIRE(page->size() == 71);
    REQUIRE(page->front().id == "a100");
    REQUIRE(page->front().get(Field::timeout_seconds) == Value(3));
    REQUIRE(org.transport.count() == listed + 1);
    REQUIRE(org.transport.lines().back() == "GET " + page_url(2));

    Result<std::vector<LiveAction>> few = provider.actions().read_actions({"a003", "a201", "a999"});
    REQUIRE(few.ok());
    REQUIRE(few->size() == 2);  // a999 does not exist
    REQUIRE(org.transport.lines().back() ==
            "GET " + k_api + "?ids=a003,a201,a999&pageSize=100&pageNumber=1&includeConfig=true");

    // Ids on no listed page, more than 50: ids of 50 a request.
    Org fresh(250);
    GenesysProvider unlisted(fresh.client);
    Result<std::vector<LiveAction>> many = unlisted.actions().read_actions(ids_from(0, 119));
    REQUIRE(many.ok());
    REQUIRE(many->size() == 120);
    REQUIRE(fresh.transport.count() == 1 + 3);  // the login, then 50 + 50 + 20
}

TEST_CASE("read_actions reads by id what moved off its page since the listing",
          "[provider][bulk]") {
    Org org(200);
    GenesysProvider provider(org.client);
    REQUIRE(provider.actions().list_actions().ok());
    org.size = 150;  // a050..a149 now on page 1 of a smaller org? page 2 lacks 150-199
    std::vector<std::string> ids = ids_from(140, 199);

    Result<std::vector<LiveAction>> read = provider.actions().read_actions(ids);

    REQUIRE(read.ok());
    REQUIRE(read->size() == 10);  // a140..a149; the rest no longer exist
    const std::vector<std::string> lines = org.transport.lines();
    REQUIRE(lines[lines.size() - 2] == "GET " + page_url(2));
    REQUIRE(lines.back().rfind("GET " + k_api + "?ids=a150,a151,", 0) == 0);
}

TEST_CASE("a read back that holds an action not asked for is refused", "[provider][bulk]") {
    Org org(10);
    org.extra_entity = action_json(7);
    GenesysProvider provider(org.client);

    Result<std::vector<LiveAction>> read = provider.actions().read_actions({"a001", "a002"});

    REQUIRE_FALSE(read.ok());
    REQUIRE(read.error().kind == ErrorKind::invalid_response);
    REQUIRE(read.error().describe() ==
            "reading back 2 actions by id: the API answered action a007, which was not asked for "
            "(HTTP 200)");
    org.extra_entity = action_json(1);
    REQUIRE(provider.actions().read_actions({"a001", "a002"}).error().message ==
            "reading back 2 actions by id: the API answered a001 twice");
}

TEST_CASE("after the interrupt the read back is one attempt per request, not cut short",
          "[provider][bulk][interrupt]") {
    std::atomic<bool> interrupted{false};
    FakeTransport transport;
    ClientOptions options = Org::quiet_options();
    options.interrupted = &interrupted;
    GenesysClient client(transport, {"https://api.example.com", "https://login.example.com"},
                         {"id", "secret"}, options);
    GenesysProvider provider(client);
    transport.push(json_answer(200, R"({"access_token": "t", "expires_in": 86400})"));
    interrupted = true;
    transport.push(json_answer(503, R"({"message": "Service Unavailable"})"));

    Result<std::vector<LiveAction>> read =
        provider.actions().read_actions_after_interrupt({"a001"});

    REQUIRE_FALSE(read.ok());
    REQUIRE(read.error().http_status == 503);
    REQUIRE(transport.count() == 2);  // the login, one attempt, no retry
    REQUIRE(transport.requests().back().interrupted == nullptr);
}

namespace {

std::string integrations_page_of(int from, int to, int page_count, std::optional<int> total = {}) {
    std::string entities;
    for (int number = from; number < to; ++number) {
        entities += entities.empty() ? "" : ",";
        const char* type = number % 10 == 0 ? "function-data-actions" : "custom-rest-actions";
        entities += "{\"id\": \"int-" + std::to_string(number) +
                    "\", \"integrationType\": {\"id\": \"" + type + "\"}}";
    }
    return "{\"entities\": [" + entities + "], \"pageCount\": " + std::to_string(page_count) +
           (total ? ", \"total\": " + std::to_string(*total) : std::string()) + "}";
}

}  // namespace

TEST_CASE("the integrations list is read page by page, the function ones kept",
          "[provider][functions]") {
    FakeTransport transport;
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, integrations_page_of(0, 100, 2, 130)));
    transport.push(json_answer(200, integrations_page_of(100, 130, 2, 130)));
    GenesysProvider provider(client);
    Result<std::set<std::string>> ids = provider.functions().function_integrations();
    REQUIRE(ids.ok());
    CHECK(ids->size() == 13);
    CHECK(ids->count("int-120") == 1);
    CHECK(transport.count() == 3);
}

TEST_CASE("an integrations list that contradicts itself is read again, then refused",
          "[provider][functions][hostile]") {
    struct Case {
        std::vector<std::string> pages;  ///< answered in turn, for both readings
        std::string message;
    };
    const std::vector<Case> cases = {
        // A lying pageCount costs a request, not thousands.
        {{integrations_page_of(0, 3, 5000)}, "page 1 of 5000 holds 3 integrations, not 100"},
        {{integrations_page_of(0, 100, 5000), integrations_page_of(100, 100, 5000)},
         "page 2 of 5000 holds 0 integrations, not 100"},
        {{integrations_page_of(0, 40, 1, 400)},
         "page 1 gives a total of 400 integrations and a pageCount of 1, at 100 a page"},
        {{integrations_page_of(0, 100, 2, 200), integrations_page_of(100, 120, 2, 200)},
         "page 1 gives a total of 200 integrations, the pages read hold 120"},
    };
    for (const Case& c : cases) {
        FakeTransport transport;
        GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"});
        transport.push(json_answer(200, R"({"access_token": "t"})"));
        for (int reading = 0; reading < 2; ++reading) {
            for (const std::string& page : c.pages) {
                transport.push(json_answer(200, page));
            }
        }
        GenesysProvider provider(client);
        Result<std::set<std::string>> ids = provider.functions().function_integrations();
        REQUIRE_FALSE(ids.ok());
        CHECK(ids.error().kind == ErrorKind::inconsistent);
        CHECK(ids.error().message == "the integrations list contradicts itself: " + c.message +
                                         "; dactl does not act on a partial org (read twice)");
        CHECK(transport.count() == 1 + 2 * c.pages.size());
    }
}
