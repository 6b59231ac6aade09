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
/// built-in (`static...`) action, function.timeout_seconds on an action that
/// runs no function (LiveAction::runs_function), and a managed template the
/// provider has not loaded yet. Warns when a function action's timeout, as
/// planned, is above its function's (function_limit_warning).
PlanResult compute_plan(const std::vector<Binding>& bindings);

/// A warning in `diagnostics` when `live` runs a function whose timeout (as the
/// manifest sets it, else as read) is below the action's (likewise; unset: 60 s):
/// the function stops first (function_limit_warning). Nothing when the function
/// was not read.
void warn_function_limit(const DesiredAction& desired, const LiveAction& live,
                         Diagnostics& diagnostics);

}  // namespace dactl
