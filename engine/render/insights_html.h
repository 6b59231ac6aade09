#pragma once
// The self-contained HTML page of `dactl insights --html`: per action its p95,
// p99 and max against the current and the recommended timeout, and its daily
// timeouts as a small chart. No script, no external resource.

#include <string>

#include "engine/insights/insights.h"

namespace dactl {

/// The page. `generated_at` is shown in the footer.
std::string render_insights_html(const InsightsReport& report, const std::string& generated_at);

/// Bars for p95, p99 and max (class "bar p95" ...) on one scale with dashed
/// lines at the current (grey) and the recommended (green) timeout.
std::string latency_bars_svg(const Insight& insight, std::size_t index);

/// One bar per day (class "day", data-timeouts, data-executions): the height is
/// that day's timeouts, against the highest day.
std::string daily_timeouts_svg(const Insight& insight, std::size_t index);

}  // namespace dactl
