#pragma once
// The state: the backend the chosen environment keeps it in (files under
// `.dactl/`, or the postgres database dactl.toml's [state] names), reading it,
// taking the lock, and recording what a run did (apply and import alike: the
// key, the next state, the org, one compare-and-swap write).

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cmd/session.h"
#include "engine/apply/apply.h"
#include "engine/gather/selection.h"
#include "engine/state/state_backend.h"

namespace dactl::cli {

/// Where `project`'s chosen environment keeps its key (and, with the local
/// backend, its state and lock).
std::filesystem::path state_home(const Project& project);

/// The chosen environment's backend, made at its first use in the run (the
/// postgres connection's secrets go to the redactor). Fails naming what is
/// missing (the variable conn_env names, unset).
Result<StateBackend*> state_backend(Session& session, const Project& project);
/// The local backend of `project`'s chosen environment, whatever [state] says
/// (state push and pull move states between it and the configured one).
std::unique_ptr<StateBackend> local_backend(const Project& project);

/// How messages name where the state lives: `<project>/.dactl/state.json`
/// (`.dactl/env/<name>/state.json` for an environment), or the database's
/// schema, project key and environment.
std::string state_location(Session& session, const Project& project);

/// The state, or nothing before the first apply; fails naming where.
Result<std::optional<State>> read_project_state(Session& session, const Project& project);

/// Who is running and from where, as locks and the history record it.
LockInfo lock_request_holder(Session& session, const std::string& command);
WriteOrigin write_origin(Session& session, const std::string& command, int changed);

/// The project's lock, taken for `command` (waiting --lock-timeout), and the
/// state read under it.
struct LockedState {
    std::unique_ptr<StateLease> lock;
    std::optional<State> state;  ///< nothing before the first apply
    std::string where;           ///< the backend's location(), for messages
};
/// Nothing after fail(): a held lock, an interrupt while waiting for it, an
/// unreadable state.
std::optional<LockedState> lock_state(Session& session, const Project& project,
                                      const std::string& command);

/// What a run recorded: the bindings it read or wrote, its apply report
/// (empty for import), the addresses whose earlier entries stay although not
/// bound, and the org it reached (nothing: the earlier state's).
struct StateUpdate {
    std::vector<Binding> bindings;
    ApplyReport report;
    std::set<std::string> keep;
    std::optional<OrgIdentity> org;
};

/// Records the update as the next state (next_state, fingerprints made with
/// the state key) and writes it as the version after `previous` (a
/// compare-and-swap); writes nothing when it records what `previous` records
/// already. Fails naming what went wrong.
Status record_state(Session& session, const Project& project, const std::optional<State>& previous,
                    const StateUpdate& update);

}  // namespace dactl::cli
