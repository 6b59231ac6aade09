#include "providers/genesys/action_codec.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;

namespace {

const std::string k_full_action = R"({"id": "custom_-_3f1c", "name": "Get Order Status",
 "integrationId": "8d5b1a7e", "category": "Orders Web Services",
 "version": 3, "secure": true,
 "contract": {"input": {"inputSchema": {"type": "object"}}},
 "config": {"timeoutSeconds": 20,
            "request": {"requestUrlTemplate": "https://orders.example.com/orders/${input.orderId}",
                        "requestType": "GET", "headers": {"Accept": "application/json"},
                        "requestTemplate": "${input.rawRequest}"},
            "response": {"translationMap": {"status": "$.status"},
                         "translationMapDefaults": {"status": "\"UNKNOWN\""},
                         "successTemplate": "{\"status\": ${status}}"}},
 "selfUri": "/api/v2/integrations/actions/custom_-_3f1c"})";

std::string decode_failure(std::string_view json) {
    Result<LiveAction> action = decode_action(json);
    REQUIRE_FALSE(action.ok());
    CHECK(action.error().kind == ErrorKind::invalid_response);
    return action.error().message;
}

}  // namespace

TEST_CASE("decode_action reads every member and field", "[codec]") {
    Result<LiveAction> action = decode_action(k_full_action);
    REQUIRE(action.ok());
    CHECK(action->id == "custom_-_3f1c");
    CHECK(action->name == "Get Order Status");
    CHECK(action->category == "Orders Web Services");
    CHECK(action->integration_id == "8d5b1a7e");
    CHECK(action->version == 3);
    CHECK(action->secure);
    CHECK(action->unloaded.empty());
    CHECK(action->document == k_full_action);
    const FieldValues expected = {
        {Field::name, "Get Order Status"},
        {Field::category, "Orders Web Services"},
        {Field::timeout_seconds, 20},
        {Field::request_url_template, "https://orders.example.com/orders/${input.orderId}"},
        {Field::request_type, "GET"},
        {Field::request_headers, StringMap{{"Accept", "application/json"}}},
        {Field::request_template, "${input.rawRequest}"},
        {Field::response_translation_map, StringMap{{"status", "$.status"}}},
        {Field::response_translation_map_defaults, StringMap{{"status", "\"UNKNOWN\""}}},
        {Field::response_success_template, "{\"status\": ${status}}"},
    };
    CHECK(action->fields == expected);
}

TEST_CASE("decode_action leaves absent and null members unset", "[codec]") {
    Result<LiveAction> action = decode_action(
        R"({"id": "a", "version": 1, "name": "A", "category": null,
            "config": {"request": {"requestType": "POST", "headers": null}, "response": null}})");
    REQUIRE(action.ok());
    CHECK(action->fields == FieldValues{{Field::name, "A"}, {Field::request_type, "POST"}});
    CHECK(action->category.empty());
    CHECK(action->integration_id.empty());
    CHECK_FALSE(action->secure);
    CHECK(action->get(Field::timeout_seconds).is_unset());
}

TEST_CASE("decode_action reads an action without config", "[codec]") {
    Result<LiveAction> action = decode_action(R"( {"id": "a", "version": 7, "name": "A"}
)");
    REQUIRE(action.ok());
    CHECK(action->fields == FieldValues{{Field::name, "A"}});
    CHECK(action->document == R"({"id": "a", "version": 7, "name": "A"})");
}

TEST_CASE("decode_action lists templates given only as URIs as unloaded", "[codec]") {
    Result<LiveAction> action = decode_action(
        R"({"id": "a", "version": 1, "config": {
              "request": {"requestTemplateUri": "/api/v2/integrations/actions/a/templates/requesttemplate.vm"},
              "response": {"successTemplateUri": "/x/successtemplate.vm", "successTemplate": "inline"}}})");
    REQUIRE(action.ok());
    CHECK(action->unloaded == std::set<Field>{Field::request_template});
    CHECK(action->get(Field::request_template).is_unset());
    CHECK(action->get(Field::response_success_template) == Value("inline"));
}

TEST_CASE("decode_action says what is wrong with a malformed action", "[codec]") {
    CHECK(decode_failure(R"({"id": "x", "version": 1, "config": {"timeoutSeconds": "15"}})") ==
          R"(action "x": config.timeoutSeconds is a string, expected an integer)");
    CHECK(decode_failure(R"({"id": "x", "version": 1, "config": {"timeoutSeconds": 1.5}})") ==
          R"(action "x": config.timeoutSeconds is a number, expected an integer)");
    CHECK(decode_failure(R"({"id": "x", "version": 1, "config": []})") ==
          R"(action "x": config is an array, expected an object)");
    CHECK(decode_failure(R"({"id": "x", "version": 1, "config": {"request": "GET"}})") ==
          R"(action "x": config.request is a string, expected an object)");
    CHECK(decode_failure(R"({"id": "x", "version": 1, "name": 5})") ==
          R"(action "x": name is a number, expected a string)");
    CHECK(decode_failure(
              R"({"id": "x", "version": 1, "config": {"request": {"headers": {"A": 1}}}})") ==
          R"(action "x": config.request.headers.A is a number, expected a string)");
    CHECK(
        decode_failure(R"({"id": "x", "version": 1, "config": {"request": {"headers": ["A"]}}})") ==
        R"(action "x": config.request.headers is an array, expected an object)");
    CHECK(
        decode_failure(
            R"({"id": "x", "version": 1, "config": {"response": {"translationMap": {"s": null}}}})") ==
        R"(action "x": config.response.translationMap.s is null, expected a string)");
    CHECK(decode_failure(
              R"({"id": "x", "version": 1, "config": {"request": {"requestTemplateUri": 3}}})") ==
          R"(action "x": config.request.requestTemplateUri is a number, expected a string)");
    CHECK(decode_failure(R"({"id": "x", "version": "3"})") ==
          R"(action "x": version is a string, expected an integer)");
    CHECK(decode_failure(R"({"id": "x", "version": 1, "secure": "no"})") ==
          R"(action "x": secure is a string, expected a boolean)");
    CHECK(decode_failure(R"({"id": "x", "version": 1, "integrationId": {}})") ==
          R"(action "x": integrationId is an object, expected a string)");
    CHECK(decode_failure(R"({"id": "x"})") == R"(action "x": version is missing)");
    CHECK(decode_failure(R"({"version": 1})") == "an action: id is missing");
    CHECK(decode_failure(R"({"id": 12, "version": 1})") ==
          "an action: id is a number, expected a string");
    CHECK(decode_failure(R"([{"id": "x"}])") == "an action is an array, expected an object");
    CHECK(decode_failure("null") == "an action is null, expected an object");
}

TEST_CASE("decode_action refuses text that is not JSON", "[codec]") {
    CHECK(decode_failure("") == "an action is not valid JSON: The document is empty. (at byte 0)");
    CHECK(
        decode_failure(R"({"id": "x", "version": 1)") ==
        "an action is not valid JSON: Missing a comma or '}' after an object member. (at byte 24)");
    CHECK(decode_failure("<html>Bad Gateway</html>") ==
          "an action is not valid JSON: Invalid value. (at byte 0)");
}

TEST_CASE("decode_action refuses invalid UTF-8 without crashing", "[codec]") {
    const std::string bad =
        std::string(R"({"id": "x", "version": 1, "name": ")") + "\xff\xfe" + "\"}";
    CHECK(decode_failure(bad) ==
          "an action is not valid JSON: Invalid encoding in string. (at byte 35)");
    const std::string cut =
        std::string(R"({"id": "x", "version": 1, "name": ")") + "\xe2\x82" + "\"}";
    CHECK(decode_failure(cut) ==
          "an action is not valid JSON: Invalid encoding in string. (at byte 35)");
}

TEST_CASE("decode_action keeps valid UTF-8 and escapes as given", "[codec]") {
    Result<LiveAction> action =
        decode_action(R"({"id": "x", "version": 1, "name": "Caf\u00e9 \u2603 Señal"})");
    REQUIRE(action.ok());
    CHECK(action->name ==
          "Caf\xc3\xa9 \xe2\x98\x83 Se\xc3\xb1"
          "al");
}

TEST_CASE("decode_action refuses absurdly deep nesting without crashing", "[codec]") {
    const std::string deep = R"({"id": "x", "version": 1, "contract": )" +
                             std::string(100000, '[') + std::string(100000, ']') + "}";
    CHECK(decode_failure(deep) == "an action is nested more than 128 levels deep");
    const std::string unbalanced = std::string(200000, '{');
    CHECK(decode_failure(unbalanced) == "an action is nested more than 128 levels deep");
    const std::string fine = R"({"id": "x", "version": 1, "contract": )" + std::string(120, '[') +
                             std::string(120, ']') + "}";
    CHECK(decode_action(fine).ok());
}

TEST_CASE("decode_action_page reads the listing and each entity's own text", "[codec]") {
    const std::string first = R"({"id": "a", "version": 1, "name": "A"})";
    const std::string second = R"({"id":"b","version":2,"config":{"timeoutSeconds":9}})";
    const std::string json = R"({"pageSize": 100, "pageNumber": 2, "total": 202, "pageCount": 3,
        "entities": [ )" + first +
                             " ,\n  " + second + R"( ],
        "selfUri": "/api/v2/integrations/actions?pageNumber=2"})";
    Result<ActionPage> page = decode_action_page(json);
    REQUIRE(page.ok());
    CHECK(page->page_number == 2);
    CHECK(page->page_count == 3);
    CHECK(page->total == 202);
    CHECK_FALSE(page->has_next);
    REQUIRE(page->entities.size() == 2);
    CHECK(page->entities[0].document == first);
    CHECK(page->entities[1].document == second);
    CHECK(page->entities[1].get(Field::timeout_seconds) == Value(9));
}

TEST_CASE("decode_action_page reads an empty org", "[codec]") {
    Result<ActionPage> page = decode_action_page(R"({"entities": [], "pageCount": 0})");
    REQUIRE(page.ok());
    CHECK(page->entities.empty());
    CHECK(page->page_count == 0);
    CHECK(page->page_number == 0);
    CHECK(page->total == std::nullopt);
    Result<ActionPage> next = decode_action_page(
        R"({"entities": [], "pageCount": 1, "total": 0, "nextUri": "/api/v2/x?pageNumber=2"})");
    REQUIRE(next.ok());
    CHECK(next->total == 0);
    CHECK(next->has_next);
}

TEST_CASE("decode_action_page says what is wrong", "[codec]") {
    const auto failure = [](std::string_view json) {
        Result<ActionPage> page = decode_action_page(json);
        REQUIRE_FALSE(page.ok());
        CHECK(page.error().kind == ErrorKind::invalid_response);
        return page.error().message;
    };
    CHECK(failure(R"({"pageCount": 1})") == "the action list: entities is missing");
    CHECK(failure(R"({"entities": []})") == "the action list: pageCount is missing");
    CHECK(failure(R"({"entities": {}, "pageCount": 1})") ==
          "the action list: entities is an object, expected an array");
    CHECK(failure(R"({"entities": [], "pageCount": "1"})") ==
          "the action list: pageCount is a string, expected an integer");
    CHECK(failure(R"({"entities": [{"id": "a", "version": 1}, 5], "pageCount": 1})") ==
          "an action is a number, expected an object");
    CHECK(
        failure(
            R"({"entities": [{"id": "a", "version": 1, "config": {"timeoutSeconds": true}}], "pageCount": 1})") ==
        R"(action "a": config.timeoutSeconds is a boolean, expected an integer)");
    CHECK(failure("[]") == "the action list is an array, expected an object");
    CHECK(failure("{") ==
          "the action list is not valid JSON: Missing a name for object member. (at byte 1)");
}

TEST_CASE("decoding and re-encoding survive every truncation and byte change", "[codec]") {
    // Not a check of messages: any answer is fine as long as it is an answer
    // (no crash, no exception) and a decoded action can be written back.
    std::vector<std::string> inputs;
    for (std::size_t length = 0; length < k_full_action.size(); ++length) {
        inputs.push_back(k_full_action.substr(0, length));
    }
    for (std::size_t at = 0; at < k_full_action.size(); ++at) {
        for (char replacement : {'"', '\\', '{', '}', '[', ']', ',', ':', '\x80', '\0'}) {
            std::string changed = k_full_action;
            changed[at] = replacement;
            inputs.push_back(changed);
        }
    }
    std::size_t decoded = 0;
    for (const std::string& input : inputs) {
        Result<LiveAction> action = decode_action(input);
        if (!action.ok()) {
            CHECK(action.error().kind == ErrorKind::invalid_response);
            continue;
        }
        ++decoded;
        action->unloaded.clear();
        Result<std::string> body = encode_update(*action, {{Field::timeout_seconds, 9}});
        if (body.ok()) {
            CHECK(decode_action(R"({"id": "x", "version": 1, "config": )" +
                                body->substr(body->find("\"config\":") + 9))
                      .ok());
        }
    }
    CHECK(decoded > 0);
    CHECK(decoded < inputs.size());
}
