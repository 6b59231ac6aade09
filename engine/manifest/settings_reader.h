#pragma once
// Internal to the manifest loader: reads the settings in `dactl.toml`.

#include "engine/manifest/manifest_file.h"
#include "engine/model/project.h"

namespace dactl::manifest {

/// The settings `root` (the parsed dactl.toml) declares: `region` and the
/// `[api]` table. Every problem (unknown keys with a suggestion, wrong types,
/// values out of range, actions in the settings file) is reported to `file`;
/// a setting with a problem stays unset.
Settings read_settings(const toml::table& root, ManifestFile& file);

}  // namespace dactl::manifest
