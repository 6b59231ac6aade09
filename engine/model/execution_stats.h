#pragma once
// Execution statistics of data actions as the org's analytics keep them
// (metric tTotalExecution of POST /api/v2/analytics/actions/aggregates/query):
// what a query asks for and what it answers. Times in milliseconds.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dactl {

/// [start_ms, end_ms): instants as milliseconds since the epoch, UTC.
struct TimeWindow {
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;

    std::int64_t length_ms() const { return end_ms - start_ms; }
    bool operator==(const TimeWindow&) const = default;
};

/// tTotalExecution of one group in one bucket.
struct ExecutionStats {
    std::int64_t count = 0;
    std::int64_t min_ms = 0;
    std::int64_t max_ms = 0;
    std::int64_t sum_ms = 0;
    std::optional<std::int64_t> p95_ms;  ///< absent when the service gives none
    std::optional<std::int64_t> p99_ms;

    bool operator==(const ExecutionStats&) const = default;
};

/// One query over every action that executed (filter: actionId exists).
struct AggregateQuery {
    TimeWindow interval;
    std::vector<std::string> group_by;       ///< dimensions, e.g. {"actionId", "errorType"}
    std::optional<std::string> granularity;  ///< "P1D"; none: one bucket for the interval

    bool operator==(const AggregateQuery&) const = default;
};

struct AggregateBucket {
    TimeWindow interval;
    ExecutionStats stats;
};

/// One group of the answer: its dimension values and its buckets.
struct AggregateGroup {
    std::map<std::string, std::string> group;  ///< dimension -> value, as given
    std::vector<AggregateBucket> buckets;
};

}  // namespace dactl
