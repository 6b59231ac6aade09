#include "engine/insights/rule_proposal.h"

#include <algorithm>
#include <map>

#include "engine/model/label.h"

namespace dactl {

std::string RuleProposal::toml() const {
    std::string text = "# " + std::to_string(insights.size()) + " actions calling " + prefix +
                       " time out; one rule governs the " + std::to_string(governs) +
                       " actions calling it (and those added later), raising " +
                       std::to_string(raises) + ":";
    for (const Insight* insight : insights) {
        text += "\n#   ";
        text += insight->address ? *insight->address : insight->name + " (" + insight->id + ")";
    }
    text += "\n[rule." + label + "]\n";
    text += "match = { url = \"" + prefix + "*\" }\n";
    text += "timeout_seconds = { at_least = " + std::to_string(at_least) +
            " }   # the highest recommendation among them\n";
    return text;
}

namespace {

// How the proposal would change the org: every action it matches, those it
// raises, and the first of those the report rates ok.
const Insight* weigh(RuleProposal& proposal, const std::vector<LiveAction>& live,
                     const std::map<std::string, const Insight*>& insights,
                     const std::set<std::string>& managed) {
    const Insight* ok = nullptr;
    proposal.all_unmanaged = true;
    for (const LiveAction& action : live) {
        const Value& url = action.get(Field::request_url_template);
        if (action.is_static() || !url.is_string() ||
            !url.as_string().starts_with(proposal.prefix)) {
            continue;
        }
        ++proposal.governs;
        proposal.all_unmanaged = proposal.all_unmanaged && managed.count(action.id) == 0;
        const Value& timeout = action.get(Field::timeout_seconds);
        if ((timeout.is_integer() ? timeout.as_integer() : 60) < proposal.at_least) {
            ++proposal.raises;
            auto insight = insights.find(action.id);
            if (ok == nullptr && insight != insights.end() &&
                insight->second->verdict == Verdict::ok) {
                ok = insight->second;
            }
        }
    }
    return ok;
}

bool measured_timeout(const Insight& insight, const std::set<std::string>& governed) {
    return insight.verdict == Verdict::timing_out && insight.recommendation &&
           !insight.recommendation->beyond_ceiling && !insight.recommendation->at_least &&
           !(insight.address && governed.count(*insight.address) != 0);
}

}  // namespace

RuleProposals propose_rules(const InsightsReport& report, const std::vector<LiveAction>& live,
                            const std::set<std::string>& governed,
                            const std::set<std::string>& managed) {
    std::map<std::string, const LiveAction*> by_id;
    for (const LiveAction& action : live) {
        by_id.emplace(action.id, &action);
    }
    std::map<std::string, const Insight*> insights;
    std::map<std::string, RuleProposal> by_host;
    for (const Insight& insight : report.insights) {
        insights.emplace(insight.id, &insight);
        auto found = by_id.find(insight.id);
        if (!measured_timeout(insight, governed) || found == by_id.end()) {
            continue;
        }
        const Value& url = found->second->get(Field::request_url_template);
        const std::string prefix = url.is_string() ? url_host_prefix(url.as_string()) : "";
        if (prefix.empty()) {
            continue;
        }
        RuleProposal& proposal = by_host[prefix];
        proposal.prefix = prefix;
        proposal.at_least = std::max(proposal.at_least, insight.recommendation->timeout_seconds);
        proposal.insights.push_back(&insight);
    }
    RuleProposals result;
    for (auto& [prefix, proposal] : by_host) {
        if (proposal.insights.size() < k_rule_proposal_minimum) {
            continue;
        }
        if (const Insight* ok = weigh(proposal, live, insights, managed)) {
            result.withheld.push_back({prefix, proposal.at_least, ok});
            continue;
        }
        const std::size_t scheme = prefix.find("://");
        proposal.label = label_from_name(prefix.substr(scheme + 3, prefix.size() - scheme - 4));
        result.proposals.push_back(std::move(proposal));
    }
    return result;
}

}  // namespace dactl
