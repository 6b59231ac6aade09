#pragma once
// audit_trail: who changed a drifted action outside dactl, from the org's
// audit trail. Read once per run (a service-mapping check, then pages of 500
// entries about actions), never one query per action; it never fails a drift
// run: when the trail cannot be read, the report says why in one line.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/drift/drift.h"
#include "engine/provider/audit_log.h"
#include "engine/state/state.h"

namespace dactl {

/// How far back the realtime audit query reaches.
inline constexpr std::int64_t k_audit_days_ms = 14LL * 86'400'000;

struct AuditTrail {
    bool available = false;
    /// Why the trail says nothing (when not available), or what it cannot cover.
    std::string note;
    std::vector<AuditEntry> entries;  ///< oldest first
    int requests = 0;                 ///< mapping and pages sent
};

/// Reads the entries about actions in `window` (from no earlier than 14 days
/// before `now_ms`), filtered by entity when `ids` holds exactly one action.
AuditTrail read_audit_trail(AuditLog& provider, const TimeWindow& window,
                            const std::vector<std::string>& ids, std::int64_t now_ms);

/// The actions of `report` changed in the org outside dactl (or differing
/// without a recorded apply): their ids.
std::vector<std::string> changed_outside_ids(const DriftReport& report);

/// The window those need: since the earliest last apply of them recorded in
/// `state` (the last 14 days without one) up to `now_ms`. Nothing when no
/// action changed outside dactl.
std::optional<TimeWindow> audit_window(const DriftReport& report, const std::optional<State>& state,
                                       std::int64_t now_ms);

/// Fills `changed_by` of every action changed outside dactl with the entries
/// about it since its last apply, and the report's audit note. Entries through
/// `own_client_id` (the client dactl runs as) are marked by_dactl, and left out
/// when they are the last apply's own writes (up to 2 s after its applied_at).
/// Secret-looking values are masked.
void attribute_drift(DriftReport& report, const std::optional<State>& state,
                     const AuditTrail& trail, const std::string& own_client_id,
                     std::int64_t now_ms);

}  // namespace dactl
