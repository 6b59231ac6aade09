#include <catch2/catch.hpp>

#include "engine/render/apply_render.h"

using namespace dactl;

namespace {

ActionResult result_of(ActionStatus status) {
    ActionResult result;
    result.address = "action.order";
    result.id = "custom_-_1";
    result.status = status;
    result.version_before = 3;
    result.version_after = 4;
    return result;
}

}  // namespace

TEST_CASE("mismatch_text words what the last read showed instead of the plan", "[render]") {
    ActionResult result = result_of(ActionStatus::changed_since_plan);
    CHECK(mismatch_text(result).empty());
    result.mismatches = {{Field::timeout_seconds, 7, 3, 15},
                         {Field::request_headers, StringMap{{"X-Api-Key", "new"}},
                          StringMap{{"X-Api-Key", "old"}}, StringMap{{"X-Api-Key", "planned"}}}};
    CHECK(mismatch_text(result) ==
          "version 4: timeout_seconds is 7, planned 3 -> 15; request.headers is "
          "{\"X-Api-Key\": (sensitive)}, planned {\"X-Api-Key\": (sensitive)} -> "
          "{\"X-Api-Key\": (sensitive)}");
}

TEST_CASE("apply_result_line says how each action ended", "[render]") {
    CHECK(apply_result_line(result_of(ActionStatus::applied), Palette()) ==
          "action.order: applied, version 3 -> 4\n");
    CHECK(apply_result_line(result_of(ActionStatus::already_applied), Palette()) ==
          "action.order: already applied, found at version 4\n");
    ActionResult changed = result_of(ActionStatus::changed_since_plan);
    changed.mismatches = {{Field::timeout_seconds, Value(), 3, 15}};
    CHECK(apply_result_line(changed, Palette()) ==
          "action.order: changed since plan, not written: version 4: timeout_seconds is "
          "(unset, service default 60 s), planned 3 -> 15\n");
    ActionResult failed = result_of(ActionStatus::failed);
    failed.error = make_error(ErrorKind::server, "Service Unavailable");
    failed.error->http_status = 503;
    failed.lost_answers = 1;
    failed.outcome_unknown = true;
    CHECK(apply_result_line(failed, Palette()) ==
          "action.order: failed: Service Unavailable (HTTP 503); the answer to a write was "
          "lost, so it may have been applied: run plan to see\n");
    CHECK(apply_result_line(result_of(ActionStatus::not_attempted), Palette()) ==
          "action.order: not attempted\n");
}
