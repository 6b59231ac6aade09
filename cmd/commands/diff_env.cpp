#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "cmd/github.h"
#include "engine/plan/env_diff.h"
#include "engine/plan/planner.h"
#include "engine/render/env_diff_text.h"

namespace dactl::cli {

namespace {

// One environment read as a plan reads it.
struct ReadEnvironment {
    Project project;
    std::unique_ptr<Provider> provider;
    Planning planning;
    OrgIdentity org;
};

std::optional<ReadEnvironment> read_environment(Session& session, const std::string& name) {
    std::optional<Project> project = session.load_project_for(name);
    if (!project) {
        return std::nullopt;
    }
    ReadEnvironment read{std::move(*project), nullptr, {}, {}};
    read.provider = session.connect(read.project);
    if (!read.provider) {
        return std::nullopt;
    }
    Result<OrgIdentity> org = read.provider->org_identity();
    if (!org) {
        session.fail_reading(org.error());
        return std::nullopt;
    }
    read.org = *org;
    Result<Planning> planning = plan_project(*read.provider, read.project, session.parallelism());
    if (!planning) {
        session.fail_reading(planning.error());
        return std::nullopt;
    }
    read.planning = std::move(planning).value();
    // An action that selects nothing is a difference, reported below; the
    // other diagnostics are shown as they are.
    session.show(read.planning.org.diagnostics);
    return read;
}

}  // namespace

int run_diff_env(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "diff-env");
    if (!session.check_options()) {
        return k_exit_error;
    }
    if (arguments.positionals.size() != 2) {
        return session.fail("diff-env compares two environments: dactl diff-env A B");
    }
    const std::string& first_name = arguments.positionals[0];
    const std::string& second_name = arguments.positionals[1];
    if (first_name == second_name) {
        return session.fail("diff-env needs two different environments, not " + first_name +
                            " twice");
    }
    std::optional<ReadEnvironment> first = read_environment(session, first_name);
    if (!first) {
        return session.interrupted() ? k_exit_interrupted : k_exit_error;
    }
    std::optional<ReadEnvironment> second = read_environment(session, second_name);
    if (!second) {
        return session.interrupted() ? k_exit_interrupted : k_exit_error;
    }
    if (first->org == second->org) {
        session.err() << "warning: " << first_name << " and " << second_name
                      << " reach the same org, " << first->org.describe()
                      << "; check their credentials and URLs in dactl.toml\n";
    }
    const EnvironmentDiff diff = diff_environments({&first->project, &first->planning.org},
                                                   {&second->project, &second->planning.org});
    if (session.format() == OutputFormat::json) {
        session.out() << encode_env_diff_output(diff);
    } else if (session.format() == OutputFormat::markdown) {
        session.out() << render_env_diff_markdown(diff);
    } else {
        session.out() << render_env_diff_text(diff, session.palette());
    }
    if (arguments.has("github-summary")) {
        if (Status appended = append_step_summary(context, render_env_diff_markdown(diff));
            !appended) {
            return session.fail(appended.error().message);
        }
    }
    return diff.has_unintended() ? k_exit_changes : k_exit_ok;
}

}  // namespace dactl::cli
