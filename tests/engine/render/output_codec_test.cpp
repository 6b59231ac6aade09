#include <catch2/catch.hpp>

#include "engine/render/apply_render.h"
#include "engine/render/drift_render.h"
#include "engine/render/error_render.h"
#include "engine/render/plan_render.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

Plan sample_plan() {
    Plan plan;
    plan.changes.push_back(ActionChange{"action.order",
                                        "custom_-_1",
                                        "Get Order",
                                        "Orders",
                                        3,
                                        {{Field::timeout_seconds, Value{}, 15},
                                         {Field::request_headers, StringMap{},
                                          StringMap{{"X-Api-Key", "k-123"}, {"Accept", "a"}}}}});
    plan.changes.push_back(ActionChange{"action.zeta",
                                        "custom_-_2",
                                        "Zeta",
                                        "Orders",
                                        8,
                                        {{Field::category, "Orders", "Billing"}}});
    plan.unchanged = {"action.same"};
    return plan;
}

}  // namespace

TEST_CASE("JSON plan output is stable and masks secrets", "[output]") {
    std::string text = encode_plan_output(sample_plan());
    check_golden("engine/render/golden/plan.json", text);
    REQUIRE(text.find("k-123") == std::string::npos);
}

TEST_CASE("JSON apply output lists every result", "[output]") {
    ApplyReport report;
    ActionResult applied;
    applied.address = "action.order";
    applied.id = "custom_-_1";
    applied.status = ActionStatus::applied;
    applied.version_before = 3;
    applied.version_after = 4;
    ActionResult failed;
    failed.address = "action.zeta";
    failed.id = "custom_-_2";
    failed.status = ActionStatus::failed;
    failed.version_before = 8;
    Error error = make_error(ErrorKind::bad_request, "Invalid category");
    error.http_status = 400;
    error.api_code = "bad.request";
    error.correlation_id = "c-1";
    failed.error = error;
    report.results = {applied, failed};
    check_golden("engine/render/golden/apply.json", encode_apply_output(sample_plan(), report));
}

TEST_CASE("JSON drift output", "[output]") {
    DriftReport report;
    report.has_state = true;
    ActionDrift drift;
    drift.address = "action.order";
    drift.id = "custom_-_1";
    drift.name = "Get Order";
    drift.live_version = 6;
    drift.applied_version = 4;
    drift.fields = {{Field::timeout_seconds, DriftKind::changed_outside, 15, 30}};
    AuditEntry by_jane{1'796'032'931'000,
                       "custom_-_1",
                       "Update",
                       "5f2e8c1a",
                       "Jane Admin",
                       "admin-ui",
                       {{"config.timeoutSeconds", {"15"}, {"30"}}}};
    AuditEntry by_tool{1'796'032'990'000,
                       "custom_-_1",
                       "Update",
                       std::nullopt,
                       std::nullopt,
                       "7c1d-other-tool",
                       {{"config.request.headers.Authorization", {}, {"(sensitive)"}}}};
    drift.changed_by = {{by_jane, false}, {by_tool, false}};
    report.audited = true;
    ActionDrift gone;
    gone.address = "action.gone";
    gone.problem = "custom_-_9 (last applied at version 2) no longer exists in the org";
    report.drifted = {gone, drift};
    report.in_sync = {"action.same"};
    check_golden("engine/render/golden/drift.json", encode_drift_output(report));
}

TEST_CASE("JSON error output carries the diagnostics", "[output]") {
    Diagnostics diagnostics;
    diagnostics.error(SourcePosition{"actions.toml", 3, 19},
                      "timeout_seconds must be 1-60, not 75");
    REQUIRE(encode_error_output(Failure{"plan", "", "1 problem in the manifests", diagnostics}) ==
            "{\n"
            "  \"format_version\": 1,\n"
            "  \"command\": \"plan\",\n"
            "  \"error\": \"1 problem in the manifests\",\n"
            "  \"diagnostics\": [\n"
            "    {\n"
            "      \"severity\": \"error\",\n"
            "      \"path\": \"actions.toml\",\n"
            "      \"line\": 3,\n"
            "      \"column\": 19,\n"
            "      \"message\": \"timeout_seconds must be 1-60, not 75\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
}

TEST_CASE("JSON drift output names every kind, and an unknown one safely", "[output]") {
    CHECK(drift_kind_key(DriftKind::changed_outside) == "changed_outside");
    CHECK(drift_kind_key(DriftKind::not_yet_applied) == "not_yet_applied");
    CHECK(drift_kind_key(DriftKind::differs) == "differs");
    // A kind outside the enum (a corrupted value) must not be read past an array.
    DriftReport report;
    ActionDrift drift;
    drift.address = "action.order";
    drift.fields = {{Field::timeout_seconds, static_cast<DriftKind>(7), 1, 2}};
    report.drifted = {drift};
    CHECK(encode_drift_output(report).find("\"kind\": \"unknown\"") != std::string::npos);
}

TEST_CASE("a failed run in an environment names it in JSON and Markdown", "[output]") {
    const Failure failure{"apply", "prod", "the lock is held", Diagnostics{}};
    REQUIRE(encode_error_output(failure) ==
            "{\n"
            "  \"format_version\": 1,\n"
            "  \"command\": \"apply\",\n"
            "  \"environment\": \"prod\",\n"
            "  \"error\": \"the lock is held\",\n"
            "  \"diagnostics\": []\n"
            "}\n");
    REQUIRE(render_error_markdown(failure) ==
            "### dactl apply for prod: failed\n\n```text\nError: the lock is held\n```\n");
}
