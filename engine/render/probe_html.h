#pragma once
// The probe report as one self-contained HTML page: per action a chart of the
// latency distribution with the current and recommended timeouts marked, and
// its figures in a table. No scripts, no external resources.

#include <string>

#include "engine/probe/probe_report.h"

namespace dactl {

/// The page. `generated_at` is shown in the footer.
std::string render_probe_html(const ProbeReport& report, const std::string& generated_at);

/// An SVG histogram of the samples (20 bins up to the largest of the maximum
/// latency and both timeouts), with dashed lines at the current (grey) and
/// recommended (green) timeouts. Element ids carry `index` so pages can hold many.
std::string latency_chart_svg(const ProbeEntry& entry, std::size_t index);

}  // namespace dactl
