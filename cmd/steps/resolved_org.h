#pragma once
// The org as the project manages it: the project loaded, its state read, the
// org reached (and checked against the state's), then resolved (the declared
// actions and those the rules govern, narrowed to the targets). Every command
// that reads the managed actions starts here.

#include <memory>
#include <optional>
#include <string>

#include "cmd/session.h"
#include "engine/resolve/resolve.h"

namespace dactl::cli {

struct ResolvedOrg {
    Project project;
    std::optional<State> state;
    std::unique_ptr<Provider> provider;
    Resolution resolution;
};

/// What a command does with the diagnostics of actions that select nothing.
enum class Unbound {
    fail,    ///< show them and fail with the command's message
    report,  ///< leave them to the command's report (drift)
};

/// Loads the project (its targets: `targets`), reads its state, connects,
/// checks the org against the state's, and reads the org resolved
/// (read_resolved, gathering as `gathering` asks), showing the diagnostics.
/// Nothing after fail().
std::optional<ResolvedOrg> read_resolved_org(Session& session,
                                             const std::vector<std::string>& targets,
                                             const GatherOptions& gathering, Unbound unbound,
                                             const std::string& unbound_message = "");

/// Warns (shown like diagnostics) where a managed function action's own
/// function stops before its timeout.
void warn_function_limits(Session& session, const Gathered& org);

}  // namespace dactl::cli
