#include "providers/genesys/request_pacer.h"

#include <algorithm>

#include "engine/util/interrupt.h"

namespace dactl::genesys {

StartWindow::StartWindow(int limit, Clock::duration window)
    : m_limit(std::max(1, limit)), m_window(window) {}

// Not before `now`, not during a pause, and not while the last m_limit starts
// all lie within one window.
StartWindow::Clock::time_point StartWindow::earliest(Clock::time_point now) const {
    Clock::time_point start = std::max(now, m_paused_until);
    if (static_cast<int>(m_starts.size()) >= m_limit) {
        start = std::max(start, m_starts.front() + m_window);
    }
    return start;
}

void StartWindow::record(Clock::time_point start) {
    if (static_cast<int>(m_starts.size()) >= m_limit) {
        m_starts.pop_front();
    }
    m_starts.push_back(start);
}

void StartWindow::pause(Clock::time_point until) {
    m_paused_until = std::max(m_paused_until, until);
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

RequestPacer::RequestPacer(int requests_per_minute, Hooks hooks, Clock::duration window,
                           int client_requests_per_minute)
    : m_limit(std::max(1, requests_per_minute)), m_hooks(std::move(hooks)), m_window(window) {
    if (client_requests_per_minute > 0) {
        m_client.emplace(client_requests_per_minute, window);
    }
}

RequestPacer::Clock::time_point RequestPacer::now() const {
    return m_hooks.now ? m_hooks.now() : Clock::now();
}

StartWindow& RequestPacer::lane_window(int lane) {
    return m_lanes.try_emplace(lane, m_limit, m_window).first->second;
}

// The client's window, for a request of `lane`: none for logins (the token
// endpoint is not the API), nor without a client budget.
StartWindow* RequestPacer::client_window(int lane) {
    return m_client && lane != k_login_lane ? &*m_client : nullptr;
}

RequestPacer::Clock::time_point RequestPacer::earliest_start(int lane, Clock::time_point now) {
    Clock::time_point start = std::max({now, m_last_start, lane_window(lane).earliest(now)});
    if (StartWindow* client = client_window(lane)) {
        start = std::max(start, client->earliest(now));
    }
    return start;
}

RequestPacer::Clock::time_point RequestPacer::reserve(int lane, Clock::time_point now) {
    const Clock::time_point start = earliest_start(lane, now);
    if (StartWindow* client = client_window(lane)) {
        client->record(start);
    }
    lane_window(lane).record(start);
    m_last_start = start;
    return start;
}

std::optional<RequestPacer::Clock::duration> RequestPacer::acquire(
    const std::atomic<bool>* interrupted, int lane) {
    const Clock::time_point asked = now();
    for (;;) {
        Clock::time_point start;
        {
            std::lock_guard lock(m_mutex);
            const Clock::time_point current = now();
            start = reserve(lane, current);
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
        // A pause of its lane that began while it waited covers it too: the slot
        // it had stays counted (harmlessly), and it waits for a new one.
        if (lane_window(lane).paused_until() <= start) {
            return std::max(now(), start) - asked;
        }
    }
}

void RequestPacer::rate_limited(Clock::duration delay, int lane) {
    std::lock_guard lock(m_mutex);
    lane_window(lane).pause(now() + std::max(delay, Clock::duration::zero()));
}

bool RequestPacer::try_start(int lane) {
    std::lock_guard lock(m_mutex);
    const Clock::time_point current = now();
    if (earliest_start(lane, current) > current) {
        return false;
    }
    reserve(lane, current);
    return true;
}

void RequestPacer::forget_lane(int lane) {
    std::lock_guard lock(m_mutex);
    m_lanes.erase(lane);
}

RequestPacer::Clock::time_point RequestPacer::lane_free_at(int lane) {
    std::lock_guard lock(m_mutex);
    const Clock::time_point current = now();
    return std::max(current, lane_window(lane).earliest(current));
}

RequestPacer::Clock::time_point RequestPacer::client_free_at() {
    std::lock_guard lock(m_mutex);
    const Clock::time_point current = now();
    return m_client ? m_client->earliest(current) : current;
}

}  // namespace dactl::genesys
