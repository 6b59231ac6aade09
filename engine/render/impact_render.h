#pragma once
// How plan shows the flows its changes touch (engine/impact): a line under each
// changed action, notes after the summary, an "impact" member in JSON.

#include <string>
#include <vector>

#include "engine/impact/flow_impact.h"
#include "engine/render/table.h"

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

/// The lines under a changed action whose host the radius weighs: "if
/// https://orders.example.com/ hangs, its 4 actions would hold 20 -> 60 of the
/// org's 50 concurrent executions: over the limit" and "this action: 60 runs a
/// minute at its peak x 45 s = 45 slots (5 at 5 s)". None for another action.
std::vector<std::string> blast_lines(const BlastRadius& radius, const std::string& id);
/// The worst case of one host in words, as the first of blast_lines says it.
std::string host_line(const HostLoad& host, std::int64_t limit);
/// The notes on the radius: where the limit came from, how the numbers are
/// made, and per host over the limit what to do. `recommended`: the "after"
/// is insights' recommendations, not a plan's changes.
std::vector<NoteLine> blast_notes(const BlastRadius& radius, bool recommended);
/// "Limit: 50 concurrent executions, read from the org." (or configured, and why).
std::string limit_source_text(const ConcurrencyLimit& limit);
/// Insights' section: a table of the hosts (actions, in use at peak, worst
/// case now and with the recommendations), each host's actions under it.
std::string blast_section_text(const BlastRadius& radius, const Palette& palette);
std::string blast_section_markdown(const BlastRadius& radius);
/// One chart: per host two bars (class "host-now", "host-after" plus "over"
/// past the limit; data-host, data-slots) against a dashed line at the limit
/// (id "limit", data-limit).
std::string blast_radius_svg(const BlastRadius& radius);
/// The HTML report's section: the chart and the notes.
std::string blast_section_html(const BlastRadius& radius);
/// "blast_radius": {"limit", "limit_source", "window", "hosts": [...]}.
void write_blast_radius(JsonWriter& json, const BlastRadius& radius);

}  // namespace dactl
