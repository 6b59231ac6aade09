#pragma once
// The views of an apply: a line per action as it finishes and a summary that
// says exactly what was and was not changed, and Markdown (apply_text.cpp);
// the JSON document (apply_json.cpp).

#include <string>

#include "engine/apply/apply.h"
#include "engine/render/palette.h"

namespace dactl {

/// What the last read of an action showed instead of the plan, on one line:
/// "version 4: timeout_seconds is 7, planned 3 -> 15; ..."; empty when nothing
/// differed.
std::string mismatch_text(const ActionResult& result);
/// One line (ending in a newline) saying how an action's apply ended, e.g.
/// "action.order: applied, version 3 -> 4".
std::string apply_result_line(const ActionResult& result, const Palette& palette);
/// The closing summary. On success: "Apply complete: N changed, M unchanged.".
/// Otherwise "Apply incomplete: ..." with the counts, then every planned action
/// under the heading of what happened to it.
std::string apply_summary(const ApplyReport& report, std::size_t unchanged, const Palette& palette);
/// An apply as Markdown, titled "dactl apply": the plan, then (when anything
/// was attempted) a "Result" section with each action's outcome and the
/// summary in a text block.
std::string render_apply_markdown(const Plan& plan, const ApplyReport& report);
/// The plan's members plus "results" (one per planned action) and "succeeded".
std::string encode_apply_output(const Plan& plan, const ApplyReport& report);

}  // namespace dactl
