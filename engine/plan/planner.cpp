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

Planning plan_governed(Gathered org, Governance governance, const Diagnostics& governing) {
    Planning planning;
    PlanResult result = compute_plan(org.bindings);
    result.plan.targets = governance.targets;
    for (ActionChange& change : result.plan.changes) {
        auto reason = governance.reasons.find(change.address);
        for (FieldChange& field : change.fields) {
            if (reason != governance.reasons.end() && field.field == Field::timeout_seconds) {
                field.rule = reason->second.rule;
                field.policy = reason->second.policy;
            }
        }
    }
    result.plan.governed = governance.count;
    planning.governed = std::move(governance.governed);
    planning.diagnostics = org.diagnostics;
    planning.diagnostics.append(governing);
    planning.diagnostics.append(result.diagnostics);
    planning.diagnostics.sort();
    planning.plan = std::move(result.plan);
    planning.org = std::move(org);
    return planning;
}

Planning plan_gathered(Gathered org, const std::vector<Rule>& rules,
                       const std::vector<std::string>& targets) {
    Diagnostics governing;
    Governance governance = govern(rules, org, targets, governing);
    return plan_governed(std::move(org), std::move(governance), governing);
}

Result<Planning> plan_project(Provider& provider, const Project& project, int parallelism) {
    GatherOptions options;
    options.parallelism = parallelism;
    Result<Gathered> org = gather_org(provider, project.actions, options);
    if (!org) {
        return org.error();
    }
    return plan_gathered(std::move(org).value(), project.rules, project.targets);
}

}  // namespace dactl
