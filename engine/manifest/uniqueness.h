#pragma once
// Internal to the manifest loader: the checks that span files.

#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/model/desired_action.h"

namespace dactl::manifest {

/// Reports a label declared twice, and a live action selected twice (the same id,
/// or the same name). `actions` are in reading order (files sorted, then position);
/// the later of two is reported, naming the first with its path:line.
void check_unique(const std::vector<DesiredAction>& actions, Diagnostics& diagnostics);

}  // namespace dactl::manifest
