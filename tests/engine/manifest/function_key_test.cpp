// function.timeout_seconds: a function data action's own timeout, 1-15 s.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

LoadResult load_action(const std::string& body) {
    return load_sources({{"a.toml", "[action.a]\nname = \"A\"\n" + body}});
}

}  // namespace

TEST_CASE("function.timeout_seconds is read as a dotted key or a table", "[manifest][functions]") {
    for (const std::string& body : {std::string("function.timeout_seconds = 10\n"),
                                    std::string("function = { timeout_seconds = 10 }\n"),
                                    std::string("[action.a.function]\ntimeout_seconds = 10\n")}) {
        LoadResult loaded = load_action(body);
        INFO(body);
        REQUIRE(loaded.diagnostics.format().empty());
        REQUIRE(loaded.project.actions.at(0).managed ==
                FieldValues{{Field::function_timeout_seconds, Value(10)}});
    }
}

TEST_CASE("function.timeout_seconds outside 1-15 is an error at the value",
          "[manifest][functions]") {
    REQUIRE(load_action("function.timeout_seconds = 16\n").diagnostics.format() ==
            "a.toml:3:28: function.timeout_seconds must be a whole number of seconds from 1 to 15 "
            "(a function runs at most 15 s), found 16\n"
            "    function.timeout_seconds = 16\n"
            "                               ^\n");
    REQUIRE(load_action("[action.a.function]\ntimeout_seconds = \"10\"\n").diagnostics.format() ==
            "a.toml:4:19: function.timeout_seconds must be a whole number of seconds from 1 to 15 "
            "(a function runs at most 15 s), found a string\n"
            "    timeout_seconds = \"10\"\n"
            "                      ^\n");
}

TEST_CASE("an unknown key in [action.x.function] names the one key there",
          "[manifest][functions]") {
    REQUIRE(
        load_action("[action.a.function]\ntimeout = 5\nhandler = \"x\"\n").diagnostics.format() ==
        "a.toml:4:1: unknown key \"timeout\" in [action.a.function]; use timeout_seconds, the "
        "function's timeout in whole seconds from 1 to 15\n"
        "    timeout = 5\n"
        "    ^\n"
        "a.toml:5:1: unknown key \"handler\" in [action.a.function]; the only key here is "
        "timeout_seconds\n"
        "    handler = \"x\"\n"
        "    ^\n");
}
