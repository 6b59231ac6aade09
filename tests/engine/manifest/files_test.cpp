// Problems about whole files: syntax errors, settings, empty files and projects.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

std::string problems(const std::vector<ManifestSource>& sources) {
    return load_sources(sources).diagnostics.format();
}

}  // namespace

TEST_CASE("malformed TOML is one problem per file and other files are still checked",
          "[manifest]") {
    LoadResult result = load_sources({
        {"a.toml", "[action.a]\nname = \"A\"\ntimeout_seconds = \n"},
        {"b.toml", "[action.b]\nname = \"B\"\ntimeout_seconds = 99\n"},
        {"c.toml", "[action.c]\nname = \"C\" id = \"x\"\n[action.c]\n"},
    });
    REQUIRE(result.diagnostics.format() ==
            "a.toml:3:19: malformed TOML: error while parsing key-value pair: expected value, "
            "saw '\\n'\n"
            "    timeout_seconds = \n"
            "                      ^\n"
            "b.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "99; without it the service default of 60 applies\n"
            "    timeout_seconds = 99\n"
            "                      ^\n"
            "c.toml:2:12: malformed TOML: error while parsing key-value pair: expected a comment "
            "or whitespace, saw 'i'\n"
            "    name = \"C\" id = \"x\"\n"
            "               ^\n");
    REQUIRE(result.project.files == std::vector<std::string>{"a.toml", "b.toml", "c.toml"});
    REQUIRE(result.project.actions.size() == 1);
    REQUIRE(result.project.actions[0].label == "b");
}

TEST_CASE("dactl.toml at the root holds the settings", "[manifest]") {
    LoadResult result = load_sources({{"dactl.toml", "# settings\nregion = \"eu-west-1\"\n"},
                                      {"a.toml", "[action.a]\nname = \"A\"\n"}});
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.project.settings.region == "eu-west-1");
    REQUIRE(result.project.settings.region_where.path == "dactl.toml");
    REQUIRE(result.project.settings.region_where.line == 2);
    REQUIRE(result.project.settings.region_where.column == 1);

    LoadResult without = load_sources({{"a.toml", "[action.a]\nname = \"A\"\n"}});
    REQUIRE_FALSE(without.project.settings.region.has_value());
}

TEST_CASE("dactl.toml takes only known settings and no actions", "[manifest]") {
    REQUIRE(problems({{"dactl.toml",
                       "regoin = \"us-east-1\"\nproxy = \"x\"\nregion = 1\n[action.a]\nname = "
                       "\"A\"\n"},
                      {"a.toml", "[action.b]\nname = \"B\"\n"}}) ==
            "dactl.toml:1:1: unknown setting \"regoin\" in dactl.toml; did you mean region?\n"
            "    regoin = \"us-east-1\"\n"
            "    ^\n"
            "dactl.toml:2:1: unknown setting \"proxy\" in dactl.toml; the settings are region "
            "and the [api], [insights], [state] and [env.<name>] tables\n"
            "    proxy = \"x\"\n"
            "    ^\n"
            "dactl.toml:3:10: region must be a string, found an integer\n"
            "    region = 1\n"
            "             ^\n"
            "dactl.toml:4:2: dactl.toml holds settings only; move the [action.<label>] tables to "
            "another .toml file\n"
            "    [action.a]\n"
            "     ^\n");
    REQUIRE(
        problems({{"dactl.toml", "region = \"\"\n"}, {"a.toml", "[action.b]\nname = \"B\"\n"}}) ==
        "dactl.toml:1:10: region must not be empty\n"
        "    region = \"\"\n"
        "             ^\n");
}

TEST_CASE("settings anywhere else are reported, and a nested dactl.toml is a manifest",
          "[manifest]") {
    REQUIRE(problems({{"a.toml", "region = \"us-east-1\"\n[action.a]\nname = \"A\"\n"},
                      {"sub/dactl.toml", "region = \"us-east-1\"\n"}}) ==
            "a.toml:1:1: region is a setting; put it in dactl.toml at the project root\n"
            "    region = \"us-east-1\"\n"
            "    ^\n"
            "sub/dactl.toml:1:1: region is a setting; put it in dactl.toml at the project root\n"
            "    region = \"us-east-1\"\n"
            "    ^\n");
}

TEST_CASE("unknown top-level keys and tables", "[manifest]") {
    REQUIRE(
        problems({{"a.toml",
                   "[actions.a]\nname = \"A\"\n[fetch_history]\nname = \"F\"\n[misc]\nx = 1\n"}}) ==
        "a.toml:1:2: unknown key \"actions\" at the top level; did you mean action?\n"
        "    [actions.a]\n"
        "     ^\n"
        "a.toml:3:2: unknown table [fetch_history]; did you mean [action.fetch_history]?\n"
        "    [fetch_history]\n"
        "     ^\n"
        "a.toml:5:2: unknown key \"misc\" at the top level; a manifest holds only "
        "[action.<label>] and [rule.<label>] tables\n"
        "    [misc]\n"
        "     ^\n");
}

TEST_CASE("empty files and projects without actions are warnings", "[manifest]") {
    LoadResult result =
        load_sources({{"a.toml", ""}, {"b.toml", "# only a comment\n"}, {"dactl.toml", ""}});
    REQUIRE(result.diagnostics.format() ==
            "warning: the project declares no actions; add [action.<label>] tables to a .toml "
            "file\n"
            "a.toml: warning: the file declares no actions\n"
            "b.toml: warning: the file declares no actions\n");
    REQUIRE_FALSE(result.diagnostics.has_errors());

    REQUIRE(problems({}) ==
            "warning: the project declares no actions; add [action.<label>] tables to a .toml "
            "file\n");
    // With errors, a missing action is no news: no warning then.
    REQUIRE(problems({{"a.toml", "[action.a\n"}}) ==
            "a.toml:1:10: malformed TOML: error while parsing table header: expected ']', saw "
            "'\\n'\n"
            "    [action.a\n"
            "             ^\n");
}

TEST_CASE("the caret lines up under tabs and CRLF line ends are not shown", "[manifest]") {
    REQUIRE(problems({{"a.toml", "[action.a]\r\n\tname = \"A\"\r\n\ttimeout_seconds = 0\r\n"}}) ==
            "a.toml:3:20: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "0; without it the service default of 60 applies\n"
            "    \ttimeout_seconds = 0\n"
            "    \t                  ^\n");
}
