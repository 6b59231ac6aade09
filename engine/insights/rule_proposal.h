#pragma once
// When several timing-out actions call one back-end, one rule for its host
// says it once (and covers the actions added later): what insights proposes.

#include <string>
#include <vector>

#include "engine/insights/insights.h"

namespace dactl {

/// The fewest timing-out actions on one host that make a rule worth proposing.
inline constexpr std::size_t k_rule_proposal_minimum = 3;

struct RuleProposal {
    std::string label;   ///< the host as a label: "orders_example_com"
    std::string prefix;  ///< "https://orders.example.com/": the rule matches prefix + "*"
    int at_least = 0;    ///< the highest recommendation among the actions
    std::vector<const Insight*> insights;  ///< the actions it covers, worst first
    bool all_unmanaged = false;            ///< no manifest manages any of them

    /// The rule as TOML, with a comment naming the actions it covers.
    std::string toml() const;
};

/// The scheme and host of a request URL template ("https://orders.example.com/"),
/// or "" when it has none or its host is a template itself.
std::string url_host_prefix(const std::string& url_template);

/// One proposal per URL host shared by at least k_rule_proposal_minimum actions
/// of `report` that time out with a recommendation within 60 s; `live` gives
/// each insight's URL by id. By host.
std::vector<RuleProposal> propose_rules(const InsightsReport& report,
                                        const std::vector<LiveAction>& live);

}  // namespace dactl
