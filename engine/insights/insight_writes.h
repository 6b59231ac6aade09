#pragma once
// What `insights --write` and `--adopt-into` write: the recommendations that
// become timeouts in the manifests, the unmanaged actions adopted, the rules
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

namespace dactl {

/// The recommendations to write into the manifests: raises, never lowers.
/// Only actions timing out or at risk, not when their manifest already sets
/// at least the recommendation, and not past the 60 s ceiling. `notes` says
/// why each other one was left out.
struct TimeoutWrites {
    std::vector<TimeoutRecommendation> recommendations;
    std::vector<std::string> notes;
};
TimeoutWrites timeout_writes(const Project& project, const InsightsReport& report);

/// The rules proposed for hosts (propose_rules) that the project lacks:
/// those whose actions are all unmanaged to write with `adopting`, the
/// others to print as a note.
struct RuleWrites {
    std::vector<RuleProposal> written;
    std::vector<RuleProposal> noted;
};
RuleWrites rule_writes(const Project& project, const InsightsReport& report,
                       const std::vector<LiveAction>& live, bool adopting);

/// The unmanaged actions timing out or at risk that no written rule covers,
/// each adopted with its recommendation (a lower bound or one past 60 s as a
/// comment instead).
std::vector<Adoption> adoptions(const InsightsReport& report, const std::vector<LiveAction>& live,
                                const std::vector<RuleProposal>& rules);

/// The text appended to the adoption file: the adopted tables (labels unique
/// against the project's), then the rules.
struct AdoptionWrite {
    std::string text;
    std::vector<std::string> labels;
};
AdoptionWrite adoption_write(const Project& project, const std::vector<Adoption>& adopted,
                             const std::vector<RuleProposal>& rules, const std::string& existing);

}  // namespace dactl
