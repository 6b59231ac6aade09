#pragma once
// Internal to the manifest loader: parses one file and reads what it declares.

#include <optional>
#include <vector>

#include "engine/manifest/action_reader.h"
#include "engine/manifest/loader.h"

namespace dactl::manifest {

enum class FileRole {
    settings,  ///< the project's dactl.toml
    actions,   ///< any other manifest
};

struct FileContents {
    std::vector<DesiredAction> actions;  ///< in the order they are written
    std::vector<Rule> rules;             ///< in the order they are written
    std::optional<Settings> settings;    ///< for FileRole::settings, when parsed
};

/// What `source` declares, with every problem in it added to `diagnostics`
/// (a TOML syntax error is one problem, and then nothing else is read).
/// Actions are read for `scope`'s chosen environment.
FileContents read_manifest_file(const ManifestSource& source, FileRole role,
                                const EnvironmentScope& scope, Diagnostics& diagnostics);

}  // namespace dactl::manifest
