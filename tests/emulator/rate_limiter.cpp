#include "tests/emulator/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace dactl::emulator {

RateLimiter::RateLimiter(RateLimits limits) : m_limits(limits) {}

RateLimiter::RateLimiter(int requests, std::chrono::seconds window)
    : RateLimiter(RateLimits{requests, 0, window, 1.0}) {}

RateDecision RateLimiter::admit(const std::string& key, TimePoint now) {
    std::lock_guard lock(m_mutex);
    return admit_all({{key, m_limits.requests}}, now);
}

RateDecision RateLimiter::admit_api(const std::string& token, const std::string& client,
                                    TimePoint now) {
    std::lock_guard lock(m_mutex);
    return admit_all(
        {{"token " + token, m_limits.requests}, {"api client " + client, m_limits.client_requests}},
        now);
}

void RateLimiter::configure(RateLimits limits) {
    std::lock_guard lock(m_mutex);
    m_limits = limits;
    m_admitted.clear();
}

Clock::duration RateLimiter::real_window() const {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
        static_cast<double>(m_limits.window.count()) * m_limits.time_scale));
}

RateDecision RateLimiter::admit_all(const std::vector<Budget>& budgets, TimePoint now) {
    const Clock::duration window = real_window();
    Clock::duration longest_wait{0};
    bool allowed = true;
    for (const Budget& budget : budgets) {
        if (budget.requests <= 0) {
            continue;
        }
        std::deque<TimePoint>& admitted = m_admitted[budget.key];
        while (!admitted.empty() && admitted.front() + window <= now) {
            admitted.pop_front();
        }
        if (static_cast<int>(admitted.size()) >= budget.requests) {
            // The window frees when its oldest request leaves it.
            allowed = false;
            longest_wait = std::max(longest_wait, admitted.front() + window - now);
        }
    }
    if (allowed) {
        for (const Budget& budget : budgets) {
            if (budget.requests > 0) {
                m_admitted[budget.key].push_back(now);
            }
        }
        return {};
    }
    // Whole emulated seconds, rounded up.
    const double seconds =
        std::chrono::duration<double>(longest_wait).count() / m_limits.time_scale;
    return RateDecision{false, std::max(static_cast<int>(std::ceil(seconds - 1e-9)), 1)};
}

}  // namespace dactl::emulator
