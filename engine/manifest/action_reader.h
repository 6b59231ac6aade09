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

/// Whether a label is made only of a-z, 0-9 and _ (and is not empty).
bool is_valid_label(std::string_view label);

/// A valid label close to `label`: lower case, other characters as _, e.g.
/// "Fetch-History" -> "fetch_history".
std::string fixed_label(std::string_view label);

}  // namespace dactl::manifest
