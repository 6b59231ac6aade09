#pragma once
// RequestPacer: keeps a run under the API's request budget (300 requests per
// minute per token by default) so that a large run does not provoke a storm of
// 429 answers. Every request of a run asks it before starting: logins, pages,
// writes and retries alike. Safe to call from several threads at once.

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace dactl::genesys {

/// The API's documented budget: requests per minute per client-credentials token.
inline constexpr int k_default_requests_per_minute = 300;
/// The window dactl keeps that budget in: the API's 60 s and one more, for the
/// time a request takes to arrive (the API counts arrivals, the pacer starts;
/// without it an apply at the limit met 7 answers 429 in 1,029 requests).
inline constexpr std::chrono::seconds k_paced_window{61};

class RequestPacer {
public:
    using Clock = std::chrono::steady_clock;

    /// The pacer's view of time; tests replace both.
    struct Hooks {
        std::function<Clock::time_point()> now;              ///< empty: Clock::now
        std::function<void(Clock::time_point)> sleep_until;  ///< empty: really sleeps
    };

    /// Lets at most `requests_per_minute` (at least 1) requests start in any
    /// sliding `window` (dactl's clients use k_paced_window).
    explicit RequestPacer(int requests_per_minute = k_default_requests_per_minute, Hooks hooks = {},
                          Clock::duration window = std::chrono::seconds(60));

    /// Waits until one more request may start, and counts it as started then.
    /// Returns how long it waited (zero when the budget had room). A request
    /// starts no earlier than the end of a pause set by rate_limited, even when
    /// the pause began while it was waiting. Nothing when `interrupted` became
    /// true while it waited (the real wait wakes within 10 ms of it).
    std::optional<Clock::duration> acquire(const std::atomic<bool>* interrupted = nullptr);

    /// The API answered 429 asking to wait `delay`: no request starts until
    /// `delay` from now, and the requests after the pause are spread evenly,
    /// one every window / requests_per_minute, rather than all at once.
    void rate_limited(Clock::duration delay);

    /// The budget this pacer keeps.
    int requests_per_minute() const { return m_limit; }

private:
    Clock::time_point now() const;
    Clock::time_point reserve(Clock::time_point now);

    int m_limit;
    Hooks m_hooks;
    Clock::duration m_window;
    std::mutex m_mutex;
    /// The most recent starts (past and reserved), oldest first, at most m_limit.
    std::deque<Clock::time_point> m_starts;
    Clock::time_point m_paused_until{};
};

}  // namespace dactl::genesys
