#include "engine/apply/next_state.h"

#include <catch2/catch.hpp>

#include "engine/insights/since_apply.h"
#include "engine/model/secrets.h"
#include "tests/support/builders.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

struct Scene {
    LiveAction changed = with(make_live("custom_-_1", "A", 3), Field::timeout_seconds, 3);
    LiveAction same = with(make_live("custom_-_2", "B", 7), Field::timeout_seconds, 10);
    LiveAction broken = with(make_live("custom_-_3", "C", 2), Field::timeout_seconds, 3);
    std::vector<DesiredAction> desired = {
        manage(make_desired("a", "A"), Field::timeout_seconds, 15),
        manage(make_desired("b", "B"), Field::timeout_seconds, 10),
        manage(make_desired("c", "C"), Field::timeout_seconds, 20)};
    std::vector<Binding> bindings = {
        {&desired[0], &changed}, {&desired[1], &same}, {&desired[2], &broken}};

    ApplyReport report() const {
        ApplyReport report;
        ActionResult applied;
        applied.address = "action.a";
        applied.status = ActionStatus::applied;
        LiveAction after = with(changed, Field::timeout_seconds, 15);
        after.version = 4;
        after.document = "{\"id\":\"custom_-_1\",\"version\":4}";
        applied.final = after;
        ActionResult failed;
        failed.address = "action.c";
        failed.status = ActionStatus::failed;
        report.results = {applied, failed};
        return report;
    }
};

}  // namespace

TEST_CASE("next_state starts a lineage and records every bound action that holds its values",
          "[state]") {
    Scene scene;
    State state = next_state(std::nullopt, scene.bindings, scene.report(), "2026-11-28T10:00:00Z",
                             "lineage-1", "key");

    REQUIRE(state.lineage == "lineage-1");
    REQUIRE(state.serial == 1);
    REQUIRE(state.actions.size() == 2);
    const StateAction& a = state.actions[0];
    REQUIRE(a.address == "action.a");
    REQUIRE(a.version == 4);
    REQUIRE(a.managed == FieldValues{{Field::timeout_seconds, 15}});
    REQUIRE(a.before == "{\"id\":\"custom_-_1\"}");
    REQUIRE(a.after == "{\"id\":\"custom_-_1\",\"version\":4}");
    REQUIRE(a.applied_at == "2026-11-28T10:00:00Z");
    REQUIRE(a.applied_serial == 1);
    const StateAction& b = state.actions[1];
    REQUIRE(b.address == "action.b");
    REQUIRE(b.version == 7);
    REQUIRE(b.before == b.after);
}

TEST_CASE("next_state keeps failed actions' previous entries and drops unmanaged ones", "[state]") {
    Scene scene;
    State previous;
    previous.lineage = "lineage-0";
    previous.serial = 6;
    StateAction old_c;
    old_c.address = "action.c";
    old_c.version = 1;
    old_c.applied_at = "2026-01-01T00:00:00Z";
    StateAction old_b;
    old_b.address = "action.b";
    old_b.id = "custom_-_2";
    old_b.managed = {{Field::timeout_seconds, 10}};
    old_b.before = "{\"old\":true}";
    old_b.applied_at = "2026-02-02T00:00:00Z";
    old_b.applied_serial = 3;
    StateAction gone;
    gone.address = "action.gone";
    previous.actions = {old_b, old_c, gone};

    State state =
        next_state(previous, scene.bindings, scene.report(), "2026-11-28T10:00:00Z", "x", "key");

    REQUIRE(state.lineage == "lineage-0");
    REQUIRE(state.serial == 7);
    REQUIRE(state.actions.size() == 3);
    REQUIRE(state.actions[0].address == "action.a");
    REQUIRE(state.actions[1].address == "action.b");
    REQUIRE(state.actions[0].applied_serial == 7);
    REQUIRE(state.actions[1].applied_at == "2026-02-02T00:00:00Z");
    REQUIRE(state.actions[1].applied_serial == old_b.applied_serial);
    REQUIRE(state.actions[1].before == "{\"old\":true}");
    REQUIRE(state.actions[2].address == "action.c");
    REQUIRE(state.actions[2].version == 1);
    REQUIRE(state.actions[2].applied_at == "2026-01-01T00:00:00Z");
}

TEST_CASE(
    "next_state records secret header values as fingerprints and keeps applied_at while "
    "they stay the same",
    "[state][secrets]") {
    LiveAction live = with(make_live("custom_-_1", "A", 3), Field::request_headers,
                           StringMap{{"Authorization", "Bearer s3cr3t"}, {"Accept", "*/*"}});
    std::vector<DesiredAction> desired = {
        manage(make_desired("a", "A"), Field::request_headers,
               StringMap{{"Authorization", "Bearer s3cr3t"}, {"Accept", "*/*"}})};
    std::vector<Binding> bindings = {{&desired[0], &live}};

    State first =
        next_state(std::nullopt, bindings, ApplyReport{}, "2026-11-01T00:00:00Z", "l", "k");
    const StringMap& recorded = first.actions[0].managed.at(Field::request_headers).as_map();
    REQUIRE(recorded.at("Accept") == "*/*");
    REQUIRE(recorded.at("Authorization") == fingerprint("k", "Bearer s3cr3t"));
    REQUIRE(recorded.at("Authorization").find("s3cr3t") == std::string::npos);

    State again = next_state(first, bindings, ApplyReport{}, "2026-11-30T00:00:00Z", "l", "k");
    REQUIRE(again.actions[0].applied_at == "2026-11-01T00:00:00Z");
}

TEST_CASE("the last apply is the latest one, two within one second told apart by serial",
          "[state][insights]") {
    State state;
    const auto entry = [](std::string address, std::string at, std::int64_t serial, bool changed) {
        StateAction action;
        action.address = std::move(address);
        action.applied_at = std::move(at);
        action.applied_serial = serial;
        action.before = "{\"v\":1}";
        action.after = changed ? "{\"v\":2}" : action.before;
        return action;
    };
    state.actions = {entry("action.a", "2026-11-28T10:00:00Z", 4, true),
                     entry("action.b", "2026-11-28T10:00:00Z", 5, true),
                     entry("action.c", "2026-11-28T10:00:00Z", 5, false),
                     entry("action.d", "2026-11-27T10:00:00Z", 9, true)};
    Result<std::optional<LastApply>> last = last_apply(state);
    REQUIRE(last);
    REQUIRE(*last);
    REQUIRE((*last)->at_ms == 1'795'860'000'000);
    REQUIRE((*last)->changed == std::set<std::string>{"action.b"});

    // A state written before applied_serial: the applies of one second are one.
    for (StateAction& action : state.actions) {
        action.applied_serial = 0;
    }
    last = last_apply(state);
    REQUIRE((*last)->changed == std::set<std::string>{"action.a", "action.b"});
}
