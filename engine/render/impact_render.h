#pragma once
// How plan shows the flows its changes touch (engine/impact): a line under each
// changed action, notes after the summary, an "impact" member in JSON.

#include <string>
#include <vector>

#include "engine/impact/flow_impact.h"

namespace dactl {

class JsonWriter;

/// "called by 3 published flows: Main IVR (inbound call flow), ..." (at most 10
/// named, then "and N more"); "called by at least N ..." when incomplete;
/// "called by no published flow".
std::string flow_line(const CallingFlows& flows);
/// The notes after the plan's summary: flows that may wait less than the
/// action, a list that may be incomplete, why flows are not shown. Each a
/// sentence, without a newline.
std::vector<std::string> impact_notes(const FlowImpact& impact);
/// "impact": {"flows": "listed" | "off" | "over_limit" | "forbidden" | "failed",
/// "error"?, "actions": {"<address>": {"complete", "flows": [{id, name, type,
/// version}]}}}.
void write_flow_impact(JsonWriter& json, const FlowImpact& impact);

}  // namespace dactl
