#include "engine/util/json_depth.h"

#include <string>

#include <catch2/catch.hpp>

using namespace dactl;

TEST_CASE("json_nesting_depth counts objects and arrays, not brackets in strings", "[json]") {
    CHECK(json_nesting_depth("") == 0);
    CHECK(json_nesting_depth("42") == 0);
    CHECK(json_nesting_depth(R"({"a": [1, {"b": []}]})") == 4);
    CHECK(json_nesting_depth(R"({"a": "[[[[{{{"})") == 1);
    CHECK(json_nesting_depth(R"({"a": "\"[[[", "b": [[]]})") == 3);
    CHECK(json_nesting_depth(R"(["\\", [[]]])") == 3);
    CHECK(json_nesting_depth("]]]][") == 1);
    CHECK(json_nesting_depth(std::string(100000, '[')) == 100000);
    CHECK(json_nesting_depth("\"unterminated [[[") == 0);
    CHECK(json_nesting_depth("\"\\") == 0);
}
