#pragma once
// The human views of `dactl insights`: a text table with a summary and notes,
// and Markdown; the same for --since-apply. (The JSON documents are in
// output_codec.h.)

#include <string>

#include "engine/insights/insights.h"
#include "engine/insights/since_apply.h"
#include "engine/render/markdown.h"
#include "engine/render/palette.h"

namespace dactl {

/// The summary line: "3 actions, 2026-11-24T12:00:00Z to 2026-12-01T12:00:00Z:
/// 1 timing out, 1 at risk, 1 ok, 0 no traffic (2 analytics queries)."
std::string insights_summary(const InsightsReport& report);

/// The table (action, executions, timeouts, failures, p95, p99, max, current,
/// verdict, recommended), then per action with anything to say its failures by
/// raw errorType/responseStatus, notes and warnings, then the summary and how
/// the numbers were made. Ends with a newline.
std::string render_insights_text(const InsightsReport& report, const Palette& palette);

/// The same in Markdown, for pull requests and $GITHUB_STEP_SUMMARY.
/// At most `limit` bytes: past it the least urgent actions (the table is
/// worst first) are left out, with a line saying how many.
std::string render_insights_markdown(const InsightsReport& report,
                                     std::size_t limit = k_markdown_limit);

/// The comparison table (action, executions, timeouts and p99 before -> since,
/// verdict) with the windows and a summary.
std::string render_since_apply_text(const SinceApplyReport& report, const Palette& palette);
std::string render_since_apply_markdown(const SinceApplyReport& report);

/// How insights names an action: its address, or "Name" (unmanaged).
std::string insight_label(const std::optional<std::string>& address, const std::string& name);

/// "3.0 s", or "-" when absent.
std::string insight_seconds(std::optional<std::int64_t> ms);

}  // namespace dactl
