#include "engine/plan/plan_codec.h"

#include <catch2/catch.hpp>

#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

SavedPlan sample() {
    SavedPlan saved;
    saved.dactl_version = "0.1.0";
    saved.created_at = "2026-11-28T15:35:39Z";
    saved.manifests_digest = "sha256:00ff";
    saved.plan.changes.push_back(ActionChange{
        "action.order",
        "custom_-_1",
        "Get \"Order\"",
        "Orders",
        3,
        {{Field::timeout_seconds, Value{}, 15},
         {Field::request_headers, StringMap{{"Accept", "text/plain"}},
          StringMap{{"Accept", "application/json"}, {"Authorization", "Bearer s3cr3t"}}},
         {Field::request_template, "a\n", "b\nZoë\n"}}});
    saved.plan.unchanged = {"action.other"};
    return saved;
}

}  // namespace

TEST_CASE("a saved plan is stable JSON without secrets", "[plan_codec]") {
    std::string text = encode_saved_plan(sample());
    check_golden("engine/plan/golden/saved_plan.json", text);
    REQUIRE(text.find("s3cr3t") == std::string::npos);
}

TEST_CASE("a saved plan reads back, secrets masked", "[plan_codec]") {
    Result<SavedPlan> decoded = decode_saved_plan(encode_saved_plan(sample()));
    REQUIRE(decoded.ok());
    REQUIRE(decoded->manifests_digest == "sha256:00ff");
    REQUIRE(decoded->plan.unchanged == std::vector<std::string>{"action.other"});
    SavedPlan expected = sample();
    expected.plan.changes[0].fields[1].after =
        StringMap{{"Accept", "application/json"}, {"Authorization", "(sensitive)"}};
    REQUIRE(decoded->plan.changes == expected.plan.changes);
}

TEST_CASE("a damaged saved plan is refused with the reason", "[plan_codec]") {
    REQUIRE(decode_saved_plan("nope").error().message ==
            "saved plan: not valid JSON at byte 1: Invalid value.");
    REQUIRE(decode_saved_plan("{\"digest\": \"\xc0\xaf\"}").error().message ==
            "saved plan: not valid JSON at byte 12: Invalid encoding in string.");
    REQUIRE(decode_saved_plan("{\"format_version\": 2}").error().message ==
            "saved plan: not a dactl plan of format_version 1");
    std::string text = encode_saved_plan(sample());
    text.replace(text.find("\"timeout_seconds\""), 17, "\"timeout\"");
    REQUIRE(decode_saved_plan(text).error().message == "saved plan: unknown field \"timeout\"");
}

TEST_CASE("a saved plan keeps the flows plan listed, and reads plans without them",
          "[plan_codec][impact]") {
    SavedPlan saved = sample();
    REQUIRE_FALSE(decode_saved_plan(encode_saved_plan(saved)).value().flows);
    saved.flows = std::map<std::string, CallingFlows>{
        {"action.order", {{{"f1", "Main IVR", "INBOUNDCALLFLOW", "12.0"}}, true}}};
    const std::string text = encode_saved_plan(saved);
    REQUIRE(text.find("\"flows\": {\n    \"action.order\": {\n      \"complete\": false,") !=
            std::string::npos);
    REQUIRE(decode_saved_plan(text).value().flows == saved.flows);
    std::string damaged = text;
    damaged.replace(damaged.find("\"complete\": false"), 17, "\"complete\": 0");
    REQUIRE(decode_saved_plan(damaged).error().message ==
            "saved plan: flows is not a map of address to {complete, flows: [{id, name, type, "
            "version}]}");
}
