#pragma once
// since_apply: did an apply stop the timeouts? The window before the last
// apply against the window since, equal lengths (at most 7 days each), per
// action that apply changed.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/insights/insights.h"
#include "engine/state/state.h"

namespace dactl {

/// Fewer executions than this since the apply are not enough to tell.
inline constexpr std::int64_t k_enough_executions = 10;

enum class Change { fixed, improved, still_timing_out, not_enough_traffic, ok };

/// "fixed", "improved", "still timing out", "not enough traffic yet", "ok".
std::string change_text(Change change);

struct Comparison {
    Insight before;
    Insight after;
    Change change = Change::not_enough_traffic;
};

struct SinceApplyReport {
    std::string environment;  ///< the project's environment the org is, or ""
    std::int64_t applied_at_ms = 0;
    TimeWindow before;
    TimeWindow after;
    int queries = 0;
    std::vector<Comparison> actions;  ///< worst first: still timing out, then improved, ...
};

/// The windows around an apply at `applied_at_ms`, seen at `now_ms`: after is
/// [applied_at, min(now, applied_at + 7 days)), before as long, ending at the apply.
void windows_around(std::int64_t applied_at_ms, std::int64_t now_ms, TimeWindow& before,
                    TimeWindow& after);

/// How the timeouts of one action changed: not enough traffic yet (fewer than
/// k_enough_executions since), fixed (timeouts before, none since), improved
/// (the share that timed out at most halved), still timing out, or ok (no
/// timeouts before or since).
Change change_of(const Insight& before, const Insight& after);

/// When the last apply recorded in a state happened, and which of its entries
/// it changed (an entry it only recorded keeps the same document before and after).
struct LastApply {
    std::int64_t at_ms = 0;
    std::set<std::string> changed;  ///< addresses
};
/// Nothing when `state` records no apply; fails (ErrorKind::invalid_input)
/// when its latest applied_at is not a UTC time.
Result<std::optional<LastApply>> last_apply(const std::optional<State>& state);

/// Reads both windows (run_insights each) over `targets` and compares them.
Result<SinceApplyReport> compare_since_apply(ActionAnalytics& provider,
                                             const std::vector<InsightTarget>& targets,
                                             std::int64_t applied_at_ms, std::int64_t now_ms,
                                             const InsightOptions& options);

}  // namespace dactl
