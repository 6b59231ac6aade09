#pragma once
// RateLimiter: the API's request limits as sliding windows: at most N requests
// per window per key (a bearer token, or a client id at the token endpoint),
// and at most M per window across every token of the OAuth client. Windows and
// Retry-After are in emulated seconds, each lasting `time_scale` real seconds.

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "tests/emulator/clock.h"

namespace dactl::emulator {

struct RateLimits {
    int requests = 300;          ///< per token (per client id at the token endpoint); 0: no limit
    int client_requests = 3000;  ///< per OAuth client across its tokens; 0: no limit
    std::chrono::seconds window{60};
    double time_scale = 1.0;  ///< real seconds per emulated second (> 0)
};

struct RateDecision {
    bool allowed = true;
    int retry_after_seconds = 0;  ///< when refused: emulated seconds until it frees (>= 1)
};

class RateLimiter {
public:
    explicit RateLimiter(RateLimits limits);
    /// Per key `requests` per `window` and nothing else (no client limit, real seconds).
    RateLimiter(int requests, std::chrono::seconds window);

    /// Admits one request for `key` at `now` within `requests`, or refuses it (refusals do
    /// not count).
    RateDecision admit(const std::string& key, TimePoint now);
    /// Admits one API request made with `token` of the OAuth client `client` at `now` when
    /// both the token's and the client's windows have room, counting it in both; else
    /// refuses it, counting it in neither, with the longer of the two waits.
    RateDecision admit_api(const std::string& token, const std::string& client, TimePoint now);
    /// New limits; forgets every request counted so far.
    void configure(RateLimits limits);

private:
    struct Budget {
        std::string key;
        int requests = 0;
    };
    RateDecision admit_all(const std::vector<Budget>& budgets, TimePoint now);
    Clock::duration real_window() const;

    std::mutex m_mutex;
    RateLimits m_limits;
    std::unordered_map<std::string, std::deque<TimePoint>> m_admitted;
};

}  // namespace dactl::emulator
