#pragma once
// The views of a plan: text in Terraform's idiom (plan_text.cpp), Markdown
// for pull requests (plan_text.cpp), the JSON documents of plan and show
// (plan_json.cpp).

#include <string>

#include "engine/impact/flow_impact.h"
#include "engine/plan/plan.h"
#include "engine/plan/plan_codec.h"
#include "engine/render/markdown_text.h"
#include "engine/render/palette.h"

namespace dactl {

/// The heading line of one planned action:
/// `~ action.<label>: "<live name>" (<id>)`.
std::string action_heading(const ActionChange& change, const Palette& palette);
/// Every planned change (heading, then its field lines indented by four spaces,
/// a blank line between actions), or "No changes." when there are none, then
/// the summary line "Plan: N to change, M unchanged.". Ends with a newline.
/// With `impact`, each change's flows under its fields and the notes after.
std::string render_plan_text(const Plan& plan, const Palette& palette,
                             const FlowImpact* impact = nullptr);
/// "Partial plan: only action.a, action.b*; the other actions of the manifests
/// were not read in detail or planned." for a plan made with --target.
std::string partial_plan_note(const Plan& plan);
/// "; N actions governed by rules" for the summary line, or "" without rules.
std::string governed_note(const Plan& plan);
/// The plan as Markdown, titled "dactl `command`" (and its environment), at
/// most `limit` bytes. Secret header values masked.
std::string render_plan_markdown(const Plan& plan, std::size_t limit = k_markdown_limit,
                                 const std::string& command = "plan",
                                 const FlowImpact* impact = nullptr);

/// {"format_version", "command": "plan", "environment"?, "changes",
/// "unchanged", "targets", "summary", "impact"? (impact_render.h)}.
std::string encode_plan_output(const Plan& plan, const FlowImpact* impact = nullptr);
/// The plan's members plus "saved": {"created_at", "dactl_version", "org",
/// "manifests_digest", "environment"?}, for `dactl show PLANFILE`.
/// With `impact` (the flows the saved plan recorded): its "impact" member.
std::string encode_show_output(const SavedPlan& saved, const FlowImpact* impact = nullptr);

}  // namespace dactl
