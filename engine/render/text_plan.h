#pragma once
// The human view of a plan, in Terraform's idiom.

#include <string>

#include "engine/plan/plan.h"
#include "engine/render/palette.h"

namespace dactl {

/// The heading line of one planned action:
/// `~ action.<label>: "<live name>" (<id>)`.
std::string action_heading(const ActionChange& change, const Palette& palette);

/// Every planned change (heading, then its field lines indented by four spaces,
/// a blank line between actions), or "No changes." when there are none, then
/// the summary line "Plan: N to change, M unchanged.". Ends with a newline.
std::string render_plan_text(const Plan& plan, const Palette& palette);

/// "Partial plan: only action.a, action.b*; the other actions of the manifests
/// were not read in detail or planned." for a plan made with --target.
std::string partial_plan_note(const Plan& plan);

/// "; N actions governed by rules" for the summary line, or "" without rules.
std::string governed_note(const Plan& plan);

}  // namespace dactl
