#pragma once
// The views of `dactl plan` and `dactl show`.

#include <string>

#include "cmd/views/view.h"
#include "engine/plan/plan_codec.h"

namespace dactl::cli {

/// Text: Terraform-style lines; JSON: the plan document; Markdown: the
/// pull-request view.
View plan_view(const Plan& plan);
/// `dactl show FILE`: what the saved plan records, then its plan.
View saved_plan_view(const SavedPlan& saved, const std::string& file);
/// "Saved the plan to FILE; apply exactly it with: dactl apply FILE".
View plan_saved_note(const std::string& file);

}  // namespace dactl::cli
