// dactl force-unlock ID: remove a lock a crashed run left.

#include <ostream>

#include "cmd/commands/registry.h"
#include "cmd/steps/state_step.h"

namespace dactl::cli {

namespace {

struct ForceUnlockArguments : CommonOptions {
    bool force = false;
};

int run_force_unlock(const ForceUnlockArguments& options, Session& session) {
    if (options.operands.size() != 1) {
        return session.fail("force-unlock needs the lock's id: dactl force-unlock ID");
    }
    const std::string& id = options.operands[0];
    std::optional<Project> settings = session.load_settings();
    Result<StateBackend*> backend =
        settings ? state_backend(session, *settings) : Result<StateBackend*>(nullptr);
    if (!settings || !backend) {
        return settings ? session.fail(backend.error().message) : session.failed();
    }
    Result<std::optional<LockInfo>> holder = (*backend)->lock_holder();
    if (!holder) {
        return session.fail(holder.error().message);
    }
    if (*holder && (*holder)->id == id && !options.force) {
        session.prompt() << "The lock " << id << " is held by " << holder_text(**holder)
                         << ". Remove it only if that run is no longer running: the next run "
                            "can then write the state while it does.\n";
        if (!session.confirm("Remove the lock?", "Nothing was removed.")) {
            return session.failed();
        }
    }
    if (Status removed = (*backend)->force_unlock(id); !removed) {
        return session.fail(removed.error().message);
    }
    session.present(text_view("Removed the lock " + id + ".\n"));
    return k_exit_ok;
}

}  // namespace

Command force_unlock_command() {
    OptionTable<ForceUnlockArguments> table;
    table.flag({"force", "", "", "remove it without asking (in scripts)"},
               &ForceUnlockArguments::force);
    return make_command<ForceUnlockArguments>(
        {"force-unlock", "remove a lock left by a crashed run", "dactl force-unlock ID [--force]",
         "Shows who holds the lock and, once you answer yes (or with --force), removes it if\n"
         "its id is ID (the id a blocked run prints). The lock lives where the state does:\n"
         ".dactl/lock, or the postgres backend's locks table ([state] in dactl.toml).",
         1},
        table, run_force_unlock);
}

}  // namespace dactl::cli
