#pragma once
// The gathering half of `plan` and `apply`: read the org through the Provider,
// select the managed actions, load what the comparison needs, compute the plan.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/model/project.h"
#include "engine/plan/compute_plan.h"
#include "engine/plan/selection.h"
#include "engine/provider/provider.h"

namespace dactl {

/// Everything a plan was computed from. `bindings` point into `live` (owned
/// here, never reallocated) and into the Project given to plan_project, which
/// must outlive this.
struct Planning {
    std::unique_ptr<std::vector<LiveAction>> live;
    std::vector<Binding> bindings;
    Plan plan;
    Diagnostics diagnostics;  ///< selection and plan errors; the plan is unusable if any

    /// The planned actions as read, by id: the starting point of apply_plan.
    std::map<std::string, LiveAction> bases() const;
};

/// Fetches, for each binding, the templates the API gave only as URIs that its
/// manifest manages, with up to `parallelism` requests at once. The live actions
/// are modified in place. Fails with the first failure (by binding order).
Status load_managed_templates(Provider& provider, const std::vector<Binding>& bindings,
                              int parallelism = 10);

/// Lists the org's actions, binds the project's actions to them, fetches the
/// templates that were given only as URIs where a manifest manages them, and
/// computes the plan. Fails only when the API fails; user mistakes are
/// diagnostics in the answer.
Result<Planning> plan_project(Provider& provider, const Project& project, int parallelism = 10);

}  // namespace dactl
