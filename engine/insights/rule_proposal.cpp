#include "engine/insights/rule_proposal.h"

#include <algorithm>
#include <map>

#include "engine/model/label.h"

namespace dactl {

std::string url_host_prefix(const std::string& url_template) {
    const std::size_t scheme = url_template.find("://");
    if (scheme == std::string::npos || scheme == 0) {
        return "";
    }
    const std::size_t host_end = url_template.find_first_of("/?#", scheme + 3);
    const std::string host = url_template.substr(
        scheme + 3, host_end == std::string::npos ? std::string::npos : host_end - scheme - 3);
    if (host.empty() || host.find('$') != std::string::npos ||
        host.find_first_of("*?[") != std::string::npos) {
        return "";
    }
    return url_template.substr(0, scheme + 3) + host + "/";
}

std::string RuleProposal::toml() const {
    std::string text = "# " + std::to_string(insights.size()) + " actions calling " + prefix +
                       " time out; one rule governs them all, and those added later:";
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

std::vector<RuleProposal> propose_rules(const InsightsReport& report,
                                        const std::vector<LiveAction>& live) {
    std::map<std::string, const LiveAction*> by_id;
    for (const LiveAction& action : live) {
        by_id.emplace(action.id, &action);
    }
    std::map<std::string, RuleProposal> by_host;
    for (const Insight& insight : report.insights) {
        if (insight.verdict != Verdict::timing_out || !insight.recommendation ||
            insight.recommendation->beyond_ceiling) {
            continue;
        }
        auto found = by_id.find(insight.id);
        if (found == by_id.end()) {
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
    std::vector<RuleProposal> proposals;
    for (auto& [prefix, proposal] : by_host) {
        if (proposal.insights.size() < k_rule_proposal_minimum) {
            continue;
        }
        const std::size_t scheme = prefix.find("://");
        proposal.label = label_from_name(prefix.substr(scheme + 3, prefix.size() - scheme - 4));
        proposal.all_unmanaged =
            std::none_of(proposal.insights.begin(), proposal.insights.end(),
                         [](const Insight* insight) { return insight->address.has_value(); });
        proposals.push_back(std::move(proposal));
    }
    return proposals;
}

}  // namespace dactl
