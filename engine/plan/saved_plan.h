#pragma once
// Applying a saved plan safely: re-read what it changes and refuse it whole when
// anything moved since it was made.

#include "engine/model/project.h"
#include "engine/plan/plan_codec.h"
#include "engine/plan/planner.h"

namespace dactl {

/// Re-reads (up to `parallelism` at once) every action the saved plan changes and recomputes its
/// changes from the manifests. Fails with ErrorKind::conflict, one line per reason, when the
/// manifests' digest differs, a planned action is gone, its version differs from
/// the one planned against, or the changes now differ; nothing is written then.
/// The answer binds only the planned actions; its plan's `unchanged` is the
/// saved plan's.
Result<Planning> replan_saved(Provider& provider, const Project& project, const SavedPlan& saved,
                              int parallelism = 10);

}  // namespace dactl
