#include "providers/genesys/request_pacer.h"

#include <algorithm>

#include "engine/util/interrupt.h"

namespace dactl::genesys {

RequestPacer::RequestPacer(int requests_per_minute, Hooks hooks, Clock::duration window)
    : m_limit(std::max(1, requests_per_minute)), m_hooks(std::move(hooks)), m_window(window) {}

RequestPacer::Clock::time_point RequestPacer::now() const {
    return m_hooks.now ? m_hooks.now() : Clock::now();
}

// The earliest moment a request may start: not before `now`, not during a
// pause, and not while the last m_limit starts all lie within one window. Every
// input only ever grows, so the reserved starts stay in order.
RequestPacer::Clock::time_point RequestPacer::reserve(Clock::time_point now) {
    Clock::time_point start = std::max(now, m_paused_until);
    if (static_cast<int>(m_starts.size()) >= m_limit) {
        start = std::max(start, m_starts.front() + m_window);
        m_starts.pop_front();
    }
    m_starts.push_back(start);
    return start;
}

std::optional<RequestPacer::Clock::duration> RequestPacer::acquire(
    const std::atomic<bool>* interrupted) {
    const Clock::time_point asked = now();
    for (;;) {
        Clock::time_point start;
        {
            std::lock_guard lock(m_mutex);
            const Clock::time_point current = now();
            start = reserve(current);
            if (start <= current) {
                return start <= asked ? Clock::duration::zero() : current - asked;
            }
        }
        if (m_hooks.sleep_until) {
            m_hooks.sleep_until(start);
        } else if (!sleep_unless_interrupted(
                       std::chrono::ceil<std::chrono::milliseconds>(start - Clock::now()),
                       interrupted)) {
            return std::nullopt;
        }
        if (is_interrupted(interrupted)) {
            return std::nullopt;
        }
        std::lock_guard lock(m_mutex);
        // A pause that began while this request waited covers it too: the slot
        // it had stays counted (harmlessly), and it waits for a new one.
        if (m_paused_until <= start) {
            return std::max(now(), start) - asked;
        }
    }
}

void RequestPacer::rate_limited(Clock::duration delay) {
    std::lock_guard lock(m_mutex);
    m_paused_until = std::max(m_paused_until, now() + std::max(delay, Clock::duration::zero()));
    // Pretend the window before the pause end was full and evenly spread: the
    // first start after the pause is then due at its end, the next one a
    // spacing later, and so on. Starts already recorded later than that stay.
    const Clock::duration spacing = m_window / m_limit;
    std::deque<Clock::time_point> spread;
    const auto size = static_cast<std::size_t>(m_limit);
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t from_end = size - i;
        Clock::time_point at = m_paused_until - m_window + spacing * static_cast<int>(i);
        if (from_end <= m_starts.size()) {
            at = std::max(at, m_starts[m_starts.size() - from_end]);
        }
        spread.push_back(at);
    }
    m_starts = std::move(spread);
}

}  // namespace dactl::genesys
