#include <istream>
#include <ostream>

#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "engine/apply/apply.h"
#include "engine/plan/planner.h"
#include "engine/render/apply_text.h"
#include "engine/render/text_plan.h"
#include "engine/state/next_state.h"
#include "engine/state/state_file.h"
#include "engine/util/time_text.h"
#include "engine/util/uuid.h"

namespace dactl::cli {

namespace {

class PrintingObserver : public ApplyObserver {
public:
    PrintingObserver(std::ostream& out, const Palette& palette) : m_out(out), m_palette(palette) {}

    void finished(const ActionResult& result) override {
        m_out << apply_result_line(result, m_palette) << std::flush;
    }

private:
    std::ostream& m_out;
    const Palette& m_palette;
};

bool confirmed(const Arguments& arguments, Context& context, std::size_t count) {
    if (arguments.has("auto-approve")) {
        return true;
    }
    if (!context.console.in_is_tty) {
        report_error(context,
                     "apply needs confirmation, and standard input is not a terminal; "
                     "review the plan and pass --auto-approve to apply without asking");
        return false;
    }
    context.console.out << "\nApply these changes to " << count
                        << (count == 1 ? " action" : " actions")
                        << "? Only 'yes' will be accepted: " << std::flush;
    std::string answer;
    std::getline(context.console.in, answer);
    if (answer != "yes") {
        context.console.out << "Apply cancelled; nothing was changed.\n";
        return false;
    }
    context.console.out << "\n";
    return true;
}

Status save_state(const Project& project, const std::optional<State>& previous,
                  const Planning& planning, const ApplyReport& report, Context& context) {
    State state = next_state(previous, planning.bindings, report, utc_timestamp(context.now()),
                             random_uuid());
    return write_state(project.directory, state);
}

}  // namespace

int run_apply(const Arguments& arguments, Context& context) {
    if (Result<int> parallelism = parallelism_option(arguments); !parallelism) {
        return report_error(context, parallelism.error().message);
    }
    std::optional<Project> project = load_project_or_report(arguments, context);
    if (!project) {
        return k_exit_error;
    }
    Result<std::optional<State>> previous = read_state(project->directory);
    if (!previous) {
        return report_error(context, previous.error().message + "; fix or remove it first");
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
    const Plan& plan = planning->plan;
    context.console.out << render_plan_text(plan, palette);
    ApplyReport report;
    if (!plan.empty()) {
        if (!confirmed(arguments, context, plan.changes.size())) {
            return k_exit_error;
        }
        ApplyOptions options;
        options.parallelism = *parallelism_option(arguments);
        options.interrupted = context.interrupted;
        PrintingObserver observer(context.console.out, palette);
        report = apply_plan(*provider, plan, planning->bases(), options, observer);
    }
    Status saved = save_state(*project, *previous, *planning, report, context);
    if (!plan.empty()) {
        context.console.out << "\n" << apply_summary(report, plan.unchanged.size(), palette);
    }
    if (!saved) {
        return report_error(context, "the state file was not written: " + saved.error().message +
                                         "; the org was changed as reported above");
    }
    if (context.interrupted != nullptr && context.interrupted->load()) {
        return k_exit_interrupted;
    }
    return report.succeeded() ? k_exit_ok : k_exit_error;
}

}  // namespace dactl::cli
