#pragma once
// POST /api/v2/analytics/actions/aggregates/query: execution statistics of
// data actions, as ../shared/docs/genesys-analytics-audits.md section 1 shapes
// them, over the ExecutionLog.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "tests/emulator/executions.h"
#include "tests/emulator/http_types.h"
#include "tests/emulator/settings.h"

namespace dactl::emulator {

inline constexpr std::string_view k_aggregates_path = "/api/v2/analytics/actions/aggregates/query";

/// "2026-11-24T00:00:00.000Z" (milliseconds optional) as milliseconds since the
/// epoch; nothing when it is not such an instant in UTC.
std::optional<std::int64_t> parse_instant(std::string_view text);
/// "START/END" of two such instants with START before END, as [start, end) in
/// milliseconds; nothing otherwise.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_interval(std::string_view text);

/// Milliseconds since the epoch as "YYYY-MM-DDThh:mm:ss.sssZ".
std::string format_instant(std::int64_t at_ms);

/// Answers the query. Checked in this order: 403 "missing.permissions" when
/// the analyticsForbidden switch is on; 405 for another method; a JSON object
/// (400 "bad.request"); `interval` START/END with START before END (400
/// "invalid.value"), no longer than analyticsMaxIntervalDays when that is set
/// (400 "invalid.value", "... exceeds the maximum of N days"); `metrics` only
/// "tTotalExecution" (400 "invalid.value"); `groupBy` and predicates of the
/// eight dimensions; `granularity` PnD, PTnH or PTnM (400 "invalid.value"),
/// making at most analyticsMaxBuckets buckets when that is set (400
/// "invalid.value", "The granularity PT15M makes 672 buckets, more than the
/// maximum of 200").
/// Then: the runs in the interval that pass the filter, grouped by `groupBy`,
/// in buckets of `granularity` (one bucket for the whole interval without it),
/// each with stats count, min, max, sum, and p95 and p99 (nearest rank,
/// integers) unless analyticsPercentiles is off. Timed-out runs carry the
/// errorType analyticsTimeoutErrorType and responseStatus "504", failed ones
/// "EXECUTION_ERROR" and "500", the others "NONE" and "200". No run matched:
/// `{}`.
HttpResponse handle_aggregates_query(const HttpRequest& request, const ExecutionLog& log,
                                     const Settings& settings);

}  // namespace dactl::emulator
