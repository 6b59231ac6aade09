#include "engine/util/interrupt.h"

#include <algorithm>
#include <thread>

namespace dactl {

bool sleep_unless_interrupted(std::chrono::milliseconds delay,
                              const std::atomic<bool>* interrupted) {
    constexpr std::chrono::milliseconds k_step{10};
    const auto until = std::chrono::steady_clock::now() + delay;
    while (!is_interrupted(interrupted)) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= until) {
            return true;
        }
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(k_step, until - now));
    }
    return false;
}

}  // namespace dactl
