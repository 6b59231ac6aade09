#include "engine/plan/planner.h"

namespace dactl {

std::map<std::string, LiveAction> Planning::bases() const {
    std::map<std::string, const LiveAction*> by_id;
    for (const auto& live : org.live) {
        by_id.emplace(live.id, &live);
    }
    std::map<std::string, LiveAction> bases;
    for (const auto& change : plan.changes) {
        if (auto found = by_id.find(change.id); found != by_id.end()) {
            bases.emplace(change.id, *found->second);
        }
    }
    return bases;
}

Planning plan_gathered(Gathered org) {
    Planning planning;
    PlanResult result = compute_plan(org.bindings);
    planning.diagnostics = org.diagnostics;
    planning.diagnostics.append(result.diagnostics);
    planning.diagnostics.sort();
    planning.plan = std::move(result.plan);
    planning.org = std::move(org);
    return planning;
}

Result<Planning> plan_project(Provider& provider, const Project& project, int parallelism) {
    GatherOptions options;
    options.parallelism = parallelism;
    Result<Gathered> org = gather_org(provider, project.actions, options);
    if (!org) {
        return org.error();
    }
    return plan_gathered(std::move(org).value());
}

}  // namespace dactl
