// Unknown keys: where a key belongs, "did you mean", and the timeout hint.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

// The problems of an action `a` selected by name, with `body` after its header.
std::string problems_in(const std::string& body) {
    return load_sources({{"a.toml", "[action.a]\nname = \"A\"\n" + body}}).diagnostics.format();
}

}  // namespace

TEST_CASE("a misspelt key suggests the closest key of its table", "[manifest]") {
    REQUIRE(problems_in("timout_seconds = 5\ncatgory = \"C\"\n") ==
            "a.toml:3:1: unknown key \"timout_seconds\" in [action.a]; did you mean "
            "timeout_seconds?\n"
            "    timout_seconds = 5\n"
            "    ^\n"
            "a.toml:4:1: unknown key \"catgory\" in [action.a]; did you mean category?\n"
            "    catgory = \"C\"\n"
            "    ^\n");
    REQUIRE(problems_in("[action.a.request]\nurl_templat = \"u\"\nHeaders = {}\n") ==
            "a.toml:4:1: unknown key \"url_templat\" in [action.a.request]; did you mean "
            "url_template?\n"
            "    url_templat = \"u\"\n"
            "    ^\n"
            "a.toml:5:1: unknown key \"Headers\" in [action.a.request]; did you mean headers?\n"
            "    Headers = {}\n"
            "    ^\n");
    REQUIRE(problems_in("[action.a.probe]\ninputs = {}\n") ==
            "a.toml:4:1: unknown key \"inputs\" in [action.a.probe]; did you mean input?\n"
            "    inputs = {}\n"
            "    ^\n");
}

TEST_CASE("timeout-like keys point to timeout_seconds in whole seconds", "[manifest]") {
    REQUIRE(problems_in("timeout = 15\ntimeout_ms = 3000\ntimeoutSeconds = 15\n") ==
            "a.toml:3:1: unknown key \"timeout\" in [action.a]; use timeout_seconds, in whole "
            "seconds from 1 to 60\n"
            "    timeout = 15\n"
            "    ^\n"
            "a.toml:4:1: unknown key \"timeout_ms\" in [action.a]; use timeout_seconds, in whole "
            "seconds from 1 to 60\n"
            "    timeout_ms = 3000\n"
            "    ^\n"
            "a.toml:5:1: unknown key \"timeoutSeconds\" in [action.a]; use timeout_seconds, in "
            "whole seconds from 1 to 60\n"
            "    timeoutSeconds = 15\n"
            "    ^\n");
    REQUIRE(problems_in("[action.a.request]\ntimeout_ms = 3000\n") ==
            "a.toml:4:1: unknown key \"timeout_ms\" in [action.a.request]; use timeout_seconds "
            "in [action.a], in whole seconds from 1 to 60\n"
            "    timeout_ms = 3000\n"
            "    ^\n");
}

TEST_CASE("a key of another table says where it belongs", "[manifest]") {
    REQUIRE(problems_in("url_template = \"u\"\nsuccess_template = \"s\"\ninput = {}\n") ==
            "a.toml:3:1: unknown key \"url_template\" in [action.a]; did you mean "
            "request.url_template?\n"
            "    url_template = \"u\"\n"
            "    ^\n"
            "a.toml:4:1: unknown key \"success_template\" in [action.a]; did you mean "
            "response.success_template?\n"
            "    success_template = \"s\"\n"
            "    ^\n"
            "a.toml:5:1: unknown key \"input\" in [action.a]; did you mean probe.input?\n"
            "    input = {}\n"
            "    ^\n");
    REQUIRE(problems_in("[action.a.request]\ntimeout_seconds = 5\nsuccess_template = \"s\"\n") ==
            "a.toml:4:1: unknown key \"timeout_seconds\" in [action.a.request]; it belongs in "
            "[action.a]\n"
            "    timeout_seconds = 5\n"
            "    ^\n"
            "a.toml:5:1: unknown key \"success_template\" in [action.a.request]; it belongs in "
            "[action.a.response]\n"
            "    success_template = \"s\"\n"
            "    ^\n");
}

TEST_CASE("the API's camelCase names map to manifest keys", "[manifest]") {
    REQUIRE(problems_in("requestUrlTemplate = \"u\"\n[action.a.request]\nrequestType = \"GET\"\n"
                        "successTemplate = \"s\"\n") ==
            "a.toml:3:1: unknown key \"requestUrlTemplate\" in [action.a]; did you mean "
            "request.url_template?\n"
            "    requestUrlTemplate = \"u\"\n"
            "    ^\n"
            "a.toml:5:1: unknown key \"requestType\" in [action.a.request]; did you mean type?\n"
            "    requestType = \"GET\"\n"
            "    ^\n"
            "a.toml:6:1: unknown key \"successTemplate\" in [action.a.request]; did you mean "
            "success_template in [action.a.response]?\n"
            "    successTemplate = \"s\"\n"
            "    ^\n");
}

TEST_CASE("a key with no close match lists the keys of its table", "[manifest]") {
    REQUIRE(problems_in("colour = \"blue\"\n[action.a.response]\nzzz = 1\n") ==
            "a.toml:3:1: unknown key \"colour\" in [action.a]; expected name, id, category, "
            "timeout_seconds, request, response, function or probe\n"
            "    colour = \"blue\"\n"
            "    ^\n"
            "a.toml:5:1: unknown key \"zzz\" in [action.a.response]; expected translation_map, "
            "translation_map_defaults or success_template\n"
            "    zzz = 1\n"
            "    ^\n");
    REQUIRE(problems_in("[action.a.probe]\nbody = {}\n") ==
            "a.toml:4:1: unknown key \"body\" in [action.a.probe]; the only key here is input\n"
            "    body = {}\n"
            "    ^\n");
}
