#pragma once
// ProbeReport: what `dactl probe` measured, per action.

#include <optional>
#include <string>
#include <vector>

#include "engine/probe/latency_stats.h"

namespace dactl {

struct ProbeEntry {
    std::string address;
    std::string id;
    std::string name;
    std::optional<int> current_timeout;  ///< seconds; unset: the service default of 60 s
    bool via_draft = false;              ///< measured on a draft with a 60 s timeout
    std::string skipped;                 ///< why it was not probed; empty when it was
    std::vector<std::string> notes;      ///< what else the probe did, e.g. a draft removed
    std::vector<ProbeSample> samples;
    LatencyStats stats;
    Recommendation recommendation;
};

struct ProbeReport {
    std::vector<ProbeEntry> entries;  ///< sorted by address
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;
};

}  // namespace dactl
