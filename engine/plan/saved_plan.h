#pragma once
// Applying a saved plan safely: re-read what it changes and refuse it whole when
// anything moved since it was made.

#include "engine/model/project.h"
#include "engine/plan/plan_codec.h"
#include "engine/plan/planner.h"

namespace dactl {

/// Reads the org resolved again (read_resolved, the saved plan's targets, its
/// addresses for its ids) and recomputes the plan from the manifests. Fails
/// with ErrorKind::conflict, one line per reason, when the manifests' digest
/// differs, a planned action is gone, its version differs from the one planned
/// against, or the planned changes now differ; nothing is written then. A
/// change the saved plan does not hold (an action edited since) is left out
/// of the answer, plan and bindings alike, so it is neither applied nor
/// recorded; every other managed action is bound, to be recorded.
Result<Planning> replan_saved(Provider& provider, const Project& project, const SavedPlan& saved,
                              const std::map<std::string, std::string>& known,
                              int parallelism = 10);

}  // namespace dactl
