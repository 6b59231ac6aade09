#pragma once
// Latency statistics and timeout recommendations for `dactl probe`. Pure.
//
// Percentiles use the nearest-rank method: the p-th percentile of N sorted
// samples is the sample at rank ceil(p / 100 * N) (ranks from 1). It is always
// an observed latency, needs no interpolation, and is exact for small N.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dactl {

using Milliseconds = std::chrono::milliseconds;

struct ProbeSample {
    Milliseconds latency{0};  ///< as reported by the test endpoint, or measured
    bool success = false;
    bool timed_out = false;  ///< cut off at the action's timeout: the true latency is at least this
    std::string error;       ///< the API's error text when it failed
};

struct LatencyStats {
    std::size_t samples = 0;
    std::size_t failures = 0;  ///< timeouts included
    std::size_t timeouts = 0;
    Milliseconds p50{0};
    Milliseconds p90{0};
    Milliseconds p99{0};
    Milliseconds max{0};
    /// True when the p99 is a timed-out sample: the true p99 is at least this.
    bool p99_censored = false;
};

/// The sample at rank ceil(percentile / 100 * N) of the sorted latencies; zero
/// for no samples. `percentile` in (0, 100].
Milliseconds nearest_rank(std::vector<Milliseconds> latencies, double percentile);

/// Counts and percentiles over every sample (failed ones included: a failure's
/// latency is how long the caller waited).
LatencyStats summarize(const std::vector<ProbeSample>& samples);

/// The least timeout recommended (--min-timeout): 3 s, the service's old default.
inline constexpr int k_default_min_timeout = 3;

/// A recommended timeout and the facts it was made from; render words the
/// notes and warnings (recommendation_render.h).
struct Recommendation {
    /// ceil(p99 * headroom) in whole seconds, within min_timeout-60
    int timeout_seconds = 0;
    bool floored = false;               ///< p99 x headroom was under the floor, which decided
    bool at_least = false;              ///< the measurement was censored: a lower bound
    bool beyond_ceiling = false;        ///< p99 x headroom exceeds 60 s: clamped, not enough
    int asked = 0;                      ///< ceil(p99 x headroom), at least 1
    int floor = k_default_min_timeout;  ///< the floor (--min-timeout)
    Milliseconds p99{0};                ///< the p99 it was made from
    std::size_t timeouts = 0;           ///< samples cut off at the current timeout
    std::size_t samples = 0;
    int current_timeout = 60;  ///< seconds (unset: the service default)
};

/// The recommended timeout for an action with these statistics, its current
/// timeout (unset: the service default of 60 s), the headroom factor and the
/// floor (`min_timeout`, 1-60; `floored` says when it decided), noting when
/// p99 x headroom exceeds 60 s (the back-end needs an asynchronous design) and
/// how many samples timed out (the measurement is then a lower bound).
Recommendation recommend(const LatencyStats& stats, std::optional<int> current_timeout_seconds,
                         double headroom, int min_timeout = k_default_min_timeout);

/// How recommendations are made, for the reports' footers: "p99 x 1.5, rounded
/// up to whole seconds, within 3-60 s" (`times` is "x", or "&times;" in HTML).
std::string recommendation_rule(double headroom, int min_timeout, std::string_view times = "x");

}  // namespace dactl
