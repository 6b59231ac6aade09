#pragma once
// Targets: the actions a command line names (`--target`, probe's and insights'
// addresses): "action.<label>" or a bare label, each a shell-style glob
// (`*`, `?`, `[...]`), as Terraform users name resources.

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/address.h"
#include "engine/model/desired_action.h"
#include "engine/model/project.h"
#include "engine/util/result.h"

namespace dactl {

/// `patterns` as a command uses them: none when one of them names every action
/// there can be ("*", "action.*", "action.**"), for that is no partial run.
std::vector<std::string> effective_targets(const std::vector<std::string>& patterns);

/// The actions the patterns name, in the order of `actions`, each once; all of
/// them when `patterns` is empty. Fails (invalid_input) naming the first pattern
/// that names none: "no action.x in the manifests; did you mean action.y?".
Result<std::vector<DesiredAction>> targeted_actions(const std::vector<DesiredAction>& actions,
                                                    const std::vector<std::string>& patterns);

/// `project` with only the actions `patterns` name (targeted_actions) and its
/// targets set to them; files, digest and settings as they are. Every action
/// without patterns. Fails as targeted_actions does.
Result<Project> targeted_project(const Project& project, const std::vector<std::string>& patterns);

}  // namespace dactl
