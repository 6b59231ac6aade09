#include "cmd/steps/chosen_org.h"

#include "engine/gather/target.h"
#include "engine/plan/compute_plan.h"

namespace dactl::cli {

std::optional<ChosenOrg> read_chosen_org(Session& session, const std::vector<std::string>& names,
                                         const std::string& unbound) {
    std::optional<Project> project = session.load_project();
    if (!project) {
        return std::nullopt;
    }
    Result<std::vector<DesiredAction>> chosen = targeted_actions(project->actions, names);
    if (!chosen) {
        session.fail(chosen.error().message);
        return std::nullopt;
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return std::nullopt;
    }
    ChosenOrg read{std::move(*project), std::move(*chosen), std::move(provider), {}};
    GatherOptions gathering;
    gathering.parallelism = session.options().parallelism;
    gathering.templates = Templates::none;
    // A chosen function action's own timeout may cut it off first: warn.
    gathering.functions_of_bound = true;
    Result<Gathered> org = gather_org(*read.provider, read.chosen, gathering);
    if (!org) {
        session.fail_reading(org.error());
        return std::nullopt;
    }
    for (const Binding& binding : org->bindings) {
        warn_function_limit(*binding.desired, *binding.live, org->diagnostics);
    }
    session.show(org->diagnostics);
    if (org->diagnostics.has_errors()) {
        session.fail(unbound, org->diagnostics);
        return std::nullopt;
    }
    read.org = std::move(*org);
    return read;
}

}  // namespace dactl::cli
