#include "engine/plan/compute_plan.h"

#include <catch2/catch.hpp>

#include "tests/support/builders.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

PlanResult plan_one(const DesiredAction& desired, const LiveAction& live) {
    return compute_plan({Binding{&desired, &live}});
}

}  // namespace

TEST_CASE("compute_plan compares only managed fields", "[plan]") {
    struct Case {
        const char* title;
        Field field;
        Value live;
        Value desired;
        bool changes;
    };
    const StringMap accept{{"Accept", "application/json"}};
    const std::vector<Case> cases = {
        {"equal timeout", Field::timeout_seconds, 15, 15, false},
        {"different timeout", Field::timeout_seconds, 3, 15, true},
        {"unset timeout is not 60", Field::timeout_seconds, Value{}, 60, true},
        {"equal text", Field::request_url_template, "https://a", "https://a", false},
        {"different text", Field::request_url_template, "https://a", "https://b", true},
        {"unset text is empty", Field::request_template, Value{}, "", false},
        {"unset text is not a space", Field::request_template, Value{}, " ", true},
        {"unset map is empty", Field::request_headers, Value{}, StringMap{}, false},
        {"equal map", Field::request_headers, accept, accept, false},
        {"map entry added", Field::request_headers, StringMap{}, accept, true},
        {"category", Field::category, "Orders", "Billing", true},
        {"template differs by final newline", Field::response_success_template, "{}", "{}\n", true},
    };
    for (const auto& c : cases) {
        SECTION(c.title) {
            LiveAction live = with(make_live("custom_-_1", "Get Order"), c.field, c.live);
            DesiredAction desired = manage(make_desired("order", "Get Order"), c.field, c.desired);
            PlanResult result = plan_one(desired, live);
            REQUIRE(result.diagnostics.empty());
            if (c.changes) {
                REQUIRE(result.plan.changes.size() == 1);
                REQUIRE(result.plan.changes[0].fields ==
                        std::vector<FieldChange>{{c.field, c.live, c.desired}});
                REQUIRE(result.plan.unchanged.empty());
            } else {
                REQUIRE(result.plan.changes.empty());
                REQUIRE(result.plan.unchanged == std::vector<std::string>{"action.order"});
            }
        }
    }
}

TEST_CASE("compute_plan never looks at fields the manifest leaves out", "[plan]") {
    LiveAction live = make_live("custom_-_1", "Get Order", 7);
    live = with(live, Field::timeout_seconds, 3);
    live = with(live, Field::request_url_template, "https://old");
    live = with(live, Field::request_headers, StringMap{{"X", "1"}});
    DesiredAction desired = manage(make_desired("order", "Get Order"), Field::timeout_seconds, 20);

    PlanResult result = plan_one(desired, live);

    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.plan.changes.size() == 1);
    const ActionChange& change = result.plan.changes[0];
    REQUIRE(change.address == "action.order");
    REQUIRE(change.id == "custom_-_1");
    REQUIRE(change.name == "Get Order");
    REQUIRE(change.category == "Orders");
    REQUIRE(change.version == 7);
    REQUIRE(change.fields == std::vector<FieldChange>{{Field::timeout_seconds, 3, 20}});
    REQUIRE(change.after_values() == FieldValues{{Field::timeout_seconds, 20}});
    REQUIRE(change.before_values() == FieldValues{{Field::timeout_seconds, 3}});
}

TEST_CASE("compute_plan lists fields in field order and actions by address", "[plan]") {
    LiveAction a = make_live("custom_-_a", "A");
    LiveAction b = make_live("custom_-_b", "B");
    LiveAction c = make_live("custom_-_c", "C");
    DesiredAction zeta = manage(manage(make_desired("zeta", "A"), Field::request_type, "POST"),
                                Field::timeout_seconds, 9);
    DesiredAction alpha = manage(make_desired("alpha", "B"), Field::category, "Billing");
    DesiredAction mid = manage(make_desired("mid", "C"), Field::category, "Orders");

    PlanResult result = compute_plan({{&zeta, &a}, {&alpha, &b}, {&mid, &c}});

    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.plan.changes.size() == 2);
    REQUIRE(result.plan.changes[0].address == "action.alpha");
    REQUIRE(result.plan.changes[1].address == "action.zeta");
    REQUIRE(result.plan.changes[1].fields ==
            std::vector<FieldChange>{{Field::timeout_seconds, Value{}, 9},
                                     {Field::request_type, Value{}, "POST"}});
    REQUIRE(result.plan.unchanged == std::vector<std::string>{"action.mid"});
}

TEST_CASE("compute_plan plans a rename when the action is selected by id", "[plan]") {
    LiveAction live = make_live("custom_-_1", "Old Name");
    DesiredAction desired =
        manage(make_desired_by_id("order", "custom_-_1"), Field::name, "New Name");

    PlanResult result = plan_one(desired, live);

    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.plan.changes.size() == 1);
    REQUIRE(result.plan.changes[0].fields ==
            std::vector<FieldChange>{{Field::name, "Old Name", "New Name"}});
}

TEST_CASE("compute_plan refuses changes to built-in actions but accepts matching ones", "[plan]") {
    LiveAction live = with(make_live("static_-_7", "Get Date"), Field::request_type, "GET");

    SECTION("a change") {
        DesiredAction desired =
            manage(manage(make_desired("date", "Get Date", 2), Field::request_type, "POST"),
                   Field::category, "Time");
        PlanResult result = plan_one(desired, live);
        REQUIRE(result.plan.changes.empty());
        REQUIRE(result.diagnostics.format() ==
                "actions.toml:2:1: action.date: static_-_7 \"Get Date\" is a built-in action and "
                "cannot be changed; remove category, request.type or match the live values\n");
    }
    SECTION("no change") {
        DesiredAction desired =
            manage(make_desired("date", "Get Date"), Field::request_type, "GET");
        PlanResult result = plan_one(desired, live);
        REQUIRE(result.diagnostics.empty());
        REQUIRE(result.plan.unchanged == std::vector<std::string>{"action.date"});
    }
}

TEST_CASE("compute_plan reports a managed template the provider did not load", "[plan]") {
    LiveAction live = make_live("custom_-_1", "Get Order");
    live.unloaded.insert(Field::request_template);
    DesiredAction desired =
        manage(make_desired("order", "Get Order"), Field::request_template, "x");

    PlanResult result = plan_one(desired, live);

    REQUIRE(result.plan.changes.empty());
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:3:1: action.order: request.template of custom_-_1 \"Get Order\" was not "
            "loaded from the API\n");
}

TEST_CASE("function.timeout_seconds plans like any field on a function action",
          "[plan][functions]") {
    LiveAction live = with(make_live("custom_-_f", "Score Lead"), Field::timeout_seconds, 12);
    live.runs_function = true;
    live.fields[Field::function_timeout_seconds] = Value(15);
    const DesiredAction desired =
        manage(make_desired("lead", "Score Lead"), Field::function_timeout_seconds, 10);
    PlanResult result = plan_one(desired, live);

    REQUIRE(result.plan.changes.size() == 1);
    REQUIRE(result.plan.changes[0].fields ==
            std::vector<FieldChange>{{Field::function_timeout_seconds, Value(15), Value(10)}});
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:1:1: warning: action.lead: the function stops at 10 s: raising the "
            "action's timeout (12 s) past it has no effect; the function's own limit is "
            "function.timeout_seconds (1-15 s)\n");
}

TEST_CASE("no warning when the action stops first - an unset timeout counts as 60",
          "[plan][functions]") {
    LiveAction live = with(make_live("custom_-_f", "Score Lead"), Field::timeout_seconds, 8);
    live.runs_function = true;
    live.fields[Field::function_timeout_seconds] = Value(15);
    const DesiredAction within =
        manage(make_desired("lead", "Score Lead"), Field::function_timeout_seconds, 10);
    REQUIRE(plan_one(within, live).diagnostics.format().empty());

    live.fields.erase(Field::timeout_seconds);
    REQUIRE(plan_one(within, live).diagnostics.format() ==
            "actions.toml:1:1: warning: action.lead: the function stops at 10 s: raising the "
            "action's timeout (60 s) past it has no effect; the function's own limit is "
            "function.timeout_seconds (1-15 s)\n");
}

TEST_CASE("function.timeout_seconds on an action that runs no function is an error",
          "[plan][functions]") {
    LiveAction live = make_live("custom_-_r", "Get Order");
    live.integration_id = "int-rest";
    const DesiredAction desired =
        manage(make_desired("order", "Get Order"), Field::function_timeout_seconds, 5);
    PlanResult result = plan_one(desired, live);

    REQUIRE(result.plan.changes.empty());
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:3:1: action.order: custom_-_r \"Get Order\" is not a function data "
            "action (its integration \"int-rest\" is not of type function-data-actions), so it "
            "has no function timeout; remove function.timeout_seconds\n");
}
