#include "cmd/steps/resolved_org.h"

#include "cmd/steps/org_step.h"
#include "cmd/steps/state_step.h"
#include "engine/plan/compute_plan.h"

namespace dactl::cli {

namespace {

// The diagnostics to show: with Unbound::report, not those of the actions
// that select nothing (the report says so).
Diagnostics shown_of(const Gathered& org, Unbound unbound) {
    Diagnostics shown = org.diagnostics;
    if (unbound == Unbound::report) {
        shown.keep_only([&](const Diagnostic& diagnostic) {
            return diagnostic.address.empty() || org.binding_of(diagnostic.address) != nullptr;
        });
    }
    return shown;
}

}  // namespace

std::optional<ResolvedOrg> read_resolved_org(Session& session,
                                             const std::vector<std::string>& targets,
                                             const GatherOptions& gathering, Unbound unbound,
                                             const std::string& unbound_message) {
    std::optional<Project> project = session.load_project();
    if (!project) {
        return std::nullopt;
    }
    project->targets = targets;
    if (!session.check_targets(*project)) {
        return std::nullopt;
    }
    Result<std::optional<State>> state = read_project_state(session, *project);
    if (!state) {
        session.fail(state.error().message);
        return std::nullopt;
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return std::nullopt;
    }
    ResolvedOrg read{std::move(*project), std::move(*state), std::move(provider), {}};
    Result<std::optional<OrgIdentity>> org =
        reach_org(*read.provider,
                  {{read.state ? read.state->org : std::nullopt,
                    state_location(session, read.project), "is it another environment's state?"}},
                  OrgRead::when_recorded);
    Result<Resolution> resolved =
        org ? read_resolved(*read.provider, read.project, recorded_addresses(read.state), gathering)
            : Result<Resolution>(org.error());
    if (!resolved) {
        session.fail_reading(resolved.error());
        return std::nullopt;
    }
    session.show(shown_of(resolved->org, unbound));
    if (unbound == Unbound::fail && resolved->org.diagnostics.has_errors()) {
        session.fail(unbound_message, resolved->org.diagnostics);
        return std::nullopt;
    }
    read.resolution = std::move(resolved).value();
    return read;
}

void warn_function_limits(Session& session, const Gathered& org) {
    Diagnostics warnings;
    for (const Binding& binding : org.bindings) {
        warn_function_limit(*binding.desired, *binding.live, warnings);
    }
    session.show(warnings);
}

}  // namespace dactl::cli
