#pragma once
// Project: everything read from a project directory: settings and actions.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/desired_action.h"
#include "engine/model/rule.h"

namespace dactl {

/// Attempts per API request, the first included, when `[api] max_attempts` is unset.
inline constexpr int k_default_max_attempts = 5;

/// The optional `[api]` table of `dactl.toml`: how dactl talks to the API.
/// Unset members take the defaults documented in docs/connecting.md.
struct ApiSettings {
    std::optional<int> requests_per_minute;         ///< per token, 1-10000; default 300
    std::optional<int> client_requests_per_minute;  ///< all tokens, 1-100000; default 3000
    std::optional<int> tokens;                      ///< the pool's most, 1-10; default 10
    std::optional<int> connect_timeout_seconds;     ///< 1-300; default 10
    std::optional<int> request_timeout_seconds;     ///< 1-600; default 60, a whole exchange
    std::optional<int> max_attempts;                ///< 1-20; default 5, the first included
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
    /// The org's limit of concurrent data action executions, when the org's
    /// limits cannot be read (docs/impact.md); the documented default 50.
    std::int64_t concurrency_limit = 50;
};

/// Where the state, lock and history live (dactl.toml's [state] table).
enum class StateBackendKind { local, postgres };

/// dactl.toml's [state] table (docs/state.md). The connection itself never
/// comes from the file: libpq's own variables (PGHOST, PGPASSWORD, PGSERVICE...)
/// or the variable `conn_env` names, holding a connection URI.
struct StateSettings {
    StateBackendKind backend = StateBackendKind::local;
    std::string schema = "dactl";         ///< postgres: the schema of dactl's tables
    std::string project;                  ///< postgres: the key this project's states live under
    std::optional<std::string> conn_env;  ///< postgres: the variable holding a connection URI
    SourcePosition where;                 ///< the table's header
};

/// The variables that hold an org's credentials when dactl.toml names none.
inline constexpr std::string_view k_default_client_id_variable = "GENESYSCLOUD_OAUTHCLIENT_ID";
inline constexpr std::string_view k_default_client_secret_variable =
    "GENESYSCLOUD_OAUTHCLIENT_SECRET";

/// One `[env.<name>]` table of dactl.toml: one org the project is applied to.
/// Unset members fall back to the variables and settings a project without
/// environments uses (docs/environments.md).
struct EnvironmentSettings {
    std::string name;                              ///< [a-z0-9_-]+
    SourcePosition where;                          ///< the table's header
    std::optional<std::string> region;             ///< as `region` is written
    SourcePosition region_where;                   ///< its value, when given
    std::optional<std::string> api_url;            ///< like DACTL_API_URL
    SourcePosition api_url_where;                  ///< its value, when given
    std::optional<std::string> client_id_env;      ///< the variable holding the client id
    std::optional<std::string> client_secret_env;  ///< the variable holding its secret

    std::string client_id_variable() const {
        return client_id_env.value_or(std::string(k_default_client_id_variable));
    }
    std::string client_secret_variable() const {
        return client_secret_env.value_or(std::string(k_default_client_secret_variable));
    }
};

struct Settings {
    std::optional<std::string> region;  ///< as written: "us-east-1", "us_east_1" or a domain
    SourcePosition region_where;
    ApiSettings api;
    InsightsSettings insights;
    StateSettings state;
    std::vector<EnvironmentSettings> environments;  ///< sorted by name; none: one org

    /// The environment with this name, or null.
    const EnvironmentSettings* environment(std::string_view name) const;
    /// The names, sorted.
    std::vector<std::string> environment_names() const;
};

struct Project {
    std::filesystem::path directory;
    Settings settings;
    std::vector<DesiredAction> actions;  ///< sorted by label
    std::vector<Rule> rules;             ///< sorted by label
    /// --target patterns the actions were narrowed to (the rules then govern
    /// only the actions they name); empty: every action.
    std::vector<std::string> targets;
    /// The environment the manifests were read for (its overrides applied);
    /// "" when the project declares none or none was chosen.
    std::string environment;
    std::vector<std::string> files;  ///< manifest paths read, relative, sorted
    std::string digest;              ///< "sha256:<hex>" over the files' paths and bytes

    /// The chosen environment's settings, or null.
    const EnvironmentSettings* chosen_environment() const {
        return settings.environment(environment);
    }
    /// The variable that holds the client id for the chosen environment.
    std::string client_id_variable() const {
        const EnvironmentSettings* chosen = chosen_environment();
        return chosen != nullptr ? chosen->client_id_variable()
                                 : std::string(k_default_client_id_variable);
    }
    /// The action with this label, or null.
    const DesiredAction* find(const std::string& label) const;
    /// The action at this address ("action.<label>"), or null (also for text
    /// that is no address).
    const DesiredAction* find_address(std::string_view address) const;
};

}  // namespace dactl
