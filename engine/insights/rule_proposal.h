#pragma once
// When several timing-out actions call one back-end, one rule for its host
// says it once (and covers the actions added later): what insights proposes.

#include <set>
#include <string>
#include <vector>

#include "engine/capacity/blast_radius.h"  // url_host_prefix
#include "engine/insights/insights.h"

namespace dactl {

/// The fewest timing-out actions on one host that make a rule worth proposing.
inline constexpr std::size_t k_rule_proposal_minimum = 3;

struct RuleProposal {
    std::string label;   ///< the host as a label: "orders_example_com"
    std::string prefix;  ///< "https://orders.example.com/": the rule matches prefix + "*"
    int at_least = 0;    ///< the highest recommendation among the actions
    std::vector<const Insight*> insights;  ///< the actions timing out it is for, worst first
    bool all_unmanaged = false;  ///< no action it would match is managed (declared or governed)
    std::size_t governs = 0;     ///< every action of the org it would match
    std::size_t raises = 0;      ///< of those, the ones below at_least (the plan's changes)

    /// The rule as TOML, with a comment naming the actions it covers.
    std::string toml() const;
};

/// A host no rule is proposed for: the rule would raise an action insights rates ok.
struct WithheldProposal {
    std::string prefix;
    int at_least = 0;
    const Insight* ok = nullptr;  ///< the ok action it would raise
};

struct RuleProposals {
    std::vector<RuleProposal> proposals;  ///< by host
    std::vector<WithheldProposal> withheld;
};

/// One proposal per URL host shared by at least k_rule_proposal_minimum actions
/// of `report` that time out with a recommendation that is measured (not a
/// lower bound), within 60 s, and that no rule governs yet (`governed`
/// addresses); `live` gives each action's URL by id, `managed` the ids the
/// project manages. A proposal that would raise an action the report rates
/// ok is withheld instead. By host.
RuleProposals propose_rules(const InsightsReport& report, const std::vector<LiveAction>& live,
                            const std::set<std::string>& governed = {},
                            const std::set<std::string>& managed = {});

}  // namespace dactl
