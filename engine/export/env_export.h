#pragma once
// Exporting one environment's org into a project whose base manifests exist
// already: only what differs there, as [action.<label>.env.<name>] tables.

#include <string>
#include <vector>

#include "engine/export/export.h"
#include "engine/model/live_action.h"
#include "engine/model/project.h"

namespace dactl {

/// Text to append to one manifest file.
struct ManifestAppend {
    std::string path;  ///< relative to the project, as Project::files names it
    std::string text;
};

struct OverrideExport {
    std::vector<ManifestAppend> appends;  ///< sorted by path
    std::vector<std::string> notes;       ///< what was left out and why
    std::size_t differing = 0;            ///< actions given an override table
    std::size_t same = 0;                 ///< actions whose live values are the base's
};

/// For each action of `base` (read without an environment) that `environment`'s
/// org holds, an override table with the keys whose live value differs from
/// the base's: `id` when the base selects by an id this org does not have,
/// then each field the base manages (never another). The org's action is the
/// one the base's name or id selects, else the one whose export label is the
/// base's label. Actions with overrides for `environment` already, those the
/// org lacks and the org's actions the base does not declare are notes.
OverrideExport export_overrides(const std::vector<LiveAction>& live, const Project& base,
                                const std::string& environment);

}  // namespace dactl
