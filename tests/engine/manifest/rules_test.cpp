// [rule.<label>]: reading rules, and every error in full.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

LoadResult load(const std::string& text) {
    return load_sources({{"rules.toml", text}});
}

std::string problems(const std::string& text) {
    return load(text).diagnostics.format();
}

}  // namespace

TEST_CASE("rules are read with their match terms and timeout policy", "[manifest][rules]") {
    LoadResult loaded = load(
        "[rule.orders_backend]\n"
        "match = { url = \"https://orders.example.com/*\" }\n"
        "timeout_seconds = { at_least = 15 }\n"
        "\n"
        "[rule.payments_floor]\n"
        "match = { category = \"Payments\", name = \"Get *\" }\n"
        "timeout_seconds = { at_least = 8, at_most = 30 }\n"
        "\n"
        "[rule.reporting]\n"
        "match = { category = \"Reporting\" }\n"
        "timeout_seconds = 45\n");
    REQUIRE(loaded.diagnostics.format().empty());
    const std::vector<Rule>& rules = loaded.project.rules;
    REQUIRE(rules.size() == 3);
    REQUIRE(rules[0].address() == "rule.orders_backend");
    REQUIRE(rules[0].match.size() == 1);
    REQUIRE(rules[0].match[0].key == MatchKey::url);
    REQUIRE(rules[0].timeout.text() == "at least 15");
    REQUIRE(rules[1].match.size() == 2);
    REQUIRE(rules[1].timeout.text() == "at least 8, at most 30");
    REQUIRE(rules[2].timeout.text() == "exactly 45");
    REQUIRE(rules[2].where.line == 9);
}

TEST_CASE("a rule's mistakes are errors at their line and column", "[manifest][rules]") {
    REQUIRE(problems("[rule.a]\ntimeout_seconds = 15\n") ==
            "rules.toml:1:1: rule.a has no match; add match = { url = \"https://<host>/*\" } "
            "(name, category, url, integration_id or request_type)\n"
            "    [rule.a]\n"
            "    ^\n");
    REQUIRE(problems("[rule.a]\nmatch = { name = \"X\" }\n") ==
            "rules.toml:1:1: rule.a sets no field; add timeout_seconds = { at_least = <seconds> } "
            "or an exact timeout_seconds = <seconds>\n"
            "    [rule.a]\n"
            "    ^\n");
    REQUIRE(problems("[rule.a]\nmatch = { host = \"x\", name = 5 }\ntimeout_seconds = 5\n") ==
            "rules.toml:2:11: unknown key \"host\" in the match of rule.a; expected name, "
            "category, url, integration_id or request_type\n"
            "    match = { host = \"x\", name = 5 }\n"
            "              ^\n"
            "rules.toml:2:30: match.name must be a string (exact, or a glob with * ? [...]), "
            "found an integer\n"
            "    match = { host = \"x\", name = 5 }\n"
            "                                 ^\n");
    REQUIRE(problems("[rule.a]\nmatch = { url = \"https://[a-z.example.com/*\" }\n"
                     "timeout_seconds = 5\n") ==
            "rules.toml:2:17: match.url \"https://[a-z.example.com/*\" is not a valid glob: a [ "
            "is never closed\n"
            "    match = { url = \"https://[a-z.example.com/*\" }\n"
            "                    ^\n");
    REQUIRE(problems("[rule.a]\nmatch = {}\ntimeout_seconds = 5\n") ==
            "rules.toml:2:9: match of rule.a is empty, which would match every action; name at "
            "least one of name, category, url, integration_id or request_type\n"
            "    match = {}\n"
            "            ^\n");
}

TEST_CASE("a rule's timeout must be 1-60, its bounds must not cross", "[manifest][rules]") {
    const std::string match = "[rule.a]\nmatch = { name = \"X\" }\n";
    REQUIRE(problems(match + "timeout_seconds = { at_least = 0, at_most = 61 }\n") ==
            "rules.toml:3:32: timeout_seconds.at_least must be a whole number of seconds from 1 "
            "to 60, found 0\n"
            "    timeout_seconds = { at_least = 0, at_most = 61 }\n"
            "                                   ^\n"
            "rules.toml:3:45: timeout_seconds.at_most must be a whole number of seconds from 1 to "
            "60, found 61\n"
            "    timeout_seconds = { at_least = 0, at_most = 61 }\n"
            "                                                ^\n");
    REQUIRE(problems(match + "timeout_seconds = { at_least = 30, at_most = 15 }\n") ==
            "rules.toml:3:19: timeout_seconds of rule.a asks for at least 30 and at most 15, "
            "which no timeout can be\n"
            "    timeout_seconds = { at_least = 30, at_most = 15 }\n"
            "                      ^\n");
    REQUIRE(problems(match + "timeout_seconds = { atleast = 5 }\n") ==
            "rules.toml:3:21: unknown key \"atleast\" in the timeout_seconds of rule.a; did you "
            "mean at_least?\n"
            "    timeout_seconds = { atleast = 5 }\n"
            "                        ^\n");
    REQUIRE(problems(match + "timeout_seconds = \"15\"\n") ==
            "rules.toml:3:19: timeout_seconds of a rule must be a whole number of seconds or a "
            "table { at_least = <seconds>, at_most = <seconds> }, found a string\n"
            "    timeout_seconds = \"15\"\n"
            "                      ^\n");
    REQUIRE(problems(match + "timeout_seconds = 15\nretries = 2\n") ==
            "rules.toml:4:1: unknown key \"retries\" in [rule.a]; expected match or "
            "timeout_seconds\n"
            "    retries = 2\n"
            "    ^\n");
}

TEST_CASE("a rule label declared in two files is an error naming the first", "[manifest][rules]") {
    const std::string rule = "[rule.a]\nmatch = { name = \"X\" }\ntimeout_seconds = 5\n";
    REQUIRE(load_sources({{"a.toml", rule}, {"b.toml", rule}}).diagnostics.format() ==
            "b.toml:1:1: rule.a is already declared at a.toml:1; labels must be unique in the "
            "project\n"
            "    [rule.a]\n"
            "    ^\n");
}
