#pragma once
// The planning half of `plan` and `apply`: resolve the project over the org,
// compute the plan.

#include <map>
#include <string>

#include "engine/plan/compute_plan.h"
#include "engine/resolve/resolve.h"

namespace dactl {

/// Everything a plan was computed from, and the plan.
struct Planning {
    Resolution resolved;
    Plan plan;
    Diagnostics diagnostics;  ///< selection, rule and plan errors, sorted; unusable if any

    const Gathered& org() const { return resolved.org; }
    /// The planned actions as read, by id: the starting point of apply_plan.
    std::map<std::string, LiveAction> bases() const;
};

/// compute_plan over a resolution's bindings, each change a rule asked for
/// carrying the rule; its diagnostics and the plan's together, sorted.
Planning plan_resolved(Resolution resolved);

/// Reads the org resolved for `project` (read_resolved, the templates its
/// actions manage loaded; `known`: the addresses the state records) and
/// computes the plan. Fails only when the API fails or a target names
/// nothing; user mistakes are diagnostics in the answer.
Result<Planning> plan_project(Provider& provider, const Project& project,
                              const std::map<std::string, std::string>& known,
                              int parallelism = 10);

}  // namespace dactl
