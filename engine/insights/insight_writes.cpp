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

void clamp_to_rules(InsightsReport& report, const Governance& governance) {
    for (Insight& insight : report.insights) {
        auto bounds =
            insight.address ? governance.bounds.find(*insight.address) : governance.bounds.end();
        if (bounds == governance.bounds.end() || !insight.recommendation) {
            continue;
        }
        const TimeoutBounds& rule = bounds->second;
        int& seconds = insight.recommendation->timeout_seconds;
        const int wanted = seconds;
        using Kind = InsightNote::Kind;
        if (rule.exact) {
            seconds = static_cast<int>(*rule.exact);
            if (seconds != wanted) {
                insight.notes.push_back(
                    {Kind::rule_exact, 0, wanted, 0, seconds, false, rule.exact_rule});
            }
        } else if (rule.at_most && seconds > *rule.at_most) {
            seconds = static_cast<int>(*rule.at_most);
            insight.notes.push_back(
                {Kind::rule_at_most, 0, wanted, 0, seconds, false, rule.at_most_rule});
        } else if (rule.at_least && seconds < *rule.at_least) {
            seconds = static_cast<int>(*rule.at_least);
            insight.notes.push_back(
                {Kind::rule_at_least, 0, wanted, 0, seconds, false, rule.at_least_rule});
        }
    }
}

namespace {

// The rule a governed action's entry is written beside: the one that bounds it from below.
std::string governing_rule(const TimeoutBounds& bounds) {
    if (!bounds.at_least_rule.empty()) {
        return bounds.at_least_rule;
    }
    return !bounds.at_most_rule.empty() ? bounds.at_most_rule : bounds.exact_rule;
}

const Rule* rule_named(const Project& project, const std::string& address) {
    for (const Rule& rule : project.rules) {
        if (rule.address() == address) {
            return &rule;
        }
    }
    return nullptr;
}

// A governed action: a per-action entry, a declared timeout raised, or a note.
void governed_write(const Project& project, const Resolution& resolved, const Insight& insight,
                    const TimeoutBounds& bounds, TimeoutWrites& writes) {
    const std::string& address = *insight.address;
    const int seconds = insight.recommendation->timeout_seconds;
    if (bounds.exact) {
        writes.notes.push_back(address + ": not written: " + bounds.exact_rule +
                               " sets its timeout to exactly " + std::to_string(*bounds.exact) +
                               " s; change the rule to give it more");
        return;
    }
    const DesiredAction* desired = resolved.org.find_desired(address);
    auto current = desired != nullptr ? desired->managed.find(Field::timeout_seconds)
                                      : FieldValues::const_iterator();
    const std::int64_t now =
        desired != nullptr && current != desired->managed.end() ? current->second.as_integer() : 60;
    if (now >= seconds) {
        writes.notes.push_back(address + ": not written: it has " + std::to_string(now) +
                               " s under " + governing_rule(bounds) + ", at least the " +
                               std::to_string(seconds) + " s recommended within its bounds");
        return;
    }
    if (resolved.governance.governed.count(address) == 0) {
        writes.recommendations.push_back({address, seconds, false});
        return;
    }
    const Rule* rule = rule_named(project, governing_rule(bounds));
    const Binding* binding = resolved.org.binding_of(address);
    if (rule == nullptr || binding == nullptr) {
        return;
    }
    writes.entries.push_back(
        {binding->live, desired->label, seconds, rule->where.path, rule->address()});
}

}  // namespace

TimeoutWrites timeout_writes(const Project& project, const Resolution& resolved,
                             const InsightsReport& report) {
    TimeoutWrites writes;
    for (const Insight& insight : report.insights) {
        if (!insight.address || !insight.recommendation || !alarming(insight)) {
            continue;
        }
        const int seconds = insight.recommendation->timeout_seconds;
        if (insight.function_timeout) {
            writes.notes.push_back(*insight.address +
                                   ": not written: the function's own timeout of " +
                                   std::to_string(*insight.function_timeout) +
                                   " s stops its runs before the action's timeout; raise "
                                   "function.timeout_seconds (at most 15 s) instead");
            continue;
        }
        if (insight.recommendation->beyond_ceiling) {
            writes.notes.push_back(*insight.address +
                                   ": not written: it needs more than 60 s, the longest timeout "
                                   "allowed; the back-end needs an asynchronous design");
            continue;
        }
        auto bounds = resolved.governance.bounds.find(*insight.address);
        if (bounds != resolved.governance.bounds.end() && insight.recommendation->at_least) {
            writes.notes.push_back(*insight.address +
                                   ": not written: the measurement was cut off at the timeout (a "
                                   "lower bound) and " +
                                   governing_rule(bounds->second) +
                                   " governs it; measure it with dactl probe --via-draft");
            continue;
        }
        if (bounds != resolved.governance.bounds.end()) {
            governed_write(project, resolved, insight, bounds->second, writes);
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

RuleWrites rule_writes(const Project& project, const Resolution& resolved,
                       const InsightsReport& report, bool adopting) {
    std::set<std::string> governed;
    for (const auto& [address, bounds] : resolved.governance.bounds) {
        governed.insert(address);
    }
    std::set<std::string> managed;
    for (const Binding& binding : resolved.org.bindings) {
        managed.insert(binding.live->id);
    }
    RuleProposals proposed = propose_rules(report, resolved.org.live, governed, managed);
    RuleWrites writes;
    writes.withheld = std::move(proposed.withheld);
    for (RuleProposal& rule : proposed.proposals) {
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
    AdoptionText tables = adoption_text(adopted, taken, project.environment);
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
