#pragma once
// Interrupts: a run learns of Ctrl-C, SIGTERM, SIGHUP or a closed standard
// output through one flag that main() sets (from a signal handler) and every
// loop, wait and request checks. Null means "never interrupted".

#include <atomic>
#include <chrono>

namespace dactl {

/// Whether the run has been interrupted.
inline bool is_interrupted(const std::atomic<bool>* interrupted) {
    return interrupted != nullptr && interrupted->load();
}

/// Sleeps for `delay`, waking within 10 ms of `interrupted` becoming true.
/// Answers false when it was interrupted (before or while sleeping).
bool sleep_unless_interrupted(std::chrono::milliseconds delay,
                              const std::atomic<bool>* interrupted);

}  // namespace dactl
