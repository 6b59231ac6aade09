#include <ostream>

#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "engine/plan/planner.h"
#include "engine/render/text_plan.h"

namespace dactl::cli {

int run_plan(const Arguments& arguments, Context& context) {
    if (Result<int> parallelism = parallelism_option(arguments); !parallelism) {
        return report_error(context, parallelism.error().message);
    }
    std::optional<Project> project = load_project_or_report(arguments, context);
    if (!project) {
        return k_exit_error;
    }
    std::unique_ptr<Provider> provider = connect_or_report(arguments, *project, context);
    if (!provider) {
        return k_exit_error;
    }
    Result<Planning> planning = plan_project(*provider, *project);
    if (!planning) {
        return report_error(context, planning.error().describe());
    }
    context.console.err << planning->diagnostics.format();
    if (planning->diagnostics.has_errors()) {
        return report_error(context, "the plan cannot be made; nothing was changed");
    }
    const Palette palette = output_palette(context, arguments.has("no-color"));
    context.console.out << render_plan_text(planning->plan, palette);
    if (arguments.has("detailed-exitcode") && !planning->plan.empty()) {
        return k_exit_changes;
    }
    return k_exit_ok;
}

}  // namespace dactl::cli
