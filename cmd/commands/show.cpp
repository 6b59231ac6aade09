#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "cmd/views/plan_view.h"
#include "engine/plan/plan_codec.h"

namespace dactl::cli {

// Renders a saved plan without contacting the org: what a reviewer or the
// release job reads before `dactl apply FILE`.
int run_show(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "show");
    if (!session.check_options()) {
        return k_exit_error;
    }
    if (arguments.positionals.empty()) {
        return session.fail("show needs the saved plan to read: dactl show PLANFILE");
    }
    const std::string& file = arguments.positionals.front();
    Result<SavedPlan> saved = read_saved_plan(file);
    if (!saved) {
        return session.fail(saved.error().message);
    }
    plan_view(session.format(), session.view_target())->saved(*saved, file);
    return k_exit_ok;
}

}  // namespace dactl::cli
