#pragma once
// Internal to the manifest loader: reads the `[rule.<label>]` tables.

#include <vector>

#include "engine/manifest/manifest_file.h"
#include "engine/model/rule.h"

namespace dactl::manifest {

/// The rules declared under `rule` (`node`), each problem reported to `file`:
/// unknown keys, a rule without match or without timeout_seconds, a match value
/// that is no string, empty or a broken glob, a timeout outside 1-60, bounds
/// crossed. Only rules without problems are returned.
std::vector<Rule> read_rules(const toml::node& node, ManifestFile& file);

}  // namespace dactl::manifest
