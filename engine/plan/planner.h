#pragma once
// The planning half of `plan` and `apply`: gather the org, compute the plan.

#include <map>
#include <string>

#include "engine/gather/gather.h"
#include "engine/model/project.h"
#include "engine/plan/compute_plan.h"

namespace dactl {

/// Everything a plan was computed from. The bindings of `org` point into the
/// Project given to plan_project, which must outlive this.
struct Planning {
    Gathered org;
    Plan plan;
    Diagnostics diagnostics;  ///< selection and plan errors, sorted; the plan is unusable if any

    /// The planned actions as read, by id: the starting point of apply_plan.
    std::map<std::string, LiveAction> bases() const;
};

/// The plan of a gathered org: compute_plan over its bindings, its selection
/// diagnostics and the plan's together, sorted.
Planning plan_gathered(Gathered org);

/// Gathers the org for the project's actions (gather_org, with the templates
/// they manage) and computes the plan. Fails only when the API fails; user
/// mistakes are diagnostics in the answer.
Result<Planning> plan_project(Provider& provider, const Project& project, int parallelism = 10);

}  // namespace dactl
