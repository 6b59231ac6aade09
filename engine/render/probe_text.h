#pragma once
// The human views of a probe report: a text table with notes, and Markdown.
// (The JSON document is encode_probe_output, in output_codec.h.)

#include <string>

#include "engine/probe/probe_report.h"
#include "engine/render/palette.h"

namespace dactl {

/// A table (action, samples, failures, p50, p90, p99, max, current, recommended)
/// then, per action, its notes: skips, warnings, failures' error texts, and a
/// line on censored measurements. Ends with a newline.
std::string render_probe_text(const ProbeReport& report, const Palette& palette);

/// The same as a Markdown table with the notes below it.
std::string render_probe_markdown(const ProbeReport& report);

}  // namespace dactl
