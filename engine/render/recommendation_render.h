#pragma once
// The words of a recommendation, shared by the probe's and insights' views:
// what decided it, and what a reader must know before trusting it.

#include <string>
#include <vector>

#include "engine/probe/latency_stats.h"

namespace dactl {

/// "p99 x headroom asks for 2 s; the floor of 3 s decided (--min-timeout)", or none.
std::vector<std::string> recommendation_notes(const Recommendation& recommendation);
/// Past 60 s: the back-end needs an asynchronous design; samples cut off at the
/// current timeout: the latency is at least that (measure it with --via-draft).
std::vector<std::string> recommendation_warnings(const Recommendation& recommendation);

}  // namespace dactl
