// audit_trail: reading the trail once per run and naming who changed what.

#include "engine/audit/audit_trail.h"

#include <catch2/catch.hpp>

#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

constexpr std::int64_t k_now = 1'796'040'000'000;  // 2026-11-30T12:00:00Z
constexpr std::int64_t k_day = 86'400'000;

AuditEntry entry(std::int64_t at, const std::string& id, std::optional<std::string> user,
                 const std::string& client, std::vector<PropertyChange> changes = {}) {
    return {at,
            id,
            "Update",
            user,
            user ? std::optional<std::string>("Name of " + *user) : std::nullopt,
            client,
            std::move(changes)};
}

DriftReport drifted(const std::vector<std::string>& ids) {
    DriftReport report;
    report.has_state = true;
    for (const std::string& id : ids) {
        ActionDrift drift;
        drift.address = "action." + id;
        drift.id = id;
        drift.fields = {{Field::timeout_seconds, DriftKind::changed_outside, 10, 45}};
        report.drifted.push_back(drift);
    }
    return report;
}

State applied_at(const std::vector<std::pair<std::string, std::string>>& entries) {
    State state;
    for (const auto& [id, at] : entries) {
        StateAction action;
        action.address = "action." + id;
        action.id = id;
        action.applied_at = at;
        state.actions.push_back(action);
    }
    return state;
}

}  // namespace

std::vector<AuditSubject> subjects_of(const DriftReport& report, const std::optional<State>& state,
                                      std::vector<std::string>* notes = nullptr) {
    std::vector<std::string> ignored;
    return audit_subjects(report, state, k_now, notes != nullptr ? *notes : ignored);
}

TEST_CASE("one query per drifted action, newest first, pages of 500", "[audit]") {
    FakeProvider org;
    for (int i = 0; i < 1200; ++i) {
        org.add_audit(entry(k_now - 1000 - i, i % 2 == 0 ? "a" : "b", std::nullopt, "tool"));
    }
    org.add_audit(entry(k_now - 500, "c", std::nullopt, "tool"));  // c did not drift
    const std::vector<AuditSubject> subjects = subjects_of(drifted({"a", "b"}), std::nullopt);
    AuditTrail trail = read_audit_trail(org, subjects, k_now);
    REQUIRE(trail.available);
    REQUIRE(trail.note.empty());
    REQUIRE(trail.requests == 1 + 2 + 2);  // the mapping; 600 entries each: 2 pages each
    REQUIRE(trail.entries.size() == 1200);
    REQUIRE(trail.entries.front().at_ms < trail.entries.back().at_ms);
    REQUIRE(trail.cut_off.empty());
    const std::vector<AuditQuery> asked = org.audit_queries();
    REQUIRE(asked.size() == 4);
    REQUIRE(asked[0].entity_id == "a");
    REQUIRE(asked[2].entity_id == "b");
    REQUIRE(asked[0].newest_first);
    REQUIRE(asked[0].interval == TimeWindow{k_now - 14 * k_day, k_now + 1});
}

TEST_CASE("10,050 edits of one action: its newest are named, the rest counted, the cut said",
          "[audit]") {
    FakeProvider org;
    for (int i = 0; i < 10'050; ++i) {
        org.add_audit(entry(k_now - 20'000'000 + i, "a", "bot", "script"));
    }
    org.add_audit(entry(k_now - 1000, "b", "jane", "ui"));  // the newest change, of another action
    DriftReport report = drifted({"a", "b"});
    const std::vector<AuditSubject> subjects = subjects_of(report, std::nullopt);
    AuditTrail trail = read_audit_trail(org, subjects, k_now);
    REQUIRE(trail.available);
    REQUIRE(trail.requests == 1 + 2 + 1);  // a: 2 pages of 21, b: 1
    REQUIRE(trail.cut_off == std::set<std::string>{"a"});
    attribute_drift(report, subjects, trail, "dactl-client");
    const ActionDrift& a = report.drifted[0];
    REQUIRE(a.changed_by.size() == k_attributions_shown);
    REQUIRE(a.changed_by.back().entry.at_ms == k_now - 20'000'000 + 10'049);
    REQUIRE(a.earlier_changes == 1000 - k_attributions_shown);
    REQUIRE(a.changes_cut_off);
    const ActionDrift& b = report.drifted[1];
    REQUIRE(b.changed_by.size() == 1);
    REQUIRE(b.changed_by[0].entry.user_id == "jane");
    REQUIRE_FALSE(b.changes_cut_off);
}

TEST_CASE("many drifted actions are one query over all actions", "[audit]") {
    FakeProvider org;
    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) {
        ids.push_back("x" + std::to_string(i));
        org.add_audit(entry(k_now - 1000 - i, ids.back(), "jane", "ui"));
    }
    DriftReport report = drifted(ids);
    const std::vector<AuditSubject> subjects = subjects_of(report, std::nullopt);
    AuditTrail trail = read_audit_trail(org, subjects, k_now);
    REQUIRE(trail.requests == 1 + 1);
    REQUIRE_FALSE(org.audit_queries()[0].entity_id);
    attribute_drift(report, subjects, trail, "dactl-client");
    for (const ActionDrift& drift : report.drifted) {
        REQUIRE(drift.changed_by.size() == 1);
    }
}

TEST_CASE("a trail that answers too slowly is given up within the budget, and says so", "[audit]") {
    FakeProvider org;
    org.add_audit(entry(k_now - 1000, "a", "jane", "ui"));
    std::chrono::steady_clock::time_point now{};
    AuditLimits limits;
    limits.clock = [&] {
        now += std::chrono::seconds(20);  // every request takes 20 s
        return now;
    };
    DriftReport report = drifted({"a", "b"});
    const std::vector<AuditSubject> subjects = subjects_of(report, std::nullopt);
    AuditTrail trail = read_audit_trail(org, subjects, k_now, limits);
    REQUIRE_FALSE(trail.available);
    REQUIRE(trail.note ==
            "the audit trail answered too slowly (more than 30 s in all), so drift cannot say who "
            "changed what");
    REQUIRE(org.audit_queries().size() == 1);
}

TEST_CASE("a window older than 14 days is cut to them, and says so", "[audit]") {
    FakeProvider org;
    const State state = applied_at({{"a", "2026-10-31T12:00:00Z"}});
    AuditTrail trail = read_audit_trail(org, subjects_of(drifted({"a"}), state), k_now);
    REQUIRE(trail.available);
    REQUIRE(trail.note ==
            "the audit trail keeps 14 days: changes before 2026-11-16T12:00:00Z cannot be named");
    REQUIRE(org.audit_queries()[0].interval.start_ms == k_now - 14 * k_day);
}

TEST_CASE("a last apply recorded in the future is taken as unknown, and said", "[audit]") {
    FakeProvider org;
    org.add_audit(entry(k_now - 3 * k_day, "a", "jane", "ui"));
    const State state = applied_at({{"a", "2027-01-01T00:00:00Z"}});  // a runner's clock ahead
    DriftReport report = drifted({"a"});
    std::vector<std::string> notes;
    const std::vector<AuditSubject> subjects = subjects_of(report, state, &notes);
    REQUIRE(subjects[0].since_ms == k_now - 14 * k_day);
    REQUIRE_FALSE(subjects[0].apply_known);
    REQUIRE(notes == std::vector<std::string>{
                         "the state records the last apply of action.a at 2027-01-01T00:00:00Z, "
                         "in the future (a clock ahead?): its changes are looked for over the "
                         "last 14 days"});
    AuditTrail trail = read_audit_trail(org, subjects, k_now);
    attribute_drift(report, subjects, trail, "dactl-client");
    REQUIRE(report.drifted[0].changed_by.size() == 1);
    REQUIRE(report.drifted[0].changed_by[0].entry.user_id == "jane");
}

TEST_CASE("an unreadable trail says why in one line", "[audit]") {
    FakeProvider org;
    Error forbidden = make_error(ErrorKind::forbidden, "no");
    org.fail_audits(forbidden);
    DriftReport report = drifted({"a"});
    const std::vector<AuditSubject> subjects = subjects_of(report, std::nullopt);
    AuditTrail trail = read_audit_trail(org, subjects, k_now);
    REQUIRE_FALSE(trail.available);
    REQUIRE(trail.note ==
            "the OAuth client may not read the audit trail (HTTP 403: it needs the permission "
            "audits:audit:view and the scope audits or audits:readonly), so drift cannot say who "
            "changed what");
    attribute_drift(report, subjects, trail, "dactl-client");
    REQUIRE_FALSE(report.audited);
    REQUIRE(report.audit_note == trail.note);
    REQUIRE(report.drifted[0].changed_by.empty());
}

TEST_CASE("changes are named since each action's last apply - dactl's own writes left out",
          "[audit]") {
    FakeProvider org;
    const std::int64_t applied = 1'796'032'800'000;           // 2026-11-30T10:00:00Z
    org.add_audit(entry(applied - 5000, "a", "jane", "ui"));  // before the apply
    org.add_audit(entry(applied + 1200, "a", std::nullopt, "dactl-client"));  // the apply's own
    org.add_audit(entry(applied + 131'000, "a", "jane", "ui",
                        {{"config.timeoutSeconds", {"10"}, {"45"}},
                         {"config.request.headers.X-Api-Key", {"old-key"}, {"new-key"}}}));
    org.add_audit(entry(applied + 200'000, "a", std::nullopt, "dactl-client"));  // another run
    org.add_audit(entry(applied + 300'000, "b", std::nullopt, "other-tool"));
    org.add_audit(entry(applied + 400'000, "c", "joe", "ui"));  // c did not drift
    const State state = applied_at({{"a", "2026-11-30T10:00:00Z"}, {"b", "2026-11-30T10:00:00Z"}});
    DriftReport report = drifted({"a", "b"});
    const std::vector<AuditSubject> subjects = subjects_of(report, state);
    REQUIRE(subjects[0].since_ms == applied);
    REQUIRE(subjects[0].apply_known);
    AuditTrail trail = read_audit_trail(org, subjects, k_now);
    REQUIRE(org.audit_queries()[0].interval == TimeWindow{applied, k_now + 1});
    attribute_drift(report, subjects, trail, "dactl-client");
    REQUIRE(report.audited);
    const std::vector<Attribution>& a = report.drifted[0].changed_by;
    REQUIRE(a.size() == 2);
    REQUIRE(a[0].entry.user_id == "jane");
    REQUIRE_FALSE(a[0].by_dactl);
    REQUIRE(a[0].entry.changes[1].old_values == std::vector<std::string>{"(sensitive)"});
    REQUIRE(a[0].entry.changes[1].new_values == std::vector<std::string>{"(sensitive)"});
    REQUIRE(a[0].entry.changes[0].new_values == std::vector<std::string>{"45"});
    REQUIRE(a[1].by_dactl);
    REQUIRE(report.drifted[1].changed_by.size() == 1);
    REQUIRE(report.drifted[1].changed_by[0].entry.client_id == "other-tool");
}

TEST_CASE("only actions changed outside dactl are looked up", "[audit]") {
    DriftReport report = drifted({"a"});
    report.drifted[0].fields[0].kind = DriftKind::not_yet_applied;
    REQUIRE(subjects_of(report, std::nullopt).empty());
    // Never applied: pending too, and no one to name.
    DriftReport fresh = drifted({"a"});
    fresh.drifted[0].fields[0].kind = DriftKind::differs;
    REQUIRE(subjects_of(fresh, std::nullopt).empty());
    REQUIRE(subjects_of(drifted({"a"}), std::nullopt).size() == 1);
}

TEST_CASE("entries of the same millisecond keep the order they were made in", "[audit]") {
    FakeProvider org;
    for (const char* user : {"first", "second", "third"}) {
        org.add_audit(entry(k_now - 1000, "a", user, "ui"));
    }
    DriftReport report = drifted({"a"});
    const std::vector<AuditSubject> subjects = subjects_of(report, std::nullopt);
    attribute_drift(report, subjects, read_audit_trail(org, subjects, k_now), "dactl-client");
    const std::vector<Attribution>& by = report.drifted[0].changed_by;
    REQUIRE(by.size() == 3);
    REQUIRE(by[0].entry.user_id == "first");
    REQUIRE(by[2].entry.user_id == "third");
}
