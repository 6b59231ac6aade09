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

TEST_CASE("the trail is one mapping request and pages of 500", "[audit]") {
    FakeProvider org;
    for (int i = 0; i < 1200; ++i) {
        org.add_audit(entry(k_now - 1000 - i, i % 2 == 0 ? "a" : "b", std::nullopt, "tool"));
    }
    AuditTrail trail = read_audit_trail(org, {k_now - k_day, k_now}, {"a", "b"}, k_now);
    REQUIRE(trail.available);
    REQUIRE(trail.note.empty());
    REQUIRE(trail.requests == 1 + 3);
    REQUIRE(trail.entries.size() == 1200);
    REQUIRE(trail.entries.front().at_ms < trail.entries.back().at_ms);
    REQUIRE_FALSE(org.audit_queries()[0].entity_id);
    AuditTrail one = read_audit_trail(org, {k_now - k_day, k_now}, {"a"}, k_now);
    REQUIRE(one.requests == 1 + 2);
    REQUIRE(org.audit_queries().back().entity_id == "a");
}

TEST_CASE("a window older than 14 days is cut to them, and says so", "[audit]") {
    FakeProvider org;
    AuditTrail trail = read_audit_trail(org, {k_now - 30 * k_day, k_now}, {"a"}, k_now);
    REQUIRE(trail.available);
    REQUIRE(trail.note ==
            "the audit trail keeps 14 days: changes before 2026-11-16T12:00:00Z cannot be named");
    REQUIRE(org.audit_queries()[0].interval.start_ms == k_now - 14 * k_day);
}

TEST_CASE("an unreadable trail says why in one line", "[audit]") {
    FakeProvider org;
    Error forbidden = make_error(ErrorKind::forbidden, "no");
    org.fail_audits(forbidden);
    AuditTrail trail = read_audit_trail(org, {k_now - k_day, k_now}, {"a"}, k_now);
    REQUIRE_FALSE(trail.available);
    REQUIRE(trail.note ==
            "the OAuth client may not read the audit trail (HTTP 403: it needs the permission "
            "audits:audit:view and the scope audits or audits:readonly), so drift cannot say who "
            "changed what");
    DriftReport report = drifted({"a"});
    attribute_drift(report, std::nullopt, trail, "dactl-client", k_now);
    REQUIRE_FALSE(report.audited);
    REQUIRE(report.audit_note == trail.note);
    REQUIRE(report.drifted[0].changed_by.empty());
}

TEST_CASE("changes are named since each action's last apply; dactl's own writes left out",
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
    const std::optional<TimeWindow> window = audit_window(report, state, k_now);
    REQUIRE(window == TimeWindow{applied, k_now + 1});
    AuditTrail trail = read_audit_trail(org, *window, changed_outside_ids(report), k_now);
    attribute_drift(report, state, trail, "dactl-client", k_now);
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
    REQUIRE_FALSE(audit_window(report, std::nullopt, k_now));
    REQUIRE(changed_outside_ids(report).empty());
    // Never applied: pending too, and no one to name.
    DriftReport fresh = drifted({"a"});
    fresh.drifted[0].fields[0].kind = DriftKind::differs;
    REQUIRE_FALSE(audit_window(fresh, std::nullopt, k_now));
    DriftReport outside = drifted({"a"});
    REQUIRE(audit_window(outside, std::nullopt, k_now) ==
            TimeWindow{k_now - 14 * k_day, k_now + 1});
}
