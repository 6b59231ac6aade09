#pragma once
// Internal to the manifest loader: the checks that span files.

#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/model/desired_action.h"
#include "engine/model/rule.h"

namespace dactl::manifest {

/// Reports a label declared twice, and a live action selected twice (the same id,
/// or the same name). `actions` are in reading order (files sorted, then position);
/// the later of two is reported, naming the first with its path:line.
void check_unique(const std::vector<DesiredAction>& actions, Diagnostics& diagnostics);

/// Reports a rule label declared twice (in two files), naming the first.
void check_unique_rules(const std::vector<Rule>& rules, Diagnostics& diagnostics);

}  // namespace dactl::manifest
