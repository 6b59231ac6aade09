#pragma once
// What `insights --write` and `--adopt-into` write, decided as plan governs:
// the recommendations within the rules' bounds, the manifests' timeouts
// raised (never lowered), a per-action entry for an action a rule governs
// where the rule allows more, the unmanaged actions adopted, the rules
// proposed for a host. Decisions only; the CLI writes them through the one
// manifest writer.

#include <set>
#include <string>
#include <vector>

#include "engine/export/adopt.h"
#include "engine/export/timeout_writer.h"
#include "engine/insights/insights.h"
#include "engine/insights/rule_proposal.h"
#include "engine/model/project.h"
#include "engine/resolve/resolve.h"

namespace dactl {

/// Each governed action's recommendation brought within its rules' bounds
/// (raised to at_least, lowered to at_most, set to an exact value), with a
/// note naming the rule.
void clamp_to_rules(InsightsReport& report, const Governance& governance);

/// A per-action entry for an action a rule governs, no manifest declares,
/// and that needs more than the rule gives it: its governed address (label)
/// keeps, the rule's file holds it.
struct GovernedEntry {
    const LiveAction* live = nullptr;
    std::string label;
    int seconds = 0;
    std::string file;  ///< the rule's manifest, relative to the project
    std::string rule;  ///< "rule.x", for the entry's comment
};

/// The recommendations to write: raises, never lowers, only for actions
/// timing out or at risk, never past the 60 s ceiling nor a rule's bounds.
/// Declared actions' timeouts (`recommendations`); governed undeclared
/// actions' per-action entries (`entries`); `notes` says why each other one
/// was left out.
struct TimeoutWrites {
    std::vector<TimeoutRecommendation> recommendations;
    std::vector<GovernedEntry> entries;
    std::vector<std::string> notes;
};
TimeoutWrites timeout_writes(const Project& project, const Resolution& resolved,
                             const InsightsReport& report);

/// The rules proposed for hosts (propose_rules) that the project lacks:
/// those whose actions are all unmanaged to write with `adopting`, the
/// others to print as a note.
struct RuleWrites {
    std::vector<RuleProposal> written;
    std::vector<RuleProposal> noted;
    std::vector<WithheldProposal> withheld;  ///< said, never written
};
RuleWrites rule_writes(const Project& project, const Resolution& resolved,
                       const InsightsReport& report, bool adopting);

/// The unmanaged actions timing out or at risk that no written rule covers,
/// each adopted with its recommendation (a lower bound or one past 60 s as a
/// comment instead).
std::vector<Adoption> adoptions(const InsightsReport& report, const std::vector<LiveAction>& live,
                                const std::vector<RuleProposal>& rules);

/// The text appended to a file: the adopted tables (labels unique against
/// the project's; for the project's environment, its override tables hold the
/// ids and timeouts), then the rules.
struct AdoptionWrite {
    std::string text;
    std::vector<std::string> labels;
};
AdoptionWrite adoption_write(const Project& project, const std::vector<Adoption>& adopted,
                             const std::vector<RuleProposal>& rules, const std::string& existing);

}  // namespace dactl
