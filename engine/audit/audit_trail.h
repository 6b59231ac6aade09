#pragma once
// audit_trail: who changed a drifted action outside dactl, from the org's
// audit trail. Newest entries first, filtered by the drifted actions (one
// query each, a few pages at most; one query over all actions when many
// drifted), within a time budget: the trail is optional, so it never fails a
// drift run nor holds it long. When it cannot be read, the report says why in
// one line; when an action has more entries than were read, it says so.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/drift/drift.h"
#include "engine/provider/audit_log.h"
#include "engine/state/state.h"

namespace dactl {

/// How far back the realtime audit query reaches.
inline constexpr std::int64_t k_audit_days_ms = 14LL * 86'400'000;
/// The attributions kept per action: the newest; the earlier ones are counted.
inline constexpr std::size_t k_attributions_shown = 5;

/// A drifted action whose changes are looked for.
struct AuditSubject {
    std::string address;
    std::string id;
    std::int64_t since_ms = 0;  ///< its last apply; the last 14 days when unknown
    bool apply_known = false;   ///< since_ms is its recorded apply, not in the future
};

/// What reading the trail may cost.
struct AuditLimits {
    std::size_t filtered_subjects = 10;  ///< more drifted actions: one query over all actions
    int pages_per_subject = 2;           ///< of 500 entries, newest first
    int pages_unfiltered = 20;
    std::chrono::milliseconds budget{30'000};  ///< for all the requests together
    /// The clock the budget is kept by; empty: std::chrono::steady_clock.
    std::function<std::chrono::steady_clock::time_point()> clock;
};

struct AuditTrail {
    bool available = false;
    /// Why the trail says nothing (when not available), or what it cannot cover.
    std::string note;
    std::vector<AuditEntry> entries;  ///< oldest first
    std::set<std::string> cut_off;    ///< ids with more entries in the window than were read
    int requests = 0;                 ///< mapping and pages sent
};

/// The actions of `report` changed in the org outside dactl, each from its last
/// apply recorded in `state` (the last 14 days without one). An applied_at in
/// the future (a clock ahead) counts as none, and `notes` gets a line about it.
std::vector<AuditSubject> audit_subjects(const DriftReport& report,
                                         const std::optional<State>& state, std::int64_t now_ms,
                                         std::vector<std::string>& notes);

/// Reads the entries about `subjects` (no earlier than 14 days before
/// `now_ms`), newest first, within `limits`.
AuditTrail read_audit_trail(AuditLog& provider, const std::vector<AuditSubject>& subjects,
                            std::int64_t now_ms, const AuditLimits& limits = {});

/// Fills `changed_by` of every subject's action with the newest
/// k_attributions_shown entries about it since its last apply (oldest first),
/// counting the earlier ones, and the report's audit note. Entries through
/// `own_client_id` (the client dactl runs as) are marked by_dactl, and left out
/// when they are the last apply's own writes (up to 2 s after its applied_at).
/// Secret-looking values are masked.
void attribute_drift(DriftReport& report, const std::vector<AuditSubject>& subjects,
                     const AuditTrail& trail, const std::string& own_client_id);

}  // namespace dactl
