#include "providers/genesys/json_slice.h"

#include <catch2/catch.hpp>

using namespace dactl::genesys;

TEST_CASE("object_members slices keys and values as written", "[json]") {
    const auto members = object_members(
        " { \"a\" : 1.50 , \"b\\\"}\":{\"x\": [1, \"]}\"]},\"c\":\"s\\\\\",\"d\":null,\"e\":[ ] "
        "} ");
    REQUIRE(members.size() == 5);
    CHECK(members[0].key == "\"a\"");
    CHECK(members[0].value == "1.50");
    CHECK(members[1].key == "\"b\\\"}\"");
    CHECK(members[1].value == "{\"x\": [1, \"]}\"]}");
    CHECK(members[2].value == "\"s\\\\\"");
    CHECK(members[3].value == "null");
    CHECK(members[4].value == "[ ]");
    CHECK(object_members("{}").empty());
    CHECK(object_members("[1]").empty());
    CHECK(object_members("").empty());
}

TEST_CASE("array_elements slices elements as written", "[json]") {
    const auto elements = array_elements("[ {\"a\": [1,2]} ,\n\"x,y\", 3e5,true ]");
    REQUIRE(elements.size() == 4);
    CHECK(elements[0] == "{\"a\": [1,2]}");
    CHECK(elements[1] == "\"x,y\"");
    CHECK(elements[2] == "3e5");
    CHECK(elements[3] == "true");
    CHECK(array_elements("[]").empty());
    CHECK(array_elements("{}").empty());
}

TEST_CASE("slicing stays inside truncated text", "[json]") {
    CHECK(object_members("{\"a\": \"unterminated").size() == 1);
    CHECK(object_members("{\"a").size() == 1);
    CHECK(array_elements("[\"x\\").size() == 1);
}

TEST_CASE("trim_json_space trims JSON whitespace only", "[json]") {
    CHECK(trim_json_space(" \t\r\n{} \n") == "{}");
    CHECK(trim_json_space("\v{}") == "\v{}");
}
