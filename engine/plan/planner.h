#pragma once
// The planning half of `plan` and `apply`: gather the org, compute the plan.

#include <map>
#include <string>

#include "engine/gather/gather.h"
#include "engine/model/project.h"
#include "engine/plan/compute_plan.h"
#include "engine/plan/rules.h"

namespace dactl {

/// Everything a plan was computed from. The bindings of `org` point into the
/// Project given to plan_project, which must outlive this.
struct Planning {
    Gathered org;
    /// The manifest actions the rules made; bindings of `org` point into it.
    std::deque<DesiredAction> governed;
    Plan plan;
    Diagnostics diagnostics;  ///< selection and plan errors, sorted; the plan is unusable if any

    /// The planned actions as read, by id: the starting point of apply_plan.
    std::map<std::string, LiveAction> bases() const;
};

/// The plan of a gathered org: the rules applied (govern; with `targets`, only
/// to the actions they name), compute_plan over its bindings, each change a
/// rule asked for carrying the rule, its selection diagnostics, the rules' and
/// the plan's together, sorted.
Planning plan_gathered(Gathered org, const std::vector<Rule>& rules = {},
                       const std::vector<std::string>& targets = {});

/// plan_gathered after govern was applied to `org` already (`governing`: what
/// it reported).
Planning plan_governed(Gathered org, Governance governance, const Diagnostics& governing);

/// Gathers the org for the project's actions (gather_org, with the templates
/// they manage) and computes the plan. Fails only when the API fails; user
/// mistakes are diagnostics in the answer.
Result<Planning> plan_project(Provider& provider, const Project& project, int parallelism = 10);

}  // namespace dactl
