#pragma once
// Markdown views for pull-request comments and $GITHUB_STEP_SUMMARY: a summary
// line and table, then each action's changes in a ```diff block inside
// <details>. Kept under a size limit by shortening the middle with a note.

#include <cstddef>
#include <string>

#include "engine/apply/apply.h"
#include "engine/diagnostics/diagnostic.h"
#include "engine/drift/drift.h"
#include "engine/plan/plan.h"

namespace dactl {

/// GitHub refuses comments longer than 65,536 characters; we stay well under.
inline constexpr std::size_t k_markdown_limit = 60000;

/// The plan as Markdown, at most `limit` bytes. Secret header values masked.
std::string render_plan_markdown(const Plan& plan, std::size_t limit = k_markdown_limit);

/// An apply as Markdown: the plan, then (when anything was attempted) a
/// "Result" section with each action's outcome and the summary in a text block.
std::string render_apply_markdown(const Plan& plan, const ApplyReport& report);

/// The drift report as Markdown, at most `limit` bytes.
std::string render_drift_markdown(const DriftReport& report, std::size_t limit = k_markdown_limit);

/// A run that failed before it had a result (`dactl apply` whose plan could
/// not be made): a heading naming the command, the error and every diagnostic
/// in a text block. At most `limit` bytes.
std::string render_error_markdown(const std::string& command, const std::string& message,
                                  const Diagnostics& diagnostics,
                                  std::size_t limit = k_markdown_limit);

/// Text safe inside a Markdown table cell: `|` and HTML's <, >, & escaped,
/// newlines as spaces.
std::string markdown_cell(const std::string& text);

/// The lines of a ```diff block for one field change: "-"/"+" at the start of
/// removed/added lines so GitHub colours them.
std::string markdown_diff_lines(Field field, const Value& before, const Value& after);

/// `body` fenced as a code block of `language`, with a fence longer than any
/// run of backticks inside it.
std::string fenced(const std::string& body, const std::string& language);

}  // namespace dactl
