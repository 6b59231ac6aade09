#include <cmath>

#include <catch2/catch.hpp>

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"

using namespace dactl;

namespace {

const StringMap k_headers = {{"Accept", "application/json"}, {"X-Api-Key", "s3cret"}};

Result<Value> read_back(Field field, const std::string& text) {
    rapidjson::Document document;
    REQUIRE_FALSE(parse_json(text, document, Utf8::trusted));
    return read_value(field, document);
}

}  // namespace

TEST_CASE("value_json writes every kind of value, secrets masked unless revealed", "[json]") {
    CHECK(value_json(Field::timeout_seconds, Value()) == "null");
    CHECK(value_json(Field::timeout_seconds, 15) == "15");
    CHECK(value_json(Field::request_type, "GET") == "\"GET\"");
    CHECK(value_json(Field::request_template, "a\n\"b\"") == "\"a\\n\\\"b\\\"\"");
    CHECK(value_json(Field::request_headers, k_headers) ==
          R"j({"Accept":"application/json","X-Api-Key":"(sensitive)"})j");
    CHECK(value_json(Field::request_headers, k_headers, Secrets::revealed) ==
          R"j({"Accept":"application/json","X-Api-Key":"s3cret"})j");
    // Only request headers hold secrets: the same names elsewhere are data.
    CHECK(value_json(Field::response_translation_map, StringMap{{"token", "$.token"}}) ==
          R"j({"token":"$.token"})j");
}

TEST_CASE("JsonWriter writes pretty JSON with masked values and documents", "[json]") {
    JsonWriter json;
    json.begin_object();
    json.member("name", "x");
    json.member("count", std::int64_t{3});
    json.key("ratio");
    json.number(std::nan(""));
    json.key("headers");
    json.value(Field::request_headers, k_headers);
    json.key("document");
    json.document(
        R"j({"id":"a","config":{"request":{"headers":{"Authorization":"Bearer t0k3n","Accept":"*/*"}}}})j");
    json.key("not_an_object");
    json.document("[1]");
    json.strings("list", {"a", "b"});
    json.end_object();

    CHECK(json.finish() == R"j({
  "name": "x",
  "count": 3,
  "ratio": null,
  "headers": {
    "Accept": "application/json",
    "X-Api-Key": "(sensitive)"
  },
  "document": {
    "id": "a",
    "config": {
      "request": {
        "headers": {
          "Authorization": "(sensitive)",
          "Accept": "*/*"
        }
      }
    }
  },
  "not_an_object": {},
  "list": [
    "a",
    "b"
  ]
}
)j");
}

TEST_CASE("read_value reads back what value_json wrote, and names a wrong type", "[json]") {
    CHECK(read_back(Field::timeout_seconds, "null").value() == Value());
    CHECK(read_back(Field::timeout_seconds, "15").value() == Value(15));
    CHECK(read_back(Field::request_template, "\"a\\u0000b\"").value() ==
          Value(std::string("a\0b", 3)));
    CHECK(read_back(Field::request_headers, R"j({"Accept":"*/*"})j").value() ==
          Value(StringMap{{"Accept", "*/*"}}));
    CHECK(read_back(Field::timeout_seconds, "\"15\"").error().message ==
          "timeout_seconds has the wrong type");
    CHECK(read_back(Field::request_type, "{}").error().message ==
          "request.type has the wrong type");
    CHECK(read_back(Field::request_headers, R"j({"Accept":1})j").error().message ==
          "request.headers has a non-string entry");
}

TEST_CASE("parse_json says why a text is not JSON, and refuses deep nesting unparsed", "[json]") {
    rapidjson::Document document;
    std::optional<JsonProblem> invalid = parse_json("{\"a\":}", document, Utf8::trusted);
    REQUIRE(invalid);
    CHECK(invalid->describe() == "not valid JSON at byte 5: Invalid value.");
    std::optional<JsonProblem> deep = parse_json(std::string(129, '['), document, Utf8::trusted);
    REQUIRE(deep);
    CHECK(deep->too_deep);
    CHECK(deep->describe() == "nested more than 128 levels deep");
    CHECK(parse_json("\"\xff\"", document, Utf8::trusted) == std::nullopt);
    REQUIRE(parse_json("\"\xff\"", document, Utf8::validated));
    CHECK(parse_json("\"\xff\"", document, Utf8::validated)->reason ==
          "Invalid encoding in string.");
}

TEST_CASE("a lone UTF-16 surrogate escaped in a string is not text", "[json]") {
    // Found by fuzz_state_json: RapidJSON decodes "\ude00" to bytes that are not
    // UTF-8, so a state holding it was read, then its own rewrite refused.
    rapidjson::Document document;
    for (auto [text, at] : {std::pair{R"({"name": "Zo\u00eb \ud41d\ude00"})", "25"},
                            std::pair{R"({"\uDC00": 1})", "2"}}) {
        INFO(text);
        std::optional<JsonProblem> problem = parse_json(text, document, Utf8::validated);
        REQUIRE(problem);
        CHECK(problem->describe() == std::string("not valid JSON at byte ") + at +
                                         ": A string escapes a lone UTF-16 surrogate "
                                         "(\\uDC00-\\uDFFF), which is not text.");
    }
    REQUIRE(parse_json(R"([["\ud800"]])", document, Utf8::validated)->reason ==
            "The surrogate pair in string is invalid.");
    CHECK_FALSE(parse_json(R"({"name": "\ud83d\ude00 Zo\u00eb"})", document, Utf8::validated));
}

TEST_CASE("member lookups answer null or nothing for what is not there", "[json]") {
    rapidjson::Document document;
    REQUIRE_FALSE(parse_json(R"j({"a":"x","n":1})j", document, Utf8::trusted));
    CHECK(string_member(document, "a") == "x");
    CHECK(string_member(document, "n") == std::nullopt);
    CHECK(text_member(document, "missing").empty());
    CHECK(member(document, "missing") == nullptr);
    CHECK(member(document["a"], "x") == nullptr);
    CHECK(compact_json(document) == R"j({"a":"x","n":1})j");
}
