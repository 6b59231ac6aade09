#include "engine/plan/planner.h"

namespace dactl {

std::map<std::string, LiveAction> Planning::bases() const {
    std::map<std::string, const LiveAction*> by_id;
    for (const auto& live : resolved.org.live) {
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

Planning plan_resolved(Resolution resolved) {
    Planning planning;
    PlanResult result = compute_plan(resolved.org.bindings);
    for (ActionChange& change : result.plan.changes) {
        const RuleReason* reason = resolved.rule_of(change.address);
        for (FieldChange& field : change.fields) {
            if (reason != nullptr && field.field == Field::timeout_seconds) {
                field.rule = reason->rule;
                field.policy = reason->policy;
            }
        }
    }
    result.plan.targets = resolved.targets;
    result.plan.governed = resolved.governance.count;
    result.plan.environment = resolved.environment;
    planning.diagnostics = resolved.org.diagnostics;
    planning.diagnostics.append(result.diagnostics);
    planning.diagnostics.sort();
    planning.plan = std::move(result.plan);
    planning.resolved = std::move(resolved);
    return planning;
}

Result<Planning> plan_project(Provider& provider, const Project& project,
                              const std::map<std::string, std::string>& known, int parallelism) {
    GatherOptions options;
    options.parallelism = parallelism;
    Result<Resolution> resolved = read_resolved(provider, project, known, options);
    if (!resolved) {
        return resolved.error();
    }
    return plan_resolved(std::move(resolved).value());
}

}  // namespace dactl
