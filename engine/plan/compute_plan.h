#pragma once
// compute_plan: the pure heart of dactl. Desired and observed in, sorted changes
// out; no clock, no network, no printing.

#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/gather/selection.h"
#include "engine/plan/plan.h"

namespace dactl {

struct PlanResult {
    Plan plan;
    Diagnostics diagnostics;  ///< errors make the plan unusable
};

/// Compares each bound action's managed fields with the live values
/// (value_satisfies) and lists the differences, sorted by address, fields in
/// Field order. Fields the manifest does not manage are never looked at. Errors:
/// a timeout declared on a custom authentication action, any change to a
/// built-in (`static...`) action, and a managed template the provider has not
/// loaded yet.
PlanResult compute_plan(const std::vector<Binding>& bindings);

}  // namespace dactl
