#include "engine/insights/insight_writes.h"

#include <algorithm>

namespace dactl {

namespace {

bool alarming(const Insight& insight) {
    return insight.verdict == Verdict::timing_out || insight.verdict == Verdict::at_risk;
}

// The timeout a manifest already sets for an action, if any.
std::optional<std::int64_t> manifest_timeout(const Project& project, const std::string& address) {
    const DesiredAction* action = project.find_address(address);
    if (action == nullptr) {
        return std::nullopt;
    }
    auto found = action->managed.find(Field::timeout_seconds);
    if (found == action->managed.end() || !found->second.is_integer()) {
        return std::nullopt;
    }
    return found->second.as_integer();
}

const LiveAction* find_live(const std::vector<LiveAction>& live, const std::string& id) {
    auto found = std::find_if(live.begin(), live.end(),
                              [&](const LiveAction& action) { return action.id == id; });
    return found == live.end() ? nullptr : &*found;
}

}  // namespace

TimeoutWrites timeout_writes(const Project& project, const InsightsReport& report) {
    TimeoutWrites writes;
    for (const Insight& insight : report.insights) {
        if (!insight.address || !insight.recommendation || !alarming(insight)) {
            continue;
        }
        const int seconds = insight.recommendation->timeout_seconds;
        if (insight.recommendation->beyond_ceiling) {
            writes.notes.push_back(*insight.address +
                                   ": not written: it needs more than 60 s, the longest timeout "
                                   "allowed; the back-end needs an asynchronous design");
            continue;
        }
        const std::optional<std::int64_t> planned = manifest_timeout(project, *insight.address);
        if (planned && *planned >= seconds && !insight.recommendation->at_least) {
            writes.notes.push_back(*insight.address + ": not written: the manifest already sets " +
                                   std::to_string(*planned) + " s, at least the recommended " +
                                   std::to_string(seconds) + " s");
            continue;
        }
        writes.recommendations.push_back(
            {*insight.address, seconds, insight.recommendation->at_least});
    }
    return writes;
}

RuleWrites rule_writes(const Project& project, const InsightsReport& report,
                       const std::vector<LiveAction>& live, bool adopting) {
    RuleWrites writes;
    for (RuleProposal& rule : propose_rules(report, live)) {
        if (std::any_of(project.rules.begin(), project.rules.end(),
                        [&](const Rule& declared) { return declared.label == rule.label; })) {
            continue;  // the project has that rule already
        }
        (adopting && rule.all_unmanaged ? writes.written : writes.noted).push_back(std::move(rule));
    }
    return writes;
}

std::vector<Adoption> adoptions(const InsightsReport& report, const std::vector<LiveAction>& live,
                                const std::vector<RuleProposal>& rules) {
    std::set<std::string> governed;
    for (const RuleProposal& rule : rules) {
        for (const Insight* insight : rule.insights) {
            governed.insert(insight->id);
        }
    }
    std::vector<Adoption> adopted;
    for (const Insight& insight : report.insights) {
        if (insight.address || !insight.recommendation || governed.count(insight.id) != 0 ||
            !alarming(insight)) {
            continue;
        }
        Adoption adoption{find_live(live, insight.id), std::nullopt, {}};
        const Recommendation& recommendation = *insight.recommendation;
        if (recommendation.beyond_ceiling) {
            adoption.comments.emplace_back(
                "needs more than 60 s, the longest timeout allowed (not written): the back-end "
                "needs an asynchronous design");
        } else if (recommendation.at_least) {
            adoption.comments.push_back(
                "timing out: needs at least " + std::to_string(recommendation.timeout_seconds) +
                " s (a lower bound, not written); measure it with dactl probe --via-draft");
        } else {
            adoption.timeout_seconds = recommendation.timeout_seconds;
        }
        adopted.push_back(std::move(adoption));
    }
    return adopted;
}

AdoptionWrite adoption_write(const Project& project, const std::vector<Adoption>& adopted,
                             const std::vector<RuleProposal>& rules, const std::string& existing) {
    std::string rules_text;
    for (const RuleProposal& rule : rules) {
        rules_text += "\n";
        rules_text += rule.toml();
    }
    std::set<std::string> taken;
    for (const DesiredAction& action : project.actions) {
        taken.insert(action.label);
    }
    AdoptionText tables = adoption_text(adopted, taken);
    std::string text = existing;
    if (!text.empty() && !text.ends_with("\n")) {
        text += "\n";
    }
    text += tables.text;
    text +=
        text.empty() ? rules_text.substr(std::min<std::size_t>(1, rules_text.size())) : rules_text;
    return {std::move(text), std::move(tables.labels)};
}

}  // namespace dactl
