#pragma once
// Times and durations as dactl prints them.

#include <chrono>
#include <string>

namespace dactl {

/// The time as UTC in RFC 3339 form with seconds: "2026-11-28T15:35:39Z".
std::string utc_timestamp(std::chrono::system_clock::time_point time);

/// A duration in seconds with two decimals: "1.25 s".
std::string seconds_text(std::chrono::milliseconds duration);

}  // namespace dactl
