#include "tests/emulator/rate_limiter.h"

namespace dactl::emulator {

RateLimiter::RateLimiter(int requests, std::chrono::seconds window)
    : m_requests(requests), m_window(window) {}

RateDecision RateLimiter::admit(const std::string& key, TimePoint now) {
    std::lock_guard lock(m_mutex);
    if (m_requests <= 0) {
        return {};
    }
    std::deque<TimePoint>& admitted = m_admitted[key];
    while (!admitted.empty() && admitted.front() + m_window <= now) {
        admitted.pop_front();
    }
    if (static_cast<int>(admitted.size()) < m_requests) {
        admitted.push_back(now);
        return {};
    }
    // The window frees when its oldest request leaves it; round up to whole seconds.
    const auto wait = admitted.front() + m_window - now;
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(wait).count();
    const int seconds = static_cast<int>((milliseconds + 999) / 1000);
    return RateDecision{false, std::max(seconds, 1)};
}

void RateLimiter::configure(int requests, std::chrono::seconds window) {
    std::lock_guard lock(m_mutex);
    m_requests = requests;
    m_window = window;
    m_admitted.clear();
}

}  // namespace dactl::emulator
