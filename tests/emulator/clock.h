#pragma once
// The emulator's clock: monotonic time, passed into the logic so tests can choose it.

#include <chrono>

namespace dactl::emulator {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Milliseconds = std::chrono::milliseconds;

}  // namespace dactl::emulator
