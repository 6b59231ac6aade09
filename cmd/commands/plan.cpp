#include <set>

#include "cmd/cli.h"
#include "cmd/command_options.h"
#include "cmd/commands/command.h"
#include "cmd/github.h"
#include "cmd/views/plan_view.h"
#include "engine/plan/plan_codec.h"
#include "engine/plan/planner.h"
#include "engine/render/markdown.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

Status save_plan(Session& session, Provider& provider, const Project& project, const Plan& plan,
                 const std::string& path) {
    Result<OrgIdentity> org = provider.org_identity();
    if (!org) {
        return org.error();
    }
    SavedPlan saved;
    saved.org = *org;
    saved.dactl_version = DACTL_VERSION;
    saved.created_at = utc_timestamp(session.context().now());
    saved.manifests_digest = project.digest;
    saved.environment = project.environment;
    saved.plan = plan;
    return write_file_atomically(path, encode_saved_plan(saved));
}

// State entries that nothing manages any more (an action a rule governed that
// stopped matching, or a table removed from the manifests): the next apply
// forgets them, and says nothing to the org.
void note_forgotten(Session& session, const Project& project, const Planning& planning) {
    if (!planning.plan.targets.empty()) {
        return;  // a partial plan keeps what it does not cover
    }
    Result<std::optional<State>> state = read_state(Session::state_home(project));
    if (!state || !*state) {
        return;
    }
    std::set<std::string> managed;
    for (const Binding& binding : planning.org.bindings) {
        managed.insert(binding.desired->address());
    }
    for (const DesiredAction& action : project.actions) {
        managed.insert(action.address());
    }
    for (const StateAction& entry : (*state)->actions) {
        if (managed.count(entry.address) == 0) {
            session.err() << "note: " << entry.address << " (" << entry.id
                          << ") is in the state, but no manifest declares it and no rule "
                             "governs it now; the next apply forgets it (the org is not "
                             "changed)\n";
        }
    }
}

}  // namespace

int run_plan(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "plan");
    if (!session.check_options()) {
        return k_exit_error;
    }
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    Result<Project> partial = targeted_project(*project, arguments);
    if (!partial) {
        return session.fail(partial.error().message);
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    Result<Planning> planning = plan_project(*provider, *partial, session.parallelism());
    if (!planning) {
        return session.fail_reading(planning.error());
    }
    session.show(planning->diagnostics);
    if (planning->diagnostics.has_errors()) {
        return session.fail("the plan cannot be made; nothing was changed", planning->diagnostics);
    }
    planning->plan.targets = arguments.all_values("target");
    note_forgotten(session, *project, *planning);
    if (std::optional<std::string> out = arguments.value("out")) {
        if (Status saved = save_plan(session, *provider, *project, planning->plan, *out); !saved) {
            return session.fail("the plan was not saved: " + saved.error().message);
        }
        session.err() << "Saved the plan to " << *out << "; apply exactly it with: dactl apply "
                      << *out << "\n";
    }
    plan_view(session.format(), session.view_target())->plan(planning->plan);
    if (arguments.has("github-summary")) {
        Status appended = append_step_summary(context, render_plan_markdown(planning->plan));
        if (!appended) {
            return session.fail(appended.error().message);
        }
    }
    if (arguments.has("detailed-exitcode") && !planning->plan.empty()) {
        return k_exit_changes;
    }
    return k_exit_ok;
}

}  // namespace dactl::cli
