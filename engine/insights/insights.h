#pragma once
// insights: which actions time out or come close, from the org's own analytics
// (ActionAnalytics::query_action_aggregates), what timeout each needs, and whether an
// apply stopped the timeouts. Calls no back-end: it reads statistics only.
//
// Requests: a window is read in chunks of at most 7 days (the largest interval
// the API is known to take); each chunk costs two queries over every action at
// once: grouped by actionId (the distribution: percentiles cannot be merged
// across groups) and by actionId, errorType and responseStatus in 15-minute
// buckets (the failures by day, and each action's busiest quarter hour for the
// blast radius). An answer 400 about the interval halves the chunks.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/capacity/blast_radius.h"
#include "engine/model/execution_stats.h"
#include "engine/model/live_action.h"
#include "engine/probe/latency_stats.h"
#include "engine/provider/analytics.h"

namespace dactl {

/// The longest chunk of one query, in days.
inline constexpr int k_chunk_days = 7;

/// One action insights reports on.
struct InsightTarget {
    std::optional<std::string> address;  ///< "action.x"; none for an action no manifest manages
    const LiveAction* live = nullptr;    ///< outlives the report
};

struct InsightOptions {
    TimeWindow window;
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;  ///< the least timeout recommended
    /// The errorType values that are timeouts; none: the default guess
    /// (is_timeout_failure).
    std::optional<std::vector<std::string>> timeout_error_types;
};

enum class Verdict { timing_out, at_risk, ok, no_traffic };

/// "timing out", "at risk", "ok", "no traffic".
std::string verdict_text(Verdict verdict);

/// Executions of one errorType and responseStatus, as the API named them.
struct FailureCount {
    std::string error_type;
    std::string response_status;
    std::int64_t count = 0;
    bool timeout = false;  ///< counted as a timeout
};

/// One day (24 h from the window's start) of an action.
struct DayCount {
    std::int64_t start_ms = 0;
    std::int64_t executions = 0;
    std::int64_t timeouts = 0;
};

/// Why a number of an insight is what it is: data; render words it
/// (insight_note_text).
struct InsightNote {
    enum class Kind {
        chunked_percentiles,  ///< p95/p99 the worst of `count` chunks of `seconds` days
        no_percentiles,       ///< the max (`ms`) stands in for the p99
        earlier_timeouts,     ///< `count` cut off at `ms` under an earlier timeout; `censored`
        cut_off_now,          ///< `count` of `of` timed out at the current `seconds`: a lower bound
        measured_despite,     ///< `count` of `of` timed out, the p99 (`ms`) below: measured
        rule_exact,           ///< `rule` sets the timeout to `seconds` (`of`: measured)
        rule_at_most,         ///< `rule` allows at most `seconds` (`of`: needed)
        rule_at_least,        ///< `rule` asks for at least `seconds`
        /// `count` of `of` cut off by the function's own `seconds`, under the
        /// action's timeout (`ms`: the p99); `censored`: a lower bound
        function_cut_off,
    };
    Kind kind = Kind::no_percentiles;
    std::int64_t count = 0;
    std::int64_t of = 0;
    std::int64_t ms = 0;
    int seconds = 0;
    bool censored = false;
    std::string rule;

    bool operator==(const InsightNote&) const = default;
};

struct Insight {
    std::optional<std::string> address;
    std::string id;
    std::string name;
    std::optional<int> current_timeout;  ///< seconds; unset: the service default of 60 s
    /// A function action's own timeout (1-15 s) when it is shorter than the
    /// action's: runs stop there, so it is the limit that counts.
    std::optional<int> function_timeout;
    std::int64_t executions = 0;
    std::int64_t failures = 0;  ///< timeouts included
    std::int64_t timeouts = 0;
    /// Of the timeouts, those cut off well below the current timeout: they ran
    /// under an earlier, lower one (before an apply raised it).
    std::int64_t earlier_timeouts = 0;
    std::int64_t earlier_cutoff_ms = 0;       ///< the longest of those
    std::vector<FailureCount> failure_kinds;  ///< sorted by count, largest first
    std::optional<std::int64_t> p95_ms;       ///< absent when the analytics gave none
    std::optional<std::int64_t> p99_ms;
    std::int64_t max_ms = 0;
    bool percentiles_measured = true;  ///< false: the analytics gave none, max stands in
    int chunks_with_traffic = 0;       ///< >1: p95/p99 are the worst chunk's
    std::vector<DayCount> days;        ///< every day of the window, in order
    Verdict verdict = Verdict::no_traffic;
    std::optional<Recommendation> recommendation;  ///< none without traffic
    std::vector<InsightNote> notes;                ///< why a number is what it is
    ActionPeak peak;                               ///< its busiest 15 minutes in the window

    /// The p99, or the max when the analytics gave no percentiles.
    std::int64_t p99_or_max() const { return p99_ms.value_or(max_ms); }
    /// Where runs stop now, in seconds: the function's timeout when it is the
    /// shorter, else the action's (60 s unset).
    int limit_seconds() const { return function_timeout.value_or(current_timeout.value_or(60)); }
};

struct InsightsReport {
    std::string environment;  ///< the project's environment the org is, or ""
    TimeWindow window;
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;
    std::optional<std::vector<std::string>> timeout_error_types;  ///< as the options had it
    int queries = 0;                                              ///< analytics queries sent
    int chunk_days = k_chunk_days;                                ///< the chunk length used
    std::vector<Insight> insights;                                ///< worst first
    /// Executions of actions not covered (unmanaged without --all, or other
    /// kinds); for nothing but the summary.
    std::int64_t other_executions = 0;
    Peaks peaks;  ///< every action's busiest 15 minutes, the others' too

    /// How many insights have this verdict.
    std::size_t count(Verdict verdict) const;
};

/// The timeouts the recommendations raise, by id: of the actions timing out
/// or at risk, those recommended more than they have (what --write raises).
std::map<std::string, int> recommended_timeouts(const InsightsReport& report);

/// The blast radius of the report's recommendations over every host of `live`
/// with traffic (its limit the default until settled).
BlastRadius weigh_recommendations(const InsightsReport& report,
                                  const std::vector<LiveAction>& live);

/// Whether a failure is a timeout: its errorType is one of `listed` (exact,
/// case-insensitive) when a list is given; else when the errorType contains
/// "timeout" or "timed" (any case) or the responseStatus is 408 or 504.
bool is_timeout_failure(const std::string& error_type, const std::string& response_status,
                        const std::optional<std::vector<std::string>>& listed);

/// Whether a group of executions failed: an errorType other than NONE (any
/// case), or without one a responseStatus that is not 2xx.
bool is_failure(const std::string& error_type, const std::string& response_status);

/// The chunks of `window`, in order, each at most `days` long.
std::vector<TimeWindow> chunks_of(const TimeWindow& window, int days);

/// Reads the analytics of `options.window` and reports on every target, worst
/// first. Fails with the provider's error (the interval halving spent).
Result<InsightsReport> run_insights(ActionAnalytics& provider,
                                    const std::vector<InsightTarget>& targets,
                                    const InsightOptions& options);

/// The verdict of an action over the statistics of `insight`: timing out when
/// any execution timed out at the current timeout (earlier_timeouts, cut off
/// under a lower one, do not count), else at risk or ok by the p99 (or max)
/// against the current timeout; and its recommendation, a lower bound when the
/// p99 itself is cut off.
void judge(Insight& insight, double headroom, int min_timeout = k_default_min_timeout);

}  // namespace dactl
