#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "engine/state/lock.h"

namespace dactl::cli {

int run_force_unlock(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "force-unlock");
    if (arguments.positionals.size() != 1) {
        return session.fail("force-unlock needs the lock's id: dactl force-unlock ID");
    }
    std::optional<Project> settings = session.load_settings();
    if (!settings) {
        return k_exit_error;
    }
    if (Status removed =
            dactl::force_unlock(Session::state_home(*settings), arguments.positionals[0]);
        !removed) {
        return session.fail(removed.error().message);
    }
    session.out() << "Removed the lock " << arguments.positionals[0] << ".\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
