#pragma once
// Options and operands several commands read the same way.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmd/args.h"
#include "cmd/commands/command.h"
#include "engine/export/export.h"
#include "engine/export/timeout_writer.h"
#include "engine/gather/gather.h"
#include "engine/model/project.h"
#include "engine/state/lock.h"
#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl::cli {

/// The number given as --`name`, or `fallback` when absent. Fails with
/// "--NAME must be a (whole) number from LOW to HIGH, not TEXT".
Result<double> number_option(const Arguments& arguments, const std::string& name, double fallback,
                             double low, double high, bool whole);

/// The manifest actions named on the command line (addresses or labels; all
/// when none is). Fails with "no action.x in the manifests; did you mean ...?".
Result<std::vector<DesiredAction>> chosen_actions(const Project& project,
                                                  const std::vector<std::string>& names);

/// --fields: timeout (the default) or all, as export and import take it.
Result<ExportFields> fields_option(const Arguments& arguments);

/// `project` with only the actions --target names (every one without it);
/// files, digest and settings as they are. Fails as chosen_actions does.
Result<Project> targeted_project(const Project& project, const Arguments& arguments);

/// The project's lock, taken for `command` (waiting --lock-timeout), and the
/// state read under it.
struct LockedState {
    ProjectLock lock;
    std::optional<State> state;  ///< nothing before the first apply
};
/// Nothing after reporting a bad --lock-timeout, a held lock, an interrupt while
/// waiting for it (exit with k_exit_interrupted then) or an unreadable state.
std::optional<LockedState> lock_state(Session& session, const std::filesystem::path& directory,
                                      const std::string& command);

/// Sets timeout_seconds in the manifests to `recommendations` (lower bounds are
/// not written: timeout_edits), telling each edit and each note on standard
/// error. False after reporting a failure.
bool write_timeouts(Session& session, const Project& project,
                    const std::vector<TimeoutRecommendation>& recommendations);

/// The org as a command that reads chosen actions sees it. `org` binds into
/// `chosen` (moving keeps both in place).
struct ChosenOrg {
    Project project;
    std::vector<DesiredAction> chosen;
    std::unique_ptr<Provider> provider;
    Gathered org;
};

/// Loads the project, picks the actions named on the command line
/// (chosen_actions), connects and reads the org without templates, showing
/// the diagnostics. Nothing after reporting a failure (`unbound` when a chosen
/// action selects nothing), with its exit code in `exit_code`.
std::optional<ChosenOrg> read_chosen_org(Session& session, const std::string& unbound,
                                         int& exit_code);

}  // namespace dactl::cli
