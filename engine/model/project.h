#pragma once
// Project: everything read from a project directory: settings and actions.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/desired_action.h"

namespace dactl {

/// Settings from the optional `dactl.toml`.
struct Settings {
    std::optional<std::string> region;  ///< as written: "us-east-1", "us_east_1" or a domain
    SourcePosition region_where;
};

struct Project {
    std::filesystem::path directory;
    Settings settings;
    std::vector<DesiredAction> actions;  ///< sorted by label
    std::vector<std::string> files;      ///< manifest paths read, relative, sorted
    std::string digest;                  ///< "sha256:<hex>" over the files' paths and bytes

    /// The action with this label, or null.
    const DesiredAction* find(const std::string& label) const;
};

}  // namespace dactl
