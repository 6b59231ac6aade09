// Regressions for decode_saved_plan found while fuzzing the JSON readers
// (tests/fuzz/fuzz_saved_plan.cpp): no plan file may crash the reader.

#include <string>

#include <catch2/catch.hpp>

#include "engine/plan/plan_codec.h"

using namespace dactl;

TEST_CASE("a saved plan nested absurdly deep is refused without a crash", "[plan][fuzz]") {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    CHECK(decode_saved_plan(deep).error().message ==
          "saved plan: nested more than 128 levels deep");
    const std::string plan =
        R"({"format_version": 1, "dactl_version": "0.1.0", "created_at": "t", )"
        R"("manifests_digest": "d", "changes": [{"address": "action.a", "id": "i", "name": "n", )"
        R"("category": "c", "live_version": 1, "fields": [{"field": "name", "before": )" +
        deep + R"(, "after": "x"}]}], "unchanged": []})";
    CHECK(decode_saved_plan(plan).error().message ==
          "saved plan: nested more than 128 levels deep");
}
