#include "engine/plan/planner.h"

#include "engine/util/parallel.h"

namespace dactl {

std::map<std::string, LiveAction> Planning::bases() const {
    std::map<std::string, LiveAction> bases;
    for (const auto& change : plan.changes) {
        for (const auto& binding : bindings) {
            if (binding.live->id == change.id) {
                bases.emplace(change.id, *binding.live);
            }
        }
    }
    return bases;
}

namespace {

bool needs_templates(const DesiredAction& desired, const LiveAction& live) {
    for (Field field : live.unloaded) {
        if (desired.managed.count(field) != 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

Status load_managed_templates(Provider& provider, const std::vector<Binding>& bindings,
                              int parallelism) {
    std::vector<const Binding*> needed;
    for (const auto& binding : bindings) {
        if (needs_templates(*binding.desired, *binding.live)) {
            needed.push_back(&binding);
        }
    }
    std::vector<Status> outcomes(needed.size());
    parallel_for(needed.size(), parallelism, [&](std::size_t i) {
        // The bindings' live actions are owned by the caller, who lets us fill them in.
        outcomes[i] = provider.load_templates(const_cast<LiveAction&>(*needed[i]->live));
    });
    for (std::size_t i = 0; i < needed.size(); ++i) {
        if (!outcomes[i]) {
            Error error = outcomes[i].error();
            error.message = needed[i]->desired->address() + ": reading the templates of " +
                            needed[i]->live->id + " failed: " + error.message;
            return error;
        }
    }
    return {};
}

Result<Planning> plan_project(Provider& provider, const Project& project, int parallelism) {
    Result<std::vector<LiveAction>> listed = provider.list_actions();
    if (!listed) {
        Error error = listed.error();
        error.message = "listing the org's actions failed: " + error.message;
        return error;
    }
    Planning planning;
    planning.live = std::make_unique<std::vector<LiveAction>>(std::move(listed).value());
    SelectionResult selection = select_actions(project.actions, *planning.live);
    planning.diagnostics = std::move(selection.diagnostics);
    planning.bindings = std::move(selection.bindings);
    if (Status loaded = load_managed_templates(provider, planning.bindings, parallelism); !loaded) {
        return loaded.error();
    }
    PlanResult result = compute_plan(planning.bindings);
    planning.plan = std::move(result.plan);
    planning.diagnostics.append(result.diagnostics);
    planning.diagnostics.sort();
    return planning;
}

}  // namespace dactl
