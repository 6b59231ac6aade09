#pragma once
// The views of a probe report: text and Markdown (probe_text.cpp), the JSON
// document (probe_json.cpp), the self-contained HTML page (probe_html.cpp).

#include <string>

#include "engine/probe/probe_report.h"
#include "engine/render/palette.h"

namespace dactl {

/// Why an action was not probed, and what to do: "request type POST: the test
/// endpoint calls the real back-end; pass --allow-writes to probe it"; "" when it was.
std::string skip_text(const ProbeEntry& entry);
/// A table (action, samples, failures, p50, p90, p99, max, current, recommended)
/// then, per action, its notes: skips, warnings, failures' error texts, and a
/// line on censored measurements. Ends with a newline.
std::string render_probe_text(const ProbeReport& report, const Palette& palette);
/// The same as a Markdown table with the notes below it.
std::string render_probe_markdown(const ProbeReport& report);
/// {"format_version", "command": "probe", "headroom", "actions": [...]}, latencies
/// in milliseconds.
std::string encode_probe_output(const ProbeReport& report);
/// The page: per action a chart of the latency distribution with the current
/// and recommended timeouts marked, and its figures in a table. No scripts, no
/// external resources. `generated_at` is shown in the footer.
std::string render_probe_html(const ProbeReport& report, const std::string& generated_at);
/// An SVG histogram of the samples (20 bins up to the largest of the maximum
/// latency and both timeouts), with dashed lines at the current (grey) and
/// recommended (green) timeouts. Element ids carry `index` so pages can hold many.
std::string latency_chart_svg(const ProbeEntry& entry, std::size_t index);

}  // namespace dactl
