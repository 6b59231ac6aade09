#pragma once
// Internal to the manifest loader: reads one `[action.<label>]` table.

#include <optional>

#include "engine/manifest/manifest_file.h"
#include "engine/model/desired_action.h"

namespace dactl::manifest {

/// The action declared by `node` under `action.<label>`, with every problem in it
/// reported to `file`. It is returned even when it has problems (so duplicate
/// labels and selectors are still found), except when `node` is not a table.
std::optional<DesiredAction> read_action(const toml::key& label, const toml::node& node,
                                         ManifestFile& file);

}  // namespace dactl::manifest
