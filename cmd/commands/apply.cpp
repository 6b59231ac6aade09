// dactl apply: change the org to match the manifests, or apply a saved plan.

#include "engine/apply/apply.h"

#include <istream>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/org_step.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/apply_view.h"
#include "engine/plan/saved_plan.h"

namespace dactl::cli {

namespace {

struct ApplyArguments : CommonOptions {
    bool auto_approve = false;
    /// The saved plan to apply, when one is named.
    std::optional<std::string> plan_file() const {
        return operands.empty() ? std::nullopt : std::optional<std::string>(operands.front());
    }
};

// Whether this run asks for 'yes' before it writes.
bool asks(const ApplyArguments& options) {
    return !options.plan_file() && !options.auto_approve;
}

// Asked before anything is sent: an answer that can never come is known now.
bool answer_can_come(const ApplyArguments& options, Session& session) {
    const Console& console = session.context().console;
    if (!asks(options) || console.in_is_tty || !console.in_ended || !console.in_ended()) {
        return true;
    }
    session.fail(
        "apply needs confirmation, and standard input is closed; review the plan and pass "
        "--auto-approve, or answer 'yes' on standard input (echo yes | dactl apply); nothing "
        "was sent to the org");
    return false;
}

// On a terminal or from a pipe (`echo yes | dactl apply`), as Terraform asks.
bool confirmed(const ApplyArguments& options, Session& session, std::size_t count) {
    return !asks(options) || session.confirm("Apply these changes to " + std::to_string(count) +
                                                 (count == 1 ? " action" : " actions") + "?",
                                             "Apply cancelled; nothing was changed.");
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

// What apply works from: the plan (made afresh, or a saved one re-read and
// checked) and the org, checked against the state and the saved plan.
struct Prepared {
    Planning planning;
    std::optional<OrgIdentity> org;  ///< nothing when interrupted before it was read
};

// The org, checked against every record of it; nothing when the read was
// interrupted (nothing is applied then).
Result<std::optional<OrgIdentity>> checked_org(Provider& provider, const LockedState& locked,
                                               const std::optional<SavedPlan>& saved,
                                               const std::string& plan_file) {
    std::vector<OrgRecord> records = {{locked.state ? locked.state->org : std::nullopt,
                                       locked.where,
                                       "is it another environment's state? nothing was changed"}};
    if (saved) {
        records.push_back({saved->org, "the saved plan " + plan_file,
                           "make the plan against this org (dactl plan --out); nothing was "
                           "changed"});
    }
    Result<std::optional<OrgIdentity>> org = reach_org(provider, records, OrgRead::always);
    if (!org && org.error().kind == ErrorKind::cancelled) {
        return std::optional<OrgIdentity>();
    }
    return org;
}

// A fresh plan reads the org's actions first, so that Ctrl-C while they are
// read still reports every action; a saved plan is checked against the org
// before anything else.
Result<Prepared> prepare(const ApplyArguments& options, Provider& provider, const Project& project,
                         const LockedState& locked, const std::optional<SavedPlan>& saved) {
    const std::optional<State>& previous = locked.state;
    if (!saved) {
        Result<Planning> planning =
            plan_project(provider, project, recorded_addresses(previous), options.parallelism);
        if (!planning) {
            return planning.error();
        }
        Result<std::optional<OrgIdentity>> org = checked_org(provider, locked, std::nullopt, "");
        if (!org) {
            return org.error();
        }
        return Prepared{std::move(planning).value(), *org};
    }
    const std::string plan_file = *options.plan_file();
    if (Status same = check_same_environment(*saved, project, plan_file); !same) {
        return same.error();
    }
    Result<std::optional<OrgIdentity>> org = checked_org(provider, locked, *saved, plan_file);
    if (!org) {
        return org.error();
    }
    Result<Planning> planning =
        replan_saved(provider, project, *saved, recorded_addresses(previous), options.parallelism);
    if (!planning) {
        return planning.error();
    }
    return Prepared{std::move(planning).value(), *org};
}

// The saved plan named, read; nothing (after fail()) when it cannot be.
std::optional<std::optional<SavedPlan>> read_plan_file(const ApplyArguments& options,
                                                       Session& session) {
    if (!options.plan_file()) {
        return std::optional<SavedPlan>();
    }
    Result<SavedPlan> saved = read_saved_plan(*options.plan_file());
    if (!saved) {
        session.fail(saved.error().message);
        return std::nullopt;
    }
    return std::optional<SavedPlan>(std::move(saved).value());
}

// The update the run records: every action it read; a saved or targeted plan
// read only some, so the state keeps every other entry (those the rules
// govern too), while a whole fresh plan forgets the entries nothing manages
// any more (plan notes them).
StateUpdate update_of(const ApplyArguments& options, const Project& project,
                      const std::optional<State>& previous, const Prepared& prepared,
                      ApplyReport report) {
    StateUpdate update{prepared.planning.org().bindings, std::move(report), {}, prepared.org};
    for (const auto& action : project.actions) {
        update.keep.insert(action.address());
    }
    if (previous && (options.plan_file() || !prepared.planning.plan.targets.empty())) {
        for (const StateAction& entry : previous->actions) {
            update.keep.insert(entry.address);
        }
    }
    return update;
}

// Refuses what cannot be applied before anything is read: --target with a
// saved plan, an answer that cannot come.
bool check_request(const ApplyArguments& options, Session& session) {
    if (options.plan_file() && !options.targets.empty()) {
        session.fail(
            "--target applies to a fresh plan; a saved plan applies the targets it was made "
            "with (dactl show " +
            *options.plan_file() + ")");
        return false;
    }
    return answer_can_come(options, session);
}

ApplyReport apply_confirmed(const ApplyArguments& options, Session& session, Provider& provider,
                            const Project& project, const Planning& planning) {
    dactl::ApplyOptions applying;
    applying.parallelism = options.parallelism;
    applying.interrupted = session.context().interrupted;
    // A write whose answer was lost is re-sent (after a re-read) as often as
    // any request is attempted.
    applying.lost_answer_retries = project.settings.api.attempts() - 1;
    std::unique_ptr<ApplyObserver> progress =
        apply_progress([&](const View& view) { session.present(view); });
    return apply_plan(provider, planning.plan, planning.bases(), applying, *progress);
}

// The project (for the saved plan's environment when one is applied),
// checked, locked and connected; nothing after fail().
struct Opened {
    std::optional<SavedPlan> saved;
    Project project;
    LockedState locked;
    std::unique_ptr<Provider> provider;
};

std::optional<Opened> open_apply(const ApplyArguments& options, Session& session) {
    std::optional<std::optional<SavedPlan>> saved = read_plan_file(options, session);
    std::optional<Project> project = !saved   ? std::nullopt
                                     : *saved ? session.load_project_recorded((*saved)->environment)
                                              : session.load_project();
    if (!project || !check_request(options, session)) {
        return std::nullopt;
    }
    std::optional<LockedState> locked = lock_state(session, *project, "apply");
    std::unique_ptr<Provider> provider = locked ? session.connect(*project) : nullptr;
    if (!provider) {
        return std::nullopt;
    }
    return Opened{std::move(*saved), std::move(*project), std::move(*locked), std::move(provider)};
}

// What the run ends with: the state recorded, the outcome shown, the exit code.
int finish_apply(const ApplyArguments& options, Session& session, const Opened& opened,
                 const Prepared& prepared, const ApplyReport& report) {
    const std::optional<State>& previous = opened.locked.state;
    Status recorded = record_state(session, opened.project, previous,
                                   update_of(options, opened.project, previous, prepared, report));
    session.present(apply_view(prepared.planning.plan, report));
    if (!recorded) {
        return session.fail("the state was not written: " + recorded.error().message +
                            "; the org was changed as reported above. Run dactl apply again once "
                            "the state can be written: it finds those changes in place, changes "
                            "nothing twice and records them");
    }
    if (session.interrupted()) {
        return k_exit_interrupted;
    }
    return report.succeeded() ? k_exit_ok : k_exit_error;
}

int run_apply(const ApplyArguments& options, Session& session) {
    std::optional<Opened> opened = open_apply(options, session);
    if (!opened) {
        return session.failed();
    }
    Result<Prepared> prepared =
        prepare(options, *opened->provider, opened->project, opened->locked, opened->saved);
    if (!prepared) {
        return session.fail_reading(prepared.error());
    }
    const Planning& planning = prepared->planning;
    session.show(planning.diagnostics);
    if (planning.diagnostics.has_errors()) {
        return session.fail("the plan cannot be made; nothing was changed", planning.diagnostics);
    }
    session.present(apply_planned_view(planning.plan));
    ApplyReport report;
    if (!planning.plan.empty()) {
        if (!confirmed(options, session, planning.plan.changes.size())) {
            session.present(apply_cancelled_view(planning.plan));
            return session.failed();
        }
        report = apply_confirmed(options, session, *opened->provider, opened->project, planning);
    }
    return finish_apply(options, session, *opened, *prepared, report);
}

}  // namespace

Command apply_command() {
    OptionTable<ApplyArguments> table;
    table.flag({"auto-approve", "", "", "apply without asking for 'yes' on standard input"},
               &ApplyArguments::auto_approve);
    offer_targets(table);
    offer_lock_timeout(table,
                       "wait this long for another apply's lock (e.g. 30s; default: fail at once)");
    offer_format(table);
    offer_github_summary(table);
    offer_parallelism(table);
    return make_command<ApplyArguments>(
        {"apply", "change the org to match the manifests", "dactl apply [options] [PLAN_FILE]",
         "Plans afresh, shows the plan and asks for 'yes' on standard input (a terminal, or\n"
         "piped: echo yes | dactl apply; --auto-approve: no question), then PATCHes each\n"
         "changed action with its current version and re-reads it until the change shows.\n"
         "Records the result in .dactl/state.json. With standard input closed and no\n"
         "--auto-approve it refuses before sending anything.\n"
         "With PLAN_FILE (from plan --out) it applies exactly that plan without asking, and\n"
         "refuses it whole when the manifests or any planned action changed since.",
         1, Operands::file},
        table, run_apply);
}

}  // namespace dactl::cli
