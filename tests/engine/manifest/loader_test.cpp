// The loader end to end: a full manifest into DesiredAction values, project
// directories, the digest, and one run reporting every problem.

#include "engine/manifest/loader.h"

#include <catch2/catch.hpp>

#include "engine/util/digest.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using dactl::testing::TempDir;

namespace {

const char* const k_full_example = R"(# Orders
[action.fetch_history]
name = "FetchCustomerHistory"
timeout_seconds = 15
category = "Orders Web Services"
[action.fetch_history.request]
url_template = "https://orders.example.com/orders/${input.orderId}"
type = "GET"
headers = { Accept = "application/json" }
template = '''${input.rawRequest}'''
[action.fetch_history.response]
translation_map = { status = "$.status" }
translation_map_defaults = { status = '"UNKNOWN"' }
success_template = '''{"status": ${status}}'''
[action.fetch_history.probe]
input = { orderId = "A-1001" }

[action.renamed]
id = "custom_-_3f1c"
name = "Lookup Order Status"
)";

SourcePosition at(const char* path, int line, int column) {
    return SourcePosition{path, line, column};
}

bool same(const SourcePosition& a, const SourcePosition& b) {
    return a.path == b.path && a.line == b.line && a.column == b.column;
}

}  // namespace

TEST_CASE("a full manifest becomes the declared actions", "[manifest]") {
    LoadResult result = load_sources({{"orders.toml", k_full_example}});
    REQUIRE(result.diagnostics.format().empty());
    REQUIRE(result.project.actions.size() == 2);

    const DesiredAction& fetch = result.project.actions[0];
    REQUIRE(fetch.address() == "action.fetch_history");
    REQUIRE(same(fetch.where, at("orders.toml", 2, 1)));
    REQUIRE(fetch.selector.by == Selector::By::name);
    REQUIRE(fetch.selector.value == "FetchCustomerHistory");
    REQUIRE(same(fetch.selector_where, at("orders.toml", 3, 1)));
    const FieldValues expected = {
        {Field::timeout_seconds, Value(15)},
        {Field::category, Value("Orders Web Services")},
        {Field::request_url_template, Value("https://orders.example.com/orders/${input.orderId}")},
        {Field::request_type, Value("GET")},
        {Field::request_headers, Value(StringMap{{"Accept", "application/json"}})},
        {Field::request_template, Value("${input.rawRequest}")},
        {Field::response_translation_map, Value(StringMap{{"status", "$.status"}})},
        {Field::response_translation_map_defaults, Value(StringMap{{"status", "\"UNKNOWN\""}})},
        {Field::response_success_template, Value("{\"status\": ${status}}")},
    };
    REQUIRE(fetch.managed == expected);
    REQUIRE(same(fetch.position_of(Field::timeout_seconds), at("orders.toml", 4, 1)));
    REQUIRE(same(fetch.position_of(Field::request_headers), at("orders.toml", 9, 1)));
    REQUIRE(same(fetch.position_of(Field::response_success_template), at("orders.toml", 14, 1)));
    REQUIRE(fetch.positions.size() == expected.size());
    REQUIRE(fetch.probe.has_value());
    REQUIRE(fetch.probe->input_json == R"({"orderId":"A-1001"})");
    REQUIRE(same(fetch.probe->where, at("orders.toml", 16, 1)));

    // Selected by id, `name` is a managed rename; selected by name, it is not managed.
    const DesiredAction& renamed = result.project.actions[1];
    REQUIRE(renamed.selector.by == Selector::By::id);
    REQUIRE(renamed.selector.value == "custom_-_3f1c");
    REQUIRE(same(renamed.selector_where, at("orders.toml", 19, 1)));
    REQUIRE(renamed.managed == FieldValues{{Field::name, Value("Lookup Order Status")}});
    REQUIRE(same(renamed.position_of(Field::name), at("orders.toml", 20, 1)));
    REQUIRE_FALSE(renamed.probe.has_value());
}

TEST_CASE("absent keys are not managed - empty strings and maps are", "[manifest]") {
    LoadResult result = load_sources(
        {{"a.toml",
          "[action.a]\nname = \"A\"\nrequest.headers = {}\nresponse.success_template = \"\"\n"}});
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.project.actions[0].managed ==
            FieldValues{{Field::request_headers, Value(StringMap{})},
                        {Field::response_success_template, Value("")}});
}

TEST_CASE("actions may be written as dotted keys and inline tables", "[manifest]") {
    LoadResult result = load_sources(
        {{"a.toml", "action.dotted.name = \"D\"\naction.dotted.request.type = \"POST\"\n"},
         {"b.toml", "[action]\ninline = { id = \"i-1\", timeout_seconds = 30 }\n"}});
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.project.actions.size() == 2);
    REQUIRE(result.project.actions[0].label == "dotted");
    REQUIRE(result.project.actions[0].managed == FieldValues{{Field::request_type, Value("POST")}});
    REQUIRE(result.project.actions[1].label == "inline");
    REQUIRE(same(result.project.actions[1].where, at("b.toml", 2, 1)));
    REQUIRE(result.project.actions[1].managed == FieldValues{{Field::timeout_seconds, Value(30)}});
}

TEST_CASE("a probe's input becomes compact JSON", "[manifest]") {
    LoadResult result = load_sources({{"a.toml", R"([action.a]
name = "A"
[action.a.probe]
input = { q = "say \"hi\"\n", n = -3, f = 0.25, big = 1e300, ok = true, list = [1, "é", { z = 1, a = [] }] }
[action.b]
name = "B"
probe = {}
)"}});
    REQUIRE(result.diagnostics.empty());
    REQUIRE(
        result.project.actions[0].probe->input_json ==
        R"({"big":1e+300,"f":0.25,"list":[1,"é",{"a":[],"z":1}],"n":-3,"ok":true,"q":"say \"hi\"\n"})");
    REQUIRE(result.project.actions[1].probe->input_json == "{}");
    REQUIRE(same(result.project.actions[1].probe->where, at("a.toml", 7, 9)));
}

TEST_CASE("probe input without a JSON form is reported", "[manifest]") {
    LoadResult result = load_sources({{"a.toml", R"([action.a]
name = "A"
probe.input = { when = 2024-05-01, list = [nan], ok = 1 }
[action.b]
name = "B"
probe.input = "orderId=1"
)"}});
    REQUIRE(
        result.diagnostics.format() ==
        "a.toml:3:24: probe.input.when is a date, which JSON cannot hold; write it as a string\n"
        "    probe.input = { when = 2024-05-01, list = [nan], ok = 1 }\n"
        "                           ^\n"
        "a.toml:3:44: probe.input.list[0] is nan, which JSON cannot hold; write it as a string\n"
        "    probe.input = { when = 2024-05-01, list = [nan], ok = 1 }\n"
        "                                               ^\n"
        "a.toml:6:15: probe.input must be a table, found a string\n"
        "    probe.input = \"orderId=1\"\n"
        "                  ^\n");
    REQUIRE_FALSE(result.project.actions[0].probe.has_value());
}
