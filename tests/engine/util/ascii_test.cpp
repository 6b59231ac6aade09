#include "engine/util/ascii.h"

#include <catch2/catch.hpp>

using namespace dactl;

TEST_CASE("ascii_lower folds A-Z and leaves every other byte alone", "[util]") {
    REQUIRE(ascii_lower("X-Api-KEY_9") == "x-api-key_9");
    REQUIRE(ascii_lower("Ünïcode ÉTÉ") == "Ünïcode ÉtÉ");
    REQUIRE(ascii_lower("") == "");
    REQUIRE(ascii_lower(std::string_view("A\0B", 3)) == std::string("a\0b", 3));
}
