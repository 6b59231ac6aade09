#pragma once
// Internal to the manifest loader: reads the settings in `dactl.toml`.

#include <string_view>

#include "engine/manifest/manifest_file.h"
#include "engine/model/project.h"

namespace dactl::manifest {

/// The settings `root` (the parsed dactl.toml) declares: `region` and the
/// `[api]` table. Every problem (unknown keys with a suggestion, wrong types,
/// values out of range, actions in the settings file) is reported to `file`;
/// a setting with a problem stays unset.
Settings read_settings(const toml::table& root, ManifestFile& file);

/// The [state] table (state_settings_reader.cpp): the backend, its schema,
/// project key and URI variable; a connection or password in it is refused.
StateSettings read_state_settings(const toml::node& node, ManifestFile& file);

/// Whether `name` can name an environment variable: letters, digits and _,
/// not starting with a digit.
bool is_variable_name(std::string_view name);

}  // namespace dactl::manifest
