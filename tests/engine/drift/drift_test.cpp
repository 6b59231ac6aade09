#include "engine/drift/drift.h"

#include <catch2/catch.hpp>

#include "engine/model/secrets.h"
#include "engine/render/drift_render.h"
#include "tests/support/builders.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

StateAction recorded(const std::string& address, const std::string& id, std::int64_t version,
                     FieldValues managed) {
    StateAction entry;
    entry.address = address;
    entry.id = id;
    entry.name = "Recorded";
    entry.version = version;
    entry.managed = std::move(managed);
    return entry;
}

struct Scene {
    std::vector<LiveAction> live;
    std::vector<DesiredAction> desired;
    std::optional<State> state;

    DriftReport drift() const { return compute_drift(bind_org(live, desired), state); }
};

}  // namespace

TEST_CASE("drift tells outside changes from changes not yet applied", "[drift]") {
    Scene scene;
    scene.live = {with(with(make_live("custom_-_1", "A", 6), Field::timeout_seconds, 30),
                       Field::category, "Orders"),
                  with(make_live("custom_-_2", "B", 2), Field::timeout_seconds, 10)};
    scene.desired = {manage(manage(make_desired("a", "A"), Field::timeout_seconds, 15),
                            Field::category, "Billing"),
                     manage(make_desired("b", "B"), Field::timeout_seconds, 10)};
    scene.state = State{};
    scene.state->actions = {recorded("action.a", "custom_-_1", 4,
                                     {{Field::timeout_seconds, 15}, {Field::category, "Orders"}}),
                            recorded("action.b", "custom_-_2", 2, {{Field::timeout_seconds, 10}})};

    DriftReport report = scene.drift();

    REQUIRE(report.in_sync == std::vector<std::string>{"action.b"});
    REQUIRE(report.drifted.size() == 1);
    const ActionDrift& a = report.drifted[0];
    REQUIRE(a.live_version == 6);
    REQUIRE(a.applied_version == 4);
    REQUIRE(a.fields == std::vector<FieldDrift>{
                            {Field::category, DriftKind::not_yet_applied, "Orders", "Billing"},
                            {Field::timeout_seconds, DriftKind::changed_outside, 15, 30}});
    check_golden("engine/drift/golden/drift.txt", render_drift_text(report, Palette()));
}

TEST_CASE("drift without a state compares the manifests with the org", "[drift]") {
    Scene scene;
    scene.live = {with(make_live("custom_-_1", "A", 6), Field::timeout_seconds, 30)};
    scene.desired = {manage(make_desired("a", "A"), Field::timeout_seconds, 15)};

    DriftReport report = scene.drift();

    REQUIRE_FALSE(report.has_state);
    REQUIRE(report.drifted.size() == 1);
    REQUIRE(report.drifted[0].fields ==
            std::vector<FieldDrift>{{Field::timeout_seconds, DriftKind::differs, 30, 15}});
    REQUIRE(render_drift_text(report, Palette()) ==
            "No state file: comparing the manifests with the org only.\n"
            "\n"
            "~ action.a: \"A\" (custom_-_1), live version 6\n"
            "    not applied yet, no apply is recorded for it (live -> manifest):\n"
            "        ~ timeout_seconds: 30 -> 15\n"
            "\n"
            "Drift: 1 drifted, 0 in sync.\n"
            "Nothing changed in the org: all that differs is merged but not yet applied.\n");
    // Never applied is pending, not drift.
    REQUIRE_FALSE(report.changed_in_org());
}

TEST_CASE("drift reports actions that vanished or became ambiguous", "[drift]") {
    Scene scene;
    scene.live = {make_live("custom_-_5", "Twin"), make_live("custom_-_6", "Twin")};
    scene.desired = {manage(make_desired("gone", "Gone"), Field::timeout_seconds, 15),
                     manage(make_desired("twin", "Twin"), Field::timeout_seconds, 15)};
    scene.state = State{};
    scene.state->actions = {
        recorded("action.gone", "custom_-_1", 4, {{Field::timeout_seconds, 15}})};

    DriftReport report = scene.drift();

    REQUIRE(report.drifted.size() == 2);
    REQUIRE(render_drift_text(report, Palette()) ==
            "! action.gone: custom_-_1 (last applied at version 4) no longer exists in the org\n"
            "\n"
            "! action.twin: 2 live actions are named \"Twin\"; select one by id instead:\n"
            "    custom_-_5  category \"Orders\"\n"
            "    custom_-_6  category \"Orders\"\n"
            "\n"
            "Drift: 2 drifted, 0 in sync.\n");
}

TEST_CASE("drift does not compare secret header values recorded masked", "[drift]") {
    Scene scene;
    StringMap live_headers{{"Accept", "application/json"}, {"Authorization", "Bearer new"}};
    scene.live = {with(make_live("custom_-_1", "A", 6), Field::request_headers, live_headers)};
    scene.desired = {
        manage(make_desired("a", "A"), Field::request_headers,
               StringMap{{"Accept", "application/json"}, {"Authorization", "Bearer new"}})};
    scene.state = State{};
    scene.state->actions = {
        recorded("action.a", "custom_-_1", 6,
                 {{Field::request_headers,
                   StringMap{{"Accept", "application/json"}, {"Authorization", "(sensitive)"}}}})};

    DriftReport report = scene.drift();

    REQUIRE(report.drifted.empty());
    REQUIRE(report.in_sync == std::vector<std::string>{"action.a"});
}

TEST_CASE("drift sees a secret header changed by hand through its fingerprint",
          "[drift][secrets]") {
    const StringMap applied = {{"Authorization", "Bearer old-token-1"}, {"Accept", "*/*"}};
    const StringMap changed = {{"Authorization", "Bearer typed-by-hand"}, {"Accept", "*/*"}};
    Scene scene;
    scene.desired = {manage(make_desired("a", "A"), Field::request_headers, applied)};
    scene.state = State{};
    scene.state->actions = {recorded(
        "action.a", "custom_-_1", 4,
        {{Field::request_headers, fingerprinted(Field::request_headers, applied, "key-1")}})};
    auto drift_with = [&](const StringMap& live, std::optional<std::string> key) {
        scene.live = {with(make_live("custom_-_1", "A", 5), Field::request_headers, live)};
        return compute_drift(bind_org(scene.live, scene.desired), scene.state, key);
    };

    DriftReport same = drift_with(applied, "key-1");
    CHECK(same.drifted.empty());
    CHECK_FALSE(same.secrets_unchecked);

    DriftReport by_hand = drift_with(changed, "key-1");
    REQUIRE(by_hand.drifted.size() == 1);
    REQUIRE(by_hand.drifted[0].fields.size() == 1);
    const FieldDrift& field = by_hand.drifted[0].fields[0];
    CHECK(field.kind == DriftKind::changed_outside);
    CHECK(field.from.as_map().at("Authorization") == fingerprint("key-1", "Bearer old-token-1"));
    CHECK(field.to.as_map().at("Authorization") == fingerprint("key-1", "Bearer typed-by-hand"));
    CHECK(render_drift_text(by_hand, Palette()).find("typed-by-hand") == std::string::npos);

    // Without the key (or with another one) the secret cannot be compared: say so.
    DriftReport other_key = drift_with(changed, "key-2");
    CHECK(other_key.drifted.empty());
    CHECK(other_key.secrets_unchecked);
    DriftReport no_key = drift_with(changed, std::nullopt);
    CHECK(no_key.drifted.empty());
    CHECK(no_key.secrets_unchecked);
}

TEST_CASE("drift compares template references in secret-looking headers as they are",
          "[drift][secrets]") {
    const StringMap applied = {{"Authorization", "Bearer ${credentials.token}"}};
    Scene scene;
    scene.desired = {manage(make_desired("a", "A"), Field::request_headers, applied)};
    scene.state = State{};
    auto drift_with = [&](const StringMap& recorded_headers, const StringMap& live) {
        scene.state->actions = {
            recorded("action.a", "custom_-_1", 4, {{Field::request_headers, recorded_headers}})};
        scene.live = {with(make_live("custom_-_1", "A", 5), Field::request_headers, live)};
        return compute_drift(bind_org(scene.live, scene.desired), scene.state,
                             std::string("key-1"));
    };

    CHECK(drift_with(applied, applied).drifted.empty());
    // A state written before references were told apart holds their fingerprint.
    CHECK(drift_with(fingerprinted(Field::request_headers, StringMap(applied), "key-1").as_map(),
                     applied)
              .drifted.empty());
    DriftReport changed =
        drift_with(applied, StringMap{{"Authorization", "Bearer ${credentials.other}"}});
    REQUIRE(changed.drifted.size() == 1);
    REQUIRE(render_drift_text(changed, Palette()).find("${credentials.other}") !=
            std::string::npos);
}

TEST_CASE("a secret typed by hand over a managed template reference is a change, masked",
          "[drift][secrets]") {
    const StringMap applied = {{"Authorization", "Bearer ${credentials.token}"}};
    Scene scene;
    scene.desired = {manage(make_desired("a", "A"), Field::request_headers, applied)};
    scene.state = State{};
    scene.state->actions = {
        recorded("action.a", "custom_-_1", 4, {{Field::request_headers, applied}})};
    scene.live = {with(make_live("custom_-_1", "A", 5), Field::request_headers,
                       StringMap{{"Authorization", "Bearer typed-literal-77"}})};
    for (const std::optional<std::string>& key :
         {std::optional<std::string>("key-1"), std::optional<std::string>()}) {
        DriftReport report = compute_drift(bind_org(scene.live, scene.desired), scene.state, key);
        REQUIRE(report.drifted.size() == 1);
        REQUIRE(report.drifted[0].fields.size() == 1);
        const FieldDrift& field = report.drifted[0].fields[0];
        CHECK(field.kind == DriftKind::changed_outside);
        CHECK(field.to.as_map().count("Authorization") == 1);
        const std::string text = render_drift_text(report, Palette());
        CHECK(text.find(
                  "    ~ \"Authorization\": \"Bearer ${credentials.token}\" -> (sensitive)\n") !=
              std::string::npos);
        CHECK(text.find("typed-literal-77") == std::string::npos);
        const std::string json = encode_drift_output(report);
        CHECK(json.find("typed-literal-77") == std::string::npos);
        const std::size_t to = json.find("\"to\": {");
        REQUIRE(to != std::string::npos);
        CHECK(json.find("\"Authorization\": \"(sensitive)\"", to) < json.find('}', to));
    }
}

TEST_CASE("attribution lines say how many earlier changes were left out, and any cut",
          "[drift][audit]") {
    ActionDrift drift;
    Attribution newest{{1'796'040'000'000,
                        "custom_-_1",
                        "Update",
                        "u-jane",
                        "Jane Admin",
                        "ui",
                        {{"config.timeoutSeconds", {"10"}, {"45"}}}},
                       false};
    drift.changed_by = {newest};
    REQUIRE(attribution_lines(drift) ==
            std::vector<std::string>{"by Jane Admin (user u-jane) at 2026-11-30T12:00:00Z: "
                                     "config.timeoutSeconds 10 -> 45"});
    drift.earlier_changes = 1;
    REQUIRE(attribution_lines(drift).front() ==
            "1 earlier change since the last apply; the newest:");
    drift.earlier_changes = 995;
    drift.changes_cut_off = true;
    REQUIRE(attribution_lines(drift).front() ==
            "more than 995 earlier changes since the last apply (dactl reads the newest 1000; the "
            "admin UI's audit view has them all); the newest:");
}
