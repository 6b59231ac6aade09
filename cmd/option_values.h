#pragma once
// The values options take that are more than a word or a number: durations,
// windows of time, which fields to export.

#include <chrono>
#include <cstdint>
#include <string>

#include "engine/export/export.h"
#include "engine/model/execution_stats.h"
#include "engine/util/result.h"

namespace dactl::cli {

/// "500ms", "30s", "2m", "1h", or a plain number of seconds. Fails with
/// ErrorKind::invalid_input naming the option for anything else.
Result<std::chrono::milliseconds> parse_duration(const std::string& text,
                                                 const std::string& option);

/// --since: a number of hours or days ("36h", "7d") from 1h to 90d, in milliseconds.
Result<std::int64_t> parse_since(const std::string& text);

/// --interval START/END: ISO-8601 dates or instants, START before END, at most 90 days.
Result<TimeWindow> parse_interval(const std::string& text);

/// --fields: timeout or all.
Result<ExportFields> parse_fields(const std::string& text);

}  // namespace dactl::cli
