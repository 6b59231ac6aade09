#pragma once
// Executions: the record of every real run of an action that the Analytics API
// aggregates (POST /api/v2/analytics/actions/aggregates/query). They come from
// the seed's generated traffic, from every execute call and from the admin API.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/util/result.h"
#include "tests/emulator/action_shape.h"
#include "tests/emulator/json_value.h"

namespace dactl::emulator {

/// Wall-clock time: analytics intervals are dates, not the monotonic clock.
using WallClock = std::chrono::system_clock;

/// One run of an action.
struct Execution {
    std::int64_t at_ms = 0;  ///< when it ran, milliseconds since the epoch
    std::string action_id;
    std::string action_name;
    std::string action_category;
    std::string integration_id;
    std::int64_t duration_ms = 0;  ///< tTotalExecution: cut off at the timeout when timed out
    bool timed_out = false;
    bool failed = false;  ///< the third party failed (not a timeout)
};

/// Reads `_emulator.traffic` of a seed: {"days", "perDay", "latencyMs": [MIN, MAX],
/// "failureRate", "peak": {"perMinute", "startUtc": "HH:MM", "minutes"}};
/// latencyMs defaults to the action's own `_emulator.latencyMs`.
Result<TrafficSpec> parse_traffic(const Json& member, int latency_min_ms, int latency_max_ms);

/// `count` runs of an action, evenly spread over [from, to).
struct RunBatch {
    std::int64_t count = 0;
    int latency_min_ms = 0;  ///< each run's latency is drawn uniformly in [min, max]
    int latency_max_ms = 0;
    double failure_rate = 0.0;  ///< this share fails (those that do not time out)
    WallClock::time_point from;
    WallClock::time_point to;
    std::int64_t timeout_seconds = 60;  ///< runs longer than this time out, cut off at it
    std::uint64_t salt = 0;             ///< another salt draws other latencies
};

/// The runs of `action` that `batch` describes. Deterministic: the same action
/// and salt give the same runs.
std::vector<Execution> generate_executions(const Json& action, const RunBatch& batch);

/// The batches of a seed's traffic: spec.days * spec.per_day runs over the
/// spec.days days before `now`, then each day's peak within those days (its
/// per-minute rate over its minutes, cut at the window's ends).
std::vector<RunBatch> seed_batches(const TrafficSpec& spec, WallClock::time_point now,
                                   std::int64_t timeout_seconds);

/// The action's timeout: config.timeoutSeconds, or the service default of 60 s.
std::int64_t timeout_of(const Json& action);

/// Milliseconds since the epoch, now.
std::int64_t now_ms();

/// One run of `action` now, as an execute call made it.
Execution execution_now(const Json& action, int latency_ms, std::int64_t timeout_seconds,
                        bool failed);

/// Every run recorded so far; safe to share between threads.
class ExecutionLog {
public:
    void add(std::vector<Execution> executions);
    /// A copy of every run, in the order recorded.
    std::vector<Execution> all() const;
    void clear();
    std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Execution> m_executions;
};

}  // namespace dactl::emulator
