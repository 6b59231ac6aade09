#include "engine/apply/apply.h"

#include <istream>

#include "cmd/cli.h"
#include "cmd/command_options.h"
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

// Whether this run asks for 'yes' before it writes.
bool asks(const Session& session) {
    return session.arguments().positionals.empty() && !session.arguments().has("auto-approve");
}

// Asked before anything is sent: an answer that can never come is known now.
bool answer_can_come(Session& session) {
    const Console& console = session.context().console;
    if (!asks(session) || console.in_is_tty || !console.in_ended || !console.in_ended()) {
        return true;
    }
    session.fail(
        "apply needs confirmation, and standard input is closed; review the plan and pass "
        "--auto-approve, or answer 'yes' on standard input (echo yes | dactl apply); nothing "
        "was sent to the org");
    return false;
}

// On a terminal or from a pipe (`echo yes | dactl apply`), as Terraform asks.
// The question goes where the view does not write its document.
bool confirmed(Session& session, std::size_t count) {
    if (!asks(session)) {
        return true;
    }
    Console& console = session.context().console;
    std::ostream& ask = session.format() == OutputFormat::text ? session.out() : session.err();
    ask << "\nApply these changes to " << count << (count == 1 ? " action" : " actions")
        << "? Only 'yes' will be accepted: " << std::flush;
    std::string answer;
    std::getline(console.in, answer);
    if (!console.in_is_tty) {
        ask << "\n";  // the answer was not echoed: end the question's line
    }
    if (answer != "yes" || session.interrupted()) {
        ask << "Apply cancelled; nothing was changed.\n";
        return false;
    }
    ask << "\n";
    return true;
}

// The saved plan named on the command line, when one is.
Result<std::optional<SavedPlan>> saved_plan(Session& session) {
    const std::vector<std::string>& files = session.arguments().positionals;
    if (files.empty()) {
        return std::optional<SavedPlan>();
    }
    Result<SavedPlan> saved = read_saved_plan(files.front());
    if (!saved) {
        return saved.error();
    }
    return std::optional<SavedPlan>(std::move(saved).value());
}

// A plan saved for one environment is never applied to another.
Status check_same_environment(const SavedPlan& saved, const Project& project,
                              const std::string& plan_file) {
    if (saved.environment == project.environment) {
        return {};
    }
    const auto named = [](const std::string& environment) {
        return environment.empty() ? std::string("no environment") : "environment " + environment;
    };
    std::string message = "the saved plan " + plan_file + " was made for " +
                          named(saved.environment) + ", but this run is for " +
                          named(project.environment) + "; make the plan for " +
                          named(project.environment) + " (dactl plan";
    if (!project.environment.empty()) {
        message += " --env " + project.environment;
    }
    message += " --out FILE); nothing was changed";
    return make_error(ErrorKind::conflict, message);
}

// The org the credentials reach, checked against the one the state records.
// Nothing when the run was interrupted first: nothing is applied then.
Result<std::optional<OrgIdentity>> reached_org(Provider& provider, const Project& project,
                                               const std::optional<State>& previous) {
    Result<OrgIdentity> org = provider.org_identity();
    if (!org && org.error().kind == ErrorKind::cancelled) {
        return std::optional<OrgIdentity>();
    }
    if (!org) {
        Error error = org.error();
        error.message = "reading which org the credentials reach failed: " + error.message;
        return error;
    }
    const std::optional<OrgIdentity> recorded = previous ? previous->org : std::nullopt;
    if (Status same =
            check_same_org(recorded, *org, state_path(Session::state_home(project)).string(),
                           "is it another environment's state? nothing was changed");
        !same) {
        return same.error();
    }
    return std::optional<OrgIdentity>(*org);
}

// What apply works from: the plan (made afresh, or a saved one re-read and
// checked) and the org, checked against the state and the saved plan.
struct Prepared {
    Planning planning;
    std::optional<OrgIdentity> org;  ///< nothing when interrupted before it was read
};

// A fresh plan reads the org's actions first, so that Ctrl-C while they are
// read still reports every action; a saved plan is checked against the org
// before anything else.
Result<Prepared> prepare(Session& session, Provider& provider, const Project& project,
                         const std::optional<State>& previous) {
    Result<std::optional<SavedPlan>> saved = saved_plan(session);
    if (!saved) {
        return saved.error();
    }
    if (!*saved) {
        Result<Planning> planning = plan_project(provider, project, session.parallelism());
        if (!planning) {
            return planning.error();
        }
        planning->plan.targets = session.arguments().all_values("target");
        Result<std::optional<OrgIdentity>> org = reached_org(provider, project, previous);
        if (!org) {
            return org.error();
        }
        return Prepared{std::move(planning).value(), *org};
    }
    const std::string plan_file = session.arguments().positionals.front();
    if (Status same = check_same_environment(**saved, project, plan_file); !same) {
        return same.error();
    }
    Result<std::optional<OrgIdentity>> org = reached_org(provider, project, previous);
    if (!org) {
        return org.error();
    }
    if (*org) {
        const std::string what = "the saved plan " + session.arguments().positionals.front();
        if (Status same = check_same_org((*saved)->org, **org, what,
                                         "make the plan against this org (dactl plan --out); "
                                         "nothing was changed");
            !same) {
            return same.error();
        }
    }
    Result<Planning> planning = replan_saved(provider, project, **saved, session.parallelism());
    if (!planning) {
        return planning.error();
    }
    return Prepared{std::move(planning).value(), *org};
}

Status save_state(Session& session, const Project& project, const std::optional<State>& previous,
                  const Planning& planning, const ApplyReport& report,
                  const std::optional<OrgIdentity>& org) {
    std::set<std::string> keep;
    for (const auto& action : project.actions) {
        keep.insert(action.address());
    }
    // A saved or targeted plan read only some actions: the state keeps every
    // other entry (those the rules govern too); a whole fresh plan forgets the
    // entries nothing manages any more (plan notes them).
    if (previous && (!session.arguments().positionals.empty() || !planning.plan.targets.empty())) {
        for (const StateAction& entry : previous->actions) {
            keep.insert(entry.address);
        }
    }
    Result<std::string> key = state_key_for_writing(
        Session::state_home(project), session.context().environment("DACTL_STATE_KEY"));
    if (!key) {
        return key.error();
    }
    State state = next_state(previous, planning.org.bindings, report,
                             utc_timestamp(session.context().now()), random_uuid(), *key, keep);
    state.org = org ? org : (previous ? previous->org : std::nullopt);
    return write_state(Session::state_home(project), state);
}

}  // namespace

int run_apply(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "apply");
    if (!session.check_options()) {
        return k_exit_error;
    }
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    if (!arguments.positionals.empty() && !arguments.all_values("target").empty()) {
        return session.fail(
            "--target applies to a fresh plan; a saved plan applies the targets it was made "
            "with (dactl show " +
            arguments.positionals.front() + ")");
    }
    // What is planned and applied: the targets (all without --target); the
    // state keeps every other action of the manifests as it was.
    Result<Project> partial = targeted_project(*project, arguments);
    if (!partial) {
        return session.fail(partial.error().message);
    }
    if (!answer_can_come(session)) {
        return k_exit_error;
    }
    std::optional<LockedState> locked = lock_state(session, Session::state_home(*project), "apply");
    if (!locked) {
        return session.interrupted() ? k_exit_interrupted : k_exit_error;
    }
    const std::optional<State>* previous = &locked->state;
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    Result<Prepared> prepared = prepare(session, *provider, *partial, *previous);
    if (!prepared) {
        return session.fail_reading(prepared.error());
    }
    const Planning* planning = &prepared->planning;
    session.show(planning->diagnostics);
    if (planning->diagnostics.has_errors()) {
        return session.fail("the plan cannot be made; nothing was changed", planning->diagnostics);
    }
    const Plan& plan = planning->plan;
    std::unique_ptr<ApplyView> view = apply_view(session.format(), session.view_target());
    view->planned(plan);
    ApplyReport report;
    if (!plan.empty()) {
        if (!confirmed(session, plan.changes.size())) {
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
    Status saved_state = save_state(session, *project, *previous, *planning, report, prepared->org);
    view->applied(plan, report);
    if (arguments.has("github-summary")) {
        (void)append_step_summary(context, render_apply_markdown(plan, report));
    }
    if (!saved_state) {
        return session.fail("the state file was not written: " + saved_state.error().message +
                            "; the org was changed as reported above");
    }
    if (context.interrupted != nullptr && context.interrupted->load()) {
        return k_exit_interrupted;
    }
    return report.succeeded() ? k_exit_ok : k_exit_error;
}

}  // namespace dactl::cli
