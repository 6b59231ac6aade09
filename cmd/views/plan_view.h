#pragma once
// The views of `dactl plan` and `dactl show`.

#include <string>

#include "cmd/views/view.h"
#include "engine/impact/flow_impact.h"
#include "engine/plan/plan_codec.h"

namespace dactl::cli {

/// Text: Terraform-style lines; JSON: the plan document; Markdown: the
/// pull-request view; each with the flows the changes touch when `impact` is given.
View plan_view(const Plan& plan, const FlowImpact* impact = nullptr);
/// `dactl show FILE`: what the saved plan records, then its plan.
View saved_plan_view(const SavedPlan& saved, const std::string& file);
/// "Saved the plan to FILE; apply exactly it with: dactl apply FILE".
View plan_saved_note(const std::string& file);

}  // namespace dactl::cli
