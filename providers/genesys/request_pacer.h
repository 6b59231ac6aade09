#pragma once
// RequestPacer: keeps a run under the API's request budgets so that a large run
// does not provoke a storm of 429 answers: each token's (300 requests per
// minute by default) and, across all of them, the OAuth client's (3,000). Each
// token is a lane of its own; logins have one too. Every request of a run asks
// it before starting: logins, pages, writes and retries alike. Safe to call
// from several threads at once.

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace dactl::genesys {

/// The API's documented budget: requests per minute per client-credentials token.
inline constexpr int k_default_requests_per_minute = 300;
/// The documented budget of one OAuth client across its tokens.
inline constexpr int k_default_client_requests_per_minute = 3000;
/// The window dactl keeps that budget in: the API's 60 s and one more, for the
/// time a request takes to arrive (the API counts arrivals, the pacer starts;
/// without it an apply at the limit met 7 answers 429 in 1,029 requests).
inline constexpr std::chrono::seconds k_paced_window{61};
/// The lane of requests sent without a token: logins at the token endpoint.
inline constexpr int k_login_lane = -1;

/// One sliding window of starts: at most `limit` in any `window`, none during a
/// pause. Starts are recorded in order.
class StartWindow {
public:
    using Clock = std::chrono::steady_clock;

    StartWindow(int limit, Clock::duration window);

    /// The earliest moment from `now` on that one more start fits.
    Clock::time_point earliest(Clock::time_point now) const;
    /// Counts a start at `start` (no earlier than any start recorded before).
    void record(Clock::time_point start);
    /// The API asked to wait until `until`: nothing starts before it, and the
    /// starts after it are spread evenly, one every window / limit.
    void pause(Clock::time_point until);
    Clock::time_point paused_until() const { return m_paused_until; }

private:
    int m_limit;
    Clock::duration m_window;
    /// The most recent starts (past and reserved), oldest first, at most m_limit.
    std::deque<Clock::time_point> m_starts;
    Clock::time_point m_paused_until{};
};

class RequestPacer {
public:
    using Clock = std::chrono::steady_clock;

    /// The pacer's view of time; tests replace both.
    struct Hooks {
        std::function<Clock::time_point()> now;              ///< empty: Clock::now
        std::function<void(Clock::time_point)> sleep_until;  ///< empty: really sleeps
    };

    /// Lets at most `requests_per_minute` (at least 1) requests of one lane start in
    /// any sliding `window` (dactl's clients use k_paced_window), and at most
    /// `client_requests_per_minute` of all lanes together (0: no such limit).
    explicit RequestPacer(int requests_per_minute = k_default_requests_per_minute, Hooks hooks = {},
                          Clock::duration window = std::chrono::seconds(60),
                          int client_requests_per_minute = 0);

    /// Waits until one more request of `lane` may start, and counts it as started
    /// then, in its lane and (unless it is a login) in the client's window. Returns how long it
    /// waited (zero when the budget had room). A request starts no earlier than the end of a pause
    /// set by rate_limited, even when the pause began while it was waiting. Nothing when
    /// `interrupted` became true while it waited (the real wait wakes within 10 ms of it).
    std::optional<Clock::duration> acquire(const std::atomic<bool>* interrupted = nullptr,
                                           int lane = 0);

    /// The API answered a request of `lane` 429 asking to wait `delay`: no request
    /// of that lane starts until `delay` from now, and its requests after the
    /// pause are spread evenly rather than all at once.
    void rate_limited(Clock::duration delay, int lane = 0);

    /// Counts a request of `lane` as started now if both budgets have room now;
    /// false (nothing counted) when it would have to wait.
    bool try_start(int lane);

    /// A new token took `lane`: its budget starts afresh (the API counts per token).
    void forget_lane(int lane);

    /// When a request of `lane` could start, by its lane's budget alone.
    Clock::time_point lane_free_at(int lane);
    /// When any request could start, by the client's budget alone.
    Clock::time_point client_free_at();

    /// The budget of one lane.
    int requests_per_minute() const { return m_limit; }
    Clock::time_point now() const;

private:
    StartWindow& lane_window(int lane);
    StartWindow* client_window(int lane);
    Clock::time_point earliest_start(int lane, Clock::time_point now);
    Clock::time_point reserve(int lane, Clock::time_point now);

    int m_limit;
    Hooks m_hooks;
    Clock::duration m_window;
    std::mutex m_mutex;
    std::map<int, StartWindow> m_lanes;
    std::optional<StartWindow> m_client;  ///< nothing: no client budget
    /// Every start is reserved no earlier than the one before, so each window's
    /// starts stay in order.
    Clock::time_point m_last_start{};
};

}  // namespace dactl::genesys
