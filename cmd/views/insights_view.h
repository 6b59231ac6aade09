#pragma once
// The views of `dactl insights`: the report (text, JSON, Markdown, the HTML
// page) and the --since-apply comparison.

#include "cmd/views/view.h"
#include "engine/impact/flow_impact.h"
#include "engine/insights/insights.h"
#include "engine/insights/since_apply.h"

namespace dactl::cli {

/// With `impact`, the flows of the actions timing out or at risk and the notes.
View insights_view(const InsightsReport& report, const FlowImpact* impact = nullptr);
View since_apply_view(const SinceApplyReport& report);

}  // namespace dactl::cli
