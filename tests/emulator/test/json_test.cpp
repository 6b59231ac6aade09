// Json values, merge patches and the JSON text codec.

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/json_value.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

Json parsed(const std::string& text) {
    Result<Json> value = parse_json(text);
    REQUIRE(value.ok());
    return *value;
}

}  // namespace

TEST_CASE("JSON text round-trips compactly, keeping member order and UTF-8", "[emulator][json]") {
    const std::string text = R"({"b":1,"a":[true,null,2.5,"Zoë \"q\"\n"],"c":{}})";
    REQUIRE(write_json(parsed(text)) == text);
}

TEST_CASE("integers and other numbers stay apart", "[emulator][json]") {
    REQUIRE(parsed("5").is_integer());
    REQUIRE(parsed("5").as_integer() == 5);
    REQUIRE_FALSE(parsed("5.0").is_integer());
    REQUIRE(parsed("5.0").is_number());
    REQUIRE(parsed("-9007199254740993").as_integer() == -9007199254740993LL);
    REQUIRE(write_json(parsed("2.5")) == "2.5");
}

TEST_CASE("control characters are escaped when written", "[emulator][json]") {
    REQUIRE(write_json(Json(std::string("a\x07"
                                        "b\x1b"))) == R"("a\u0007b\u001B")");
}

TEST_CASE("parse errors name the line and column", "[emulator][json]") {
    Result<Json> value = parse_json("[1,\n 2,\n x]");
    REQUIRE_FALSE(value.ok());
    REQUIRE(value.error().message == "3:2: Invalid value.");
}

TEST_CASE("invalid UTF-8 is refused", "[emulator][json]") {
    Result<Json> value = parse_json("\"\xff\"");
    REQUIRE_FALSE(value.ok());
    REQUIRE(value.error().message == "1:2: Invalid encoding in string.");
}

TEST_CASE("documents nested too deeply are refused", "[emulator][json]") {
    Result<Json> value = parse_json(std::string(150, '[') + std::string(150, ']'));
    REQUIRE_FALSE(value.ok());
    REQUIRE(value.error().message == "the document nests deeper than 100 levels");
}

TEST_CASE("set, find and erase work on object members", "[emulator][json]") {
    Json object = Json::object();
    object.set("a", 1);
    object.set("b", "x");
    object.set("a", 2);
    REQUIRE(write_json(object) == R"({"a":2,"b":"x"})");
    REQUIRE(object.string_or("b", "?") == "x");
    REQUIRE(object.string_or("a", "?") == "?");
    REQUIRE(object.erase("a"));
    REQUIRE_FALSE(object.erase("a"));
    REQUIRE(object.find("a") == nullptr);
}

TEST_CASE("merge patch: objects merge, null deletes, other values replace", "[emulator][json]") {
    Json target = parsed(
        R"({"name":"A","config":{"timeoutSeconds":3,"request":{"x":1,"y":2}},"list":[1,2]})");
    merge_patch(
        target,
        parsed(
            R"({"config":{"timeoutSeconds":30,"request":{"y":null}},"list":[3],"new":{"k":null,"v":1}})"));
    REQUIRE(
        write_json(target) ==
        R"({"name":"A","config":{"timeoutSeconds":30,"request":{"x":1}},"list":[3],"new":{"v":1}})");
}

TEST_CASE("null members are removed everywhere", "[emulator][json]") {
    Json value = parsed(R"({"a":null,"b":[{"c":null,"d":1}],"e":{"f":null}})");
    remove_null_members(value);
    REQUIRE(write_json(value) == R"({"b":[{"d":1}],"e":{}})");
}
