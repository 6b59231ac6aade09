// dactl show: a saved plan rendered without contacting the org, what a
// reviewer or the release job reads before `dactl apply FILE`.

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/views/plan_view.h"
#include "engine/plan/plan_codec.h"

namespace dactl::cli {

namespace {

int run_show(const CommonOptions& options, Session& session) {
    if (options.operands.empty()) {
        return session.fail("show needs the saved plan to read: dactl show PLANFILE");
    }
    const std::string& file = options.operands.front();
    Result<SavedPlan> saved = read_saved_plan(file);
    if (!saved) {
        return session.fail(saved.error().message);
    }
    session.present(saved_plan_view(*saved, file));
    return k_exit_ok;
}

}  // namespace

Command show_command() {
    OptionTable<CommonOptions> table;
    offer_format(table);
    return make_command<CommonOptions>(
        {"show", "render a saved plan without contacting the org", "dactl show [options] PLAN_FILE",
         "Prints the plan saved by plan --out, and when, by which dactl and against which\n"
         "org it was made: exactly what `dactl apply PLAN_FILE` would apply. Reads only\n"
         "the file.",
         1, Operands::file},
        table, run_show);
}

}  // namespace dactl::cli
