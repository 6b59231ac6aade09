#pragma once
// Project: everything read from a project directory: settings and actions.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/desired_action.h"
#include "engine/model/rule.h"

namespace dactl {

/// Attempts per API request, the first included, when `[api] max_attempts` is unset.
inline constexpr int k_default_max_attempts = 5;

/// The optional `[api]` table of `dactl.toml`: how dactl talks to the API.
/// Unset members take the defaults documented in docs/connecting.md.
struct ApiSettings {
    std::optional<int> requests_per_minute;      ///< 1-10000; default 300
    std::optional<int> connect_timeout_seconds;  ///< 1-300; default 10
    std::optional<int> request_timeout_seconds;  ///< 1-600; default 60, a whole exchange
    std::optional<int> max_attempts;             ///< 1-20; default 5, the first included
    /// A PEM file of CA certificates, as written (relative to the project directory,
    /// or absolute); load_project checks that it exists.
    std::optional<std::string> ca_bundle;
    SourcePosition ca_bundle_where;

    /// max_attempts, or its default.
    int attempts() const { return max_attempts.value_or(k_default_max_attempts); }
};

/// Settings from the optional `dactl.toml`.
/// dactl.toml's [insights] table.
struct InsightsSettings {
    /// The analytics errorType values that are timeouts; none: dactl's guess
    /// (docs/insights.md).
    std::optional<std::vector<std::string>> timeout_error_types;
};

struct Settings {
    std::optional<std::string> region;  ///< as written: "us-east-1", "us_east_1" or a domain
    SourcePosition region_where;
    ApiSettings api;
    InsightsSettings insights;
};

struct Project {
    std::filesystem::path directory;
    Settings settings;
    std::vector<DesiredAction> actions;  ///< sorted by label
    std::vector<Rule> rules;             ///< sorted by label
    /// --target patterns the actions were narrowed to (the rules then govern
    /// only the actions they name); empty: every action.
    std::vector<std::string> targets;
    std::vector<std::string> files;  ///< manifest paths read, relative, sorted
    std::string digest;              ///< "sha256:<hex>" over the files' paths and bytes

    /// The action with this label, or null.
    const DesiredAction* find(const std::string& label) const;
    /// The action at this address ("action.<label>"), or null (also for text
    /// that is no address).
    const DesiredAction* find_address(std::string_view address) const;
};

}  // namespace dactl
