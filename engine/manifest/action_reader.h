#pragma once
// Internal to the manifest loader: reads one `[action.<label>]` table.

#include <optional>
#include <string>
#include <vector>

#include "engine/manifest/manifest_file.h"
#include "engine/model/desired_action.h"

namespace dactl::manifest {

/// The environments dactl.toml declares, and the one the manifests are read for.
struct EnvironmentScope {
    std::vector<std::string> declared;  ///< sorted
    std::string chosen;                 ///< "": none (the base manifests)
};

/// The action declared by `node` under `action.<label>`, with every problem in it
/// reported to `file`. It is returned even when it has problems (so duplicate
/// labels and selectors are still found), except when `node` is not a table.
/// Its `[action.<label>.env.<name>]` tables must name declared environments;
/// the chosen one's keys take the place of the base's (one level deep in the
/// request, response and function tables; an `id` or `name` there replaces the
/// base's selector whole), and are read and reported like the base's.
std::optional<DesiredAction> read_action(const toml::key& label, const toml::node& node,
                                         const EnvironmentScope& scope, ManifestFile& file);

}  // namespace dactl::manifest
