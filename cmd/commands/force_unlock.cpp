// dactl force-unlock ID: remove a lock a crashed run left.

#include "cmd/commands/registry.h"
#include "cmd/steps/state_step.h"
#include "engine/state/lock.h"

namespace dactl::cli {

namespace {

int run_force_unlock(const CommonOptions& options, Session& session) {
    if (options.operands.size() != 1) {
        return session.fail("force-unlock needs the lock's id: dactl force-unlock ID");
    }
    std::optional<Project> settings = session.load_settings();
    if (!settings) {
        return session.failed();
    }
    if (Status removed = dactl::force_unlock(state_home(*settings), options.operands[0]);
        !removed) {
        return session.fail(removed.error().message);
    }
    session.present(text_view("Removed the lock " + options.operands[0] + ".\n"));
    return k_exit_ok;
}

}  // namespace

Command force_unlock_command() {
    return make_command<CommonOptions>(
        {"force-unlock", "remove a lock left by a crashed apply", "dactl force-unlock ID",
         "Removes .dactl/lock if its id is ID (printed by the apply that is blocked).", 1},
        OptionTable<CommonOptions>(), run_force_unlock);
}

}  // namespace dactl::cli
