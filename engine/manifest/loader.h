#pragma once
// The manifest loader: a project directory's TOML files in, a Project and every
// problem found in it out. Offline; the only code that parses TOML.

#include <filesystem>
#include <string>
#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/model/project.h"
#include "engine/util/result.h"

namespace dactl {

/// One manifest file's contents.
struct ManifestSource {
    std::string
        path;  ///< display path, relative to the project dir ("dactl.toml", "orders/a.toml")
    std::string text;
};

struct LoadResult {
    Project project;
    Diagnostics diagnostics;  ///< sorted; the project is usable only without errors
};

/// Reads every *.toml file under `directory` recursively in sorted order (skipping `.dactl/`
/// and hidden directories), `dactl.toml` at the top as settings. Never throws; every problem
/// becomes a diagnostic (including an `[api]` ca_bundle that names no file relative to
/// `directory`). project.directory, files and digest are set.
///
/// With `environment` naming one that dactl.toml declares, each action's
/// `[action.<label>.env.<environment>]` overrides apply (project.environment is
/// set); with "" (or a name not declared) only the base manifests are read. An
/// override for an environment not declared is an error either way.
LoadResult load_project(const std::filesystem::path& directory,
                        const std::string& environment = "");

/// Every environment's effective manifests checked (the base's alone when none
/// is declared), the diagnostics of all of them with repeats dropped (one found
/// in only some environments names them); the project is the base's.
LoadResult load_every_environment(const std::filesystem::path& directory);

/// `given` (from `option`, "--into") as the path, relative to the project at
/// `directory`, of a file load_project reads as a manifest: a .toml file inside
/// the project, not dactl.toml at its top, not hidden or under a hidden
/// directory. Fails with ErrorKind::invalid_input naming the option, the path
/// and what to give instead; nothing is read or written.
Result<std::string> manifest_path_in(const std::filesystem::path& directory,
                                     const std::string& given, const std::string& option);

/// The same over in-memory sources (tests, fuzzing); `dactl.toml` is recognised by path.
/// Sources are read in sorted path order whatever order they come in. Never throws.
/// Touches no file, so it does not check that the ca_bundle exists.
LoadResult load_sources(const std::vector<ManifestSource>& sources,
                        const std::string& environment = "");

}  // namespace dactl
