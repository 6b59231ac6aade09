// dactl plan: what apply would change, field by field.

#include <set>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/org_step.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/plan_view.h"
#include "engine/plan/plan_codec.h"
#include "engine/plan/planner.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

struct PlanArguments : CommonOptions, ImpactOptions {
    bool detailed_exitcode = false;
    std::optional<std::string> out;
};

// State entries that nothing manages any more (an action a rule governed that
// stopped matching, or a table removed from the manifests): the next apply
// forgets them, and says nothing to the org.
void note_forgotten(Session& session, const Project& project, const Planning& planning,
                    const std::optional<State>& state) {
    if (!planning.plan.targets.empty() || !state) {
        return;  // a partial plan keeps what it does not cover
    }
    std::set<std::string> managed;
    for (const Binding& binding : planning.org().bindings) {
        managed.insert(binding.desired->address());
    }
    for (const DesiredAction& action : project.actions) {
        managed.insert(action.address());
    }
    for (const StateAction& entry : state->actions) {
        if (managed.count(entry.address) == 0) {
            session.tell("note: " + entry.address + " (" + entry.id +
                         ") is in the state, but no manifest declares it and no rule governs it "
                         "now; the next apply forgets it (the org is not changed)");
        }
    }
}

SavedPlan saved_plan(Session& session, const Project& project, const Plan& plan,
                     const OrgIdentity& org, const FlowImpact& impact) {
    SavedPlan saved;
    saved.org = org;
    saved.dactl_version = DACTL_VERSION;
    saved.created_at = utc_timestamp(session.context().now());
    saved.manifests_digest = project.digest;
    saved.environment = project.environment;
    saved.plan = plan;
    if (impact.listing == FlowListing::listed) {
        saved.flows = impact.by_address;  // what show names under each change
    }
    return saved;
}

// Writes the plan for `dactl apply FILE`; false after fail().
bool save(Session& session, const std::string& file, const SavedPlan& saved) {
    if (Status written = write_saved_plan(file, saved); !written) {
        session.fail("the plan was not saved: " + written.error().message);
        return false;
    }
    session.tell(plan_saved_note(file));
    return true;
}

// The published flows each change touches and the blast radius of its
// timeouts, as --impact and --no-impact ask.
FlowImpact impact_of(const PlanArguments& options, Session& session, Provider& provider,
                     const Project& project, const Planning& planning) {
    const ImpactChoice choice = options.impact_choice();
    FlowImpact impact = flow_impact(provider.dependencies(), planning.plan, planning.bases(),
                                    choice, options.parallelism);
    weigh_timeouts(impact, planning.plan,
                   {&provider.analytics(), &provider.org(), &planning.org().live,
                    project.settings.insights.concurrency_limit, epoch_ms(session.context().now())},
                   choice);
    return impact;
}

int run_plan(const PlanArguments& options, Session& session) {
    std::optional<Project> project = session.load_project();
    if (!project) {
        return session.failed();
    }
    Result<std::optional<State>> state = read_project_state(session, *project);
    if (!state) {
        return session.fail(state.error().message);
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return session.failed();
    }
    Result<Planning> planning =
        plan_project(*provider, *project, recorded_addresses(*state), options.parallelism);
    if (!planning) {
        return session.fail_reading(planning.error());
    }
    session.show(planning->diagnostics);
    if (planning->diagnostics.has_errors()) {
        return session.fail("the plan cannot be made; nothing was changed", planning->diagnostics);
    }
    Result<std::optional<OrgIdentity>> org =
        reach_org(*provider,
                  {{*state ? (*state)->org : std::nullopt, state_location(session, *project),
                    "is it another environment's state? nothing was changed"}},
                  options.out ? OrgRead::always : OrgRead::when_recorded);
    if (!org) {
        return session.fail_reading(org.error());
    }
    note_forgotten(session, *project, *planning, *state);
    const FlowImpact impact = impact_of(options, session, *provider, *project, *planning);
    if (options.out && !save(session, *options.out,
                             saved_plan(session, *project, planning->plan, **org, impact))) {
        return session.failed();
    }
    session.present(plan_view(planning->plan, &impact));
    return options.detailed_exitcode && !planning->plan.empty() ? k_exit_changes : k_exit_ok;
}

}  // namespace

Command plan_command() {
    OptionTable<PlanArguments> table;
    table.flag({"detailed-exitcode", "", "", "exit 2 when there are changes (0: none, 1: error)"},
               &PlanArguments::detailed_exitcode);
    offer_targets(table);
    table.text(
        {"out", "", "FILE", "also save the plan, for `dactl apply FILE` (mode 0600, no secrets)"},
        &PlanArguments::out);
    offer_impact(table, "changed action");
    offer_format(table);
    offer_github_summary(table);
    offer_parallelism(table);
    return make_command<PlanArguments>(
        {"plan", "show what apply would change", "dactl plan [options]",
         "Reads the live actions and shows, field by field, what apply would change.\n"
         "Fields the manifests do not mention are never compared or shown."},
        table, run_plan);
}

}  // namespace dactl::cli
