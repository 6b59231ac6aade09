// Each validation rule of the manifest loader, with the whole message asserted.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

std::string problems(const std::vector<ManifestSource>& sources) {
    return load_sources(sources).diagnostics.format();
}

std::string problems(const std::string& text) {
    return problems({{"a.toml", text}});
}

}  // namespace

TEST_CASE("timeout_seconds must be a whole number from 1 to 60", "[manifest]") {
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = 1\n").empty());
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = 60\n").empty());
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = 15.0\n") ==
            "a.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "15.0; without it the service default of 60 applies\n"
            "    timeout_seconds = 15.0\n"
            "                      ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = 15.5\n") ==
            "a.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "15.5; without it the service default of 60 applies\n"
            "    timeout_seconds = 15.5\n"
            "                      ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = 0\n") ==
            "a.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "0; without it the service default of 60 applies\n"
            "    timeout_seconds = 0\n"
            "                      ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = 61\n") ==
            "a.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "61; without it the service default of 60 applies\n"
            "    timeout_seconds = 61\n"
            "                      ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\ntimeout_seconds = \"15\"\n") ==
            "a.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "a string; without it the service default of 60 applies\n"
            "    timeout_seconds = \"15\"\n"
            "                      ^\n");
}

TEST_CASE("request.type must be an upper-case HTTP method", "[manifest]") {
    for (const char* method : {"GET", "PUT", "POST", "PATCH", "DELETE"}) {
        REQUIRE(
            problems("[action.a]\nname = \"A\"\nrequest.type = \"" + std::string(method) + "\"\n")
                .empty());
    }
    REQUIRE(problems("[action.a]\nname = \"A\"\n[action.a.request]\ntype = \"Post\"\n") ==
            "a.toml:4:8: request.type must be one of GET, PUT, POST, PATCH, DELETE, found "
            "\"Post\"; write it in upper case: \"POST\"\n"
            "    type = \"Post\"\n"
            "           ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\n[action.a.request]\ntype = \"FETCH\"\n") ==
            "a.toml:4:8: request.type must be one of GET, PUT, POST, PATCH, DELETE, found "
            "\"FETCH\"\n"
            "    type = \"FETCH\"\n"
            "           ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\n[action.a.request]\ntype = 1\n") ==
            "a.toml:4:8: request.type must be a string, found an integer\n"
            "    type = 1\n"
            "           ^\n");
}

TEST_CASE("an action selects its live action by a non-empty name or id", "[manifest]") {
    REQUIRE(problems("[action.a]\ncategory = \"C\"\n") ==
            "a.toml:1:1: action.a has neither name nor id; add name = \"<the action's exact "
            "name>\" or id = \"<its id>\"\n"
            "    [action.a]\n"
            "    ^\n");
    REQUIRE(problems("[action.a]\nname = \"\"\n") ==
            "a.toml:2:8: name must not be empty\n"
            "    name = \"\"\n"
            "           ^\n");
    REQUIRE(problems("[action.a]\nid = \"\"\nname = \"New name\"\n") ==
            "a.toml:2:6: id must not be empty\n"
            "    id = \"\"\n"
            "         ^\n");
    REQUIRE(problems("[action.a]\nname = 7\n") ==
            "a.toml:2:8: name must be a string, found an integer\n"
            "    name = 7\n"
            "           ^\n");
    REQUIRE(problems("[action.a]\nid = \"custom_-_1\"\ncategory = \"\"\n") ==
            "a.toml:3:12: category must not be empty\n"
            "    category = \"\"\n"
            "               ^\n");
}

TEST_CASE("labels use only a-z, 0-9 and _, and a fixed label is suggested", "[manifest]") {
    REQUIRE(problems("[action.Fetch-History]\nname = \"A\"\n") ==
            "a.toml:1:9: invalid label \"Fetch-History\": use only a-z, 0-9 and _, e.g. "
            "fetch_history\n"
            "    [action.Fetch-History]\n"
            "            ^\n");
    REQUIRE(problems("[action.\"--Get Order (v2)!\"]\nname = \"A\"\n") ==
            "a.toml:1:9: invalid label \"--Get Order (v2)!\": use only a-z, 0-9 and _, e.g. "
            "get_order_v2\n"
            "    [action.\"--Get Order (v2)!\"]\n"
            "            ^\n");
    REQUIRE(problems("[action.\"\"]\nname = \"A\"\n") ==
            "a.toml:1:9: invalid label \"\": use only a-z, 0-9 and _, e.g. action\n"
            "    [action.\"\"]\n"
            "            ^\n");
    REQUIRE(problems("[action.get_order_2]\nname = \"A\"\n").empty());
}

TEST_CASE("a label declared in two files is reported at the second", "[manifest]") {
    REQUIRE(problems({{"b.toml", "\n[action.orders]\nname = \"Other\"\n"},
                      {"a.toml", "[action.orders]\nname = \"Orders\"\n"}}) ==
            "b.toml:2:1: action.orders is already declared at a.toml:1; labels must be unique in "
            "the project\n"
            "    [action.orders]\n"
            "    ^\n");
}

TEST_CASE("one live action selected twice is reported with both addresses", "[manifest]") {
    REQUIRE(problems({{"a.toml", "[action.one]\nname = \"Orders\"\n"},
                      {"z/b.toml", "[action.two]\nname = \"Orders\"\n"}}) ==
            "z/b.toml:2:1: action.two and action.one (a.toml:2) both select the action named "
            "\"Orders\"; keep one of them\n"
            "    name = \"Orders\"\n"
            "    ^\n");
    REQUIRE(problems("[action.one]\nid = \"custom_-_1\"\n[action.two]\nid = \"custom_-_1\"\n"
                     "name = \"Renamed\"\n") ==
            "a.toml:4:1: action.two and action.one (a.toml:2) both select the action with id "
            "\"custom_-_1\"; keep one of them\n"
            "    id = \"custom_-_1\"\n"
            "    ^\n");
    // Names are exact: a different case is a different action, and an id selector
    // with a rename does not select by that name.
    REQUIRE(problems("[action.one]\nname = \"Orders\"\n[action.two]\nname = \"orders\"\n"
                     "[action.three]\nid = \"x\"\nname = \"Orders\"\n")
                .empty());
}

TEST_CASE("map values must be strings and maps must be tables", "[manifest]") {
    REQUIRE(problems("[action.a]\nname = \"A\"\n[action.a.request]\n"
                     "headers = { Accept = 3, \"X-Trace Id\" = true, Ok = \"yes\" }\n") ==
            "a.toml:4:22: request.headers.Accept must be a string, found an integer\n"
            "    headers = { Accept = 3, \"X-Trace Id\" = true, Ok = \"yes\" }\n"
            "                         ^\n"
            "a.toml:4:40: request.headers.\"X-Trace Id\" must be a string, found a boolean\n"
            "    headers = { Accept = 3, \"X-Trace Id\" = true, Ok = \"yes\" }\n"
            "                                           ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\n[action.a.response]\n"
                     "translation_map = [\"$.status\"]\ntranslation_map_defaults = \"x\"\n") ==
            "a.toml:4:19: response.translation_map must be a table of strings, found an array\n"
            "    translation_map = [\"$.status\"]\n"
            "                      ^\n"
            "a.toml:5:28: response.translation_map_defaults must be a table of strings, found a "
            "string\n"
            "    translation_map_defaults = \"x\"\n"
            "                               ^\n");
}

TEST_CASE("action tables and their sub-tables must be tables", "[manifest]") {
    REQUIRE(problems("action = 3\n") ==
            "a.toml:1:10: action must be a table of [action.<label>] tables, found an integer\n"
            "    action = 3\n"
            "             ^\n");
    REQUIRE(problems("[action]\nname = \"Orders\"\n") ==
            "a.toml:2:8: action.name must be a table, found a string; declare each action as "
            "[action.<label>]\n"
            "    name = \"Orders\"\n"
            "           ^\n");
    REQUIRE(problems("[action.a]\nname = \"A\"\nrequest = \"GET\"\nprobe = []\n") ==
            "a.toml:3:11: request must be a table, found a string\n"
            "    request = \"GET\"\n"
            "              ^\n"
            "a.toml:4:9: probe must be a table, found an array\n"
            "    probe = []\n"
            "            ^\n");
}

TEST_CASE("an id that lists several, or holds spaces or invisible characters, is refused",
          "[manifest][hostile]") {
    LoadResult result = load_sources({{"a.toml",
                                       "[action.x]\n"
                                       "id = \"custom_-_1,custom_-_2\"\n"
                                       "[action.y]\n"
                                       "id = \"custom_-_3 \"\n"
                                       "[action.z]\n"
                                       "id = \"custom_-_\u200b4\"\n"}});
    REQUIRE(result.diagnostics.format() ==
            "a.toml:2:6: id \"custom_-_1,custom_-_2\" lists more than one id; an "
            "[action.<label>] table selects one action, so declare each in its own table\n"
            "    id = \"custom_-_1,custom_-_2\"\n"
            "         ^\n"
            "a.toml:4:6: id \"custom_-_3 \" holds spaces or invisible characters, which no action "
            "id has; copy the id again (dactl export shows each action's)\n"
            "    id = \"custom_-_3 \"\n"
            "         ^\n"
            "a.toml:6:6: id \"custom_-_\\u200b4\" holds spaces or invisible characters, which no "
            "action id has; copy the id again (dactl export shows each action's)\n"
            "    id = \"custom_-_\\u200b4\"\n"
            "         ^\n");
}
