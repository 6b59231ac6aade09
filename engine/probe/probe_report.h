#pragma once
// ProbeReport: what `dactl probe` measured, per action.

#include <optional>
#include <string>
#include <vector>

#include "engine/probe/latency_stats.h"

namespace dactl {

/// Why an action was not probed: data; render words it.
enum class SkipReason {
    none,               ///< it was probed
    writes,             ///< its request type is not GET and writes were not allowed
    draft_in_progress,  ///< it has someone's draft, and the probe was to use a draft
};

struct ProbeEntry {
    std::string address;
    std::string id;
    std::string name;
    std::optional<int> current_timeout;  ///< seconds; unset: the service default of 60 s
    bool via_draft = false;              ///< measured on a draft with a 60 s timeout
    SkipReason skip = SkipReason::none;  ///< why it was not probed
    std::string request_type;            ///< its request type (for SkipReason::writes)
    std::vector<std::string> notes;      ///< what else the probe did, e.g. a draft removed

    bool skipped() const { return skip != SkipReason::none; }
    std::vector<ProbeSample> samples;
    LatencyStats stats;
    Recommendation recommendation;
};

struct ProbeReport {
    std::string environment;          ///< the project's environment the org is, or ""
    std::vector<ProbeEntry> entries;  ///< sorted by address
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;
};

}  // namespace dactl
