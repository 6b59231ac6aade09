// dactl diff-env A B: the managed fields whose live values differ between two
// environments' orgs, the intended differences apart from the others.

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/org_step.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/env_diff_view.h"
#include "engine/plan/env_diff.h"
#include "engine/plan/planner.h"

namespace dactl::cli {

namespace {

// One environment read as a plan reads it, with its state.
struct ReadEnvironment {
    Project project;
    std::optional<State> state;
    std::unique_ptr<Provider> provider;
    Planning planning;
    OrgIdentity org;
};

std::optional<ReadEnvironment> read_environment(Session& session, const std::string& name) {
    std::optional<Project> project = session.load_project_for(name);
    Result<std::optional<State>> state = project ? read_project_state(session, *project)
                                                 : Result<std::optional<State>>(std::nullopt);
    if (!project || !state) {
        return project ? (session.fail(state.error().message), std::nullopt) : std::nullopt;
    }
    ReadEnvironment read{std::move(*project), std::move(*state), nullptr, {}, {}};
    read.provider = session.connect(read.project);
    if (!read.provider) {
        return std::nullopt;
    }
    Result<std::optional<OrgIdentity>> org =
        reach_org(*read.provider,
                  {{read.state ? read.state->org : std::nullopt,
                    state_location(session, read.project), "is it another environment's state?"}},
                  OrgRead::always);
    Result<Planning> planning =
        org ? plan_project(*read.provider, read.project, recorded_addresses(read.state),
                           session.options().parallelism)
            : Result<Planning>(org.error());
    if (!planning) {
        session.fail_reading(planning.error());
        return std::nullopt;
    }
    read.org = **org;
    read.planning = std::move(planning).value();
    // An action that selects nothing is a difference, reported below; the
    // other diagnostics are shown as they are.
    session.show(read.planning.org().diagnostics);
    return read;
}

int run_diff_env(const CommonOptions& options, Session& session) {
    if (options.operands.size() != 2) {
        return session.fail("diff-env compares two environments: dactl diff-env A B");
    }
    const std::string& first_name = options.operands[0];
    const std::string& second_name = options.operands[1];
    if (first_name == second_name) {
        return session.fail("diff-env needs two different environments, not " + first_name +
                            " twice");
    }
    std::optional<ReadEnvironment> first = read_environment(session, first_name);
    std::optional<ReadEnvironment> second =
        first ? read_environment(session, second_name) : std::nullopt;
    if (!second) {
        return session.failed();
    }
    if (first->org == second->org) {
        session.tell("warning: " + first_name + " and " + second_name + " reach the same org, " +
                     first->org.describe() + "; check their credentials and URLs in dactl.toml");
    }
    const EnvironmentDiff diff = diff_environments({&first->planning.resolved, &first->state},
                                                   {&second->planning.resolved, &second->state});
    session.present(env_diff_view(diff));
    return diff.has_unintended() ? k_exit_changes : k_exit_ok;
}

}  // namespace

Command diff_env_command() {
    OptionTable<CommonOptions> table;
    offer_format(table);
    offer_github_summary(table);
    offer_parallelism(table);
    return make_command<CommonOptions>(
        {"diff-env", "compare two environments' live actions",
         "dactl diff-env [options] ENV_A ENV_B",
         "Reads both orgs (one plan's reads each) and shows, per managed action, the\n"
         "managed fields whose live values differ: the intended differences (the\n"
         "manifests declare them, with [action.<label>.env.<name>] overrides) apart\n"
         "from the unintended ones. Exits 2 when there are unintended differences or\n"
         "an action is missing in one org. Changes nothing.",
         2},
        table, run_diff_env);
}

}  // namespace dactl::cli
