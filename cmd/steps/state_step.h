#pragma once
// The state: where the chosen environment keeps it, reading it, taking the
// lock, and recording what a run did (apply and import alike: the key, the
// next state, the org, one atomic write).

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cmd/session.h"
#include "engine/apply/apply.h"
#include "engine/gather/selection.h"
#include "engine/state/lock.h"
#include "engine/state/state.h"

namespace dactl::cli {

/// Where `project`'s chosen environment keeps its state, lock and key.
std::filesystem::path state_home(const Project& project);
/// How messages name the state file: `<project>/.dactl/state.json`, or
/// `<project>/.dactl/env/<name>/state.json` for an environment.
std::string state_location(const Project& project);

/// The state, or nothing before the first apply; fails naming the file.
Result<std::optional<State>> read_project_state(const Project& project);

/// The project's lock, taken for `command` (waiting --lock-timeout), and the
/// state read under it.
struct LockedState {
    ProjectLock lock;
    std::optional<State> state;  ///< nothing before the first apply
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
/// the state key) and writes it atomically; writes nothing when it records
/// what `previous` records already. Fails naming what went wrong.
Status record_state(Session& session, const Project& project, const std::optional<State>& previous,
                    const StateUpdate& update);

}  // namespace dactl::cli
