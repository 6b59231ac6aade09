#pragma once
// insights --write and --adopt-into: the decisions of engine/insights/
// insight_writes carried into the manifests, in one write (all files or
// none, then reloaded), and said.

#include <optional>
#include <string>

#include "cmd/steps/resolved_org.h"
#include "engine/insights/insights.h"

namespace dactl::cli {

/// Raises the manifests' timeouts to the report's recommendations (within
/// the rules' bounds), writes a per-action entry beside the rule for a
/// governed action that needs more than its rule gives, and with `adopt_into`
/// adopts the unmanaged actions timing out or at risk into that file with the
/// rules proposed for their hosts. False after fail().
bool write_insights(Session& session, const ResolvedOrg& read, const InsightsReport& report,
                    const std::optional<std::string>& adopt_into);

}  // namespace dactl::cli
