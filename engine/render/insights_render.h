#pragma once
// The views of `dactl insights` and `--since-apply`: text and Markdown
// (insights_text.cpp), the JSON documents (insights_json.cpp), the
// self-contained HTML page (insights_html.cpp).

#include <string>

#include "engine/impact/flow_impact.h"
#include "engine/insights/insights.h"
#include "engine/insights/since_apply.h"
#include "engine/render/markdown_text.h"
#include "engine/render/palette.h"

namespace dactl {

/// The summary line: "3 actions, 2026-11-24T12:00:00Z to 2026-12-01T12:00:00Z:
/// 1 timing out, 1 at risk, 1 ok, 0 no traffic (2 analytics queries)."
std::string insights_summary(const InsightsReport& report);
/// The table (action, executions, timeouts, failures, p95, p99, max, current,
/// verdict, recommended), then per action with anything to say its failures by
/// raw errorType/responseStatus, notes and warnings, then the summary and how
/// the numbers were made. Ends with a newline.
/// With `impact`: under each action timing out or at risk the flows calling it,
/// then the blast radius section and the notes on both.
std::string render_insights_text(const InsightsReport& report, const Palette& palette,
                                 const FlowImpact* impact = nullptr);
/// The same in Markdown, for pull requests and $GITHUB_STEP_SUMMARY.
/// At most `limit` bytes: past it the least urgent actions (the table is
/// worst first) are left out, with a line saying how many.
std::string render_insights_markdown(const InsightsReport& report,
                                     std::size_t limit = k_markdown_limit,
                                     const FlowImpact* impact = nullptr);
/// The comparison table (action, executions, timeouts and p99 before -> since,
/// verdict) with the windows and a summary.
std::string render_since_apply_text(const SinceApplyReport& report, const Palette& palette);
std::string render_since_apply_markdown(const SinceApplyReport& report);
/// One note of an insight in words, with what to do where there is
/// something: "14 of 280 executions timed out at the current timeout of 3 s:
/// ...; measure it with dactl probe --via-draft action.x".
std::string insight_note_text(const Insight& insight, const InsightNote& note);

/// How insights names an action: its address, or "Name" (unmanaged).
std::string insight_label(const std::optional<std::string>& address, const std::string& name);
/// "3.0 s", or "-" when absent.
std::string insight_seconds(std::optional<std::int64_t> ms);

/// {"format_version", "command": "insights", "interval", "headroom", "queries",
/// "timeout_error_types", "summary", "actions": [...]}, times in milliseconds.
/// With `impact`: its "impact" member (impact_render.h) after "actions".
std::string encode_insights_output(const InsightsReport& report,
                                   const FlowImpact* impact = nullptr);
/// {"format_version", "command": "insights", "since_apply": {"applied_at",
/// "before", "after"}, "queries", "summary", "actions": [...]}.
std::string encode_since_apply_output(const SinceApplyReport& report);

/// The page: per action its p95, p99 and max against the current and the
/// recommended timeout, and its daily timeouts as a small chart. No script, no
/// external resource. `generated_at` is shown in the footer.
/// With `impact`'s blast radius: its chart and notes first.
std::string render_insights_html(const InsightsReport& report, const std::string& generated_at,
                                 const FlowImpact* impact = nullptr);
/// Bars for p95, p99 and max (class "bar p95" ...) on one scale with dashed
/// lines at the current (grey) and the recommended (green) timeout.
std::string latency_bars_svg(const Insight& insight, std::size_t index);
/// One bar per day (class "day", data-timeouts, data-executions): the height is
/// that day's timeouts, against the highest day.
std::string daily_timeouts_svg(const Insight& insight, std::size_t index);

}  // namespace dactl
