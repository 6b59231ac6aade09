#include "engine/apply/apply.h"

#include <istream>

#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "cmd/duration.h"
#include "cmd/github.h"
#include "cmd/views/apply_view.h"
#include "engine/apply/next_state.h"
#include "engine/plan/saved_plan.h"
#include "engine/render/markdown.h"
#include "engine/state/lock.h"
#include "engine/state/state_file.h"
#include "engine/state/state_key.h"
#include "engine/util/file_io.h"
#include "engine/util/time_text.h"
#include "engine/util/uuid.h"

namespace dactl::cli {

namespace {

bool confirmed(Session& session, std::size_t count, bool from_file) {
    if (from_file || session.arguments().has("auto-approve")) {
        return true;
    }
    Context& context = session.context();
    if (!context.console.in_is_tty) {
        session.fail(
            "apply needs confirmation, and standard input is not a terminal; review the plan "
            "and pass --auto-approve to apply without asking");
        return false;
    }
    session.out() << "\nApply these changes to " << count << (count == 1 ? " action" : " actions")
                  << "? Only 'yes' will be accepted: " << std::flush;
    std::string answer;
    std::getline(context.console.in, answer);
    if (answer != "yes" || session.interrupted()) {
        session.out() << "Apply cancelled; nothing was changed.\n";
        return false;
    }
    session.out() << "\n";
    return true;
}

// The plan to apply: made afresh, or a saved one checked against the org.
Result<Planning> prepare(Session& session, Provider& provider, const Project& project) {
    const std::vector<std::string>& files = session.arguments().positionals;
    if (files.empty()) {
        return plan_project(provider, project, session.parallelism());
    }
    Result<std::string> text = read_file(files.front());
    if (!text) {
        return text.error();
    }
    Result<SavedPlan> saved = decode_saved_plan(*text);
    if (!saved) {
        Error error = saved.error();
        error.message = files.front() + ": " + error.message;
        return error;
    }
    return replan_saved(provider, project, *saved, session.parallelism());
}

Status save_state(Session& session, const Project& project, const std::optional<State>& previous,
                  const Planning& planning, const ApplyReport& report) {
    std::set<std::string> keep;
    for (const auto& action : project.actions) {
        keep.insert(action.address());
    }
    Result<std::string> key =
        state_key_for_writing(project.directory, session.context().environment("DACTL_STATE_KEY"));
    if (!key) {
        return key.error();
    }
    State state = next_state(previous, planning.org.bindings, report,
                             utc_timestamp(session.context().now()), random_uuid(), *key, keep);
    return write_state(project.directory, state);
}

}  // namespace

int run_apply(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "apply");
    if (!session.check_options()) {
        return k_exit_error;
    }
    Result<std::chrono::milliseconds> wait =
        parse_duration(arguments.value("lock-timeout").value_or("0s"), "--lock-timeout");
    if (!wait) {
        return session.fail(wait.error().message);
    }
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    Result<ProjectLock> lock = ProjectLock::acquire(
        project->directory, "apply", *wait, utc_timestamp(context.now()), context.interrupted);
    if (!lock) {
        return session.fail(lock.error().message);
    }
    Result<std::optional<State>> previous = read_state(project->directory);
    if (!previous) {
        return session.fail(previous.error().message + "; fix or remove it first");
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    Result<Planning> planning = prepare(session, *provider, *project);
    if (!planning) {
        return session.fail_reading(planning.error());
    }
    session.show(planning->diagnostics);
    if (planning->diagnostics.has_errors()) {
        return session.fail("the plan cannot be made; nothing was changed", planning->diagnostics);
    }
    const Plan& plan = planning->plan;
    std::unique_ptr<ApplyView> view = apply_view(session.format(), session.view_target());
    view->planned(plan);
    ApplyReport report;
    if (!plan.empty()) {
        if (!confirmed(session, plan.changes.size(), !arguments.positionals.empty())) {
            return session.interrupted() ? k_exit_interrupted : k_exit_error;
        }
        ApplyOptions options;
        options.parallelism = session.parallelism();
        options.interrupted = context.interrupted;
        // A write whose answer was lost is re-sent (after a re-read) as often
        // as any request is attempted.
        options.lost_answer_retries = project->settings.api.attempts() - 1;
        report = apply_plan(*provider, plan, planning->bases(), options, *view);
    }
    Status saved = save_state(session, *project, *previous, *planning, report);
    view->applied(plan, report);
    if (arguments.has("github-summary")) {
        (void)append_step_summary(context.environment, render_apply_markdown(plan, report));
    }
    if (!saved) {
        return session.fail("the state file was not written: " + saved.error().message +
                            "; the org was changed as reported above");
    }
    if (context.interrupted != nullptr && context.interrupted->load()) {
        return k_exit_interrupted;
    }
    return report.succeeded() ? k_exit_ok : k_exit_error;
}

}  // namespace dactl::cli
