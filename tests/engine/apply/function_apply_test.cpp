// Applying a function data action's own timeout: through a draft, never in place.
#include <catch2/catch.hpp>

#include "engine/apply/apply.h"
#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;
using std::chrono::milliseconds;

namespace {

const FunctionSetup k_published{15, "scores a lead", "index.handler", "nodejs18.x"};

struct Fixture {
    FakeProvider org;
    ApplyOptions options;
    ApplyObserver observer;
    LiveAction base;

    Fixture() {
        options.sleep = [](milliseconds) {};
        options.reread_delays = {milliseconds(0), milliseconds(10)};
        base = with(make_live("custom_-_f", "Score Lead", 4), Field::timeout_seconds, 12);
        base.integration_id = "int-lambda";
        org.put(base);
        org.set_function("custom_-_f", k_published);
        base.runs_function = true;
        base.function = k_published;
        base.fields[Field::function_timeout_seconds] = Value(15);
    }

    Plan plan(std::vector<FieldChange> fields) const {
        Plan planned;
        planned.changes.push_back(ActionChange{"action.lead", "custom_-_f", "Score Lead", "Orders",
                                               4, std::move(fields)});
        return planned;
    }

    ActionResult apply(const Plan& planned) {
        ApplyReport report = apply_plan(org, planned, {{"custom_-_f", base}}, options, observer);
        REQUIRE(report.results.size() == 1);
        return report.results[0];
    }
};

}  // namespace

TEST_CASE("a function's timeout is applied through a draft: 4 requests and the confirming read",
          "[apply][functions]") {
    Fixture f;
    ActionResult result = f.apply(f.plan({{Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE_FALSE(result.error);
    // Writing the function raised the draft's version: the draft is read again and
    // published at the version it has then.
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"draft? custom_-_f", "create draft custom_-_f",
                                     "put draft function custom_-_f 10s", "draft? custom_-_f",
                                     "publish custom_-_f v2", "function custom_-_f"});
    REQUIRE(f.org.function("custom_-_f") ==
            FunctionSetup{10, "scores a lead", "index.handler", "nodejs18.x"});
    REQUIRE_FALSE(f.org.draft("custom_-_f"));
    REQUIRE(f.org.stored("custom_-_f").id == "custom_-_f");
    REQUIRE(f.org.stored("custom_-_f").get(Field::timeout_seconds) == Value(12));
    REQUIRE(result.version_after == 5);
    REQUIRE(result.final->get(Field::function_timeout_seconds) == Value(10));
    REQUIRE(f.org.updates().empty());  // the action itself was never PATCHed
}

TEST_CASE("where writing the function leaves the draft's version, it is published at that",
          "[apply][functions]") {
    Fixture f;
    f.org.draft_function_keeps_version();
    ActionResult result = f.apply(f.plan({{Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"draft? custom_-_f", "create draft custom_-_f",
                                     "put draft function custom_-_f 10s", "draft? custom_-_f",
                                     "publish custom_-_f v1", "function custom_-_f"});
    REQUIRE(f.org.function("custom_-_f")->timeout_seconds == 10);
}

TEST_CASE("a draft deleted by someone before the publish: refused, nothing published",
          "[apply][functions]") {
    Fixture f;
    f.org.while_updating([&] { (void)f.org.delete_draft("custom_-_f"); });
    ActionResult result = f.apply(f.plan({{Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::failed);
    REQUIRE(result.error->message ==
            "the draft of custom_-_f vanished before it was published (someone deleted it); the "
            "action is unchanged");
    REQUIRE(f.org.calls().back() == "draft? custom_-_f");
    REQUIRE(f.org.function("custom_-_f") == k_published);
}

TEST_CASE("a config change planned with the function's goes into the same draft",
          "[apply][functions]") {
    Fixture f;
    ActionResult result = f.apply(
        f.plan({{Field::timeout_seconds, 12, 8}, {Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"draft? custom_-_f", "create draft custom_-_f",
                                     "update draft custom_-_f v1",
                                     "put draft function custom_-_f 10s", "draft? custom_-_f",
                                     "publish custom_-_f v3", "function custom_-_f"});
    REQUIRE(f.org.stored("custom_-_f").get(Field::timeout_seconds) == Value(8));
    REQUIRE(f.org.function("custom_-_f")->timeout_seconds == 10);
}

TEST_CASE("someone's draft is never touched: the change is refused, nothing is written",
          "[apply][functions]") {
    Fixture f;
    f.org.put_draft("custom_-_f");
    const LiveAction theirs = *f.org.draft("custom_-_f");
    ActionResult result = f.apply(f.plan({{Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::failed);
    REQUIRE(result.error->message ==
            "custom_-_f has a draft already (someone's work in progress); a function's timeout "
            "changes only through a draft and dactl never touches someone else's: publish or "
            "delete that draft, then apply again; nothing was written");
    REQUIRE(f.org.calls() == std::vector<std::string>{"draft? custom_-_f"});
    REQUIRE(f.org.draft("custom_-_f")->version == theirs.version);
    REQUIRE(f.org.function("custom_-_f") == k_published);
}

TEST_CASE("a failure between draft and publish deletes the draft - the action is unchanged",
          "[apply][functions]") {
    Fixture f;
    f.org.fail_next_function_put(
        make_error(ErrorKind::bad_request, "timeoutSeconds must be between 1 and 15"));
    ActionResult result = f.apply(f.plan({{Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::failed);
    REQUIRE(result.error->message ==
            "writing the draft's function failed: timeoutSeconds must be between 1 and 15; the "
            "draft dactl made was deleted, the action is unchanged");
    REQUIRE(f.org.calls() == std::vector<std::string>{
                                 "draft? custom_-_f", "create draft custom_-_f",
                                 "put draft function custom_-_f 10s", "delete draft custom_-_f"});
    REQUIRE_FALSE(f.org.draft("custom_-_f"));
    REQUIRE(f.org.function("custom_-_f") == k_published);
}

TEST_CASE("Ctrl-C before publishing deletes the draft", "[apply][functions]") {
    Fixture f;
    std::atomic<bool> interrupted{false};
    f.options.interrupted = &interrupted;
    f.org.while_updating([&] { interrupted = true; });  // while the function is written
    ActionResult result = f.apply(f.plan({{Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::failed);
    REQUIRE(result.error->message ==
            "interrupted before the draft was published; the draft dactl made was deleted, the "
            "action is unchanged");
    REQUIRE(f.org.calls() == std::vector<std::string>{
                                 "draft? custom_-_f", "create draft custom_-_f",
                                 "put draft function custom_-_f 10s", "delete draft custom_-_f"});
    REQUIRE_FALSE(f.org.draft("custom_-_f"));
    REQUIRE(f.org.function("custom_-_f") == k_published);
}

TEST_CASE("a function changed by someone since the plan is not converged, not overwritten twice",
          "[apply][functions]") {
    Fixture f;
    // The draft, made from the published action, no longer holds the planned before.
    f.org.edit_out_of_band("custom_-_f", Field::timeout_seconds, Value(20));
    ActionResult result = f.apply(
        f.plan({{Field::timeout_seconds, 12, 8}, {Field::function_timeout_seconds, 15, 10}}));

    REQUIRE(result.status == ActionStatus::changed_since_plan);
    REQUIRE(result.mismatches ==
            std::vector<FieldMismatch>{{Field::timeout_seconds, Value(20), Value(12), Value(8)}});
    REQUIRE(f.org.calls() == std::vector<std::string>{"draft? custom_-_f",
                                                      "create draft custom_-_f",
                                                      "delete draft custom_-_f"});
    REQUIRE(f.org.function("custom_-_f") == k_published);
}
