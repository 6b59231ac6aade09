#pragma once
// RateLimiter: at most N requests per sliding window of S seconds, per key
// (a bearer token, or a client id at the token endpoint).

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "tests/emulator/clock.h"

namespace dactl::emulator {

struct RateDecision {
    bool allowed = true;
    int retry_after_seconds = 0;  ///< when refused: whole seconds until the window frees (>= 1)
};

class RateLimiter {
public:
    /// `requests` per `window`; 0 requests means no limit.
    RateLimiter(int requests, std::chrono::seconds window);

    /// Admits one request for `key` at `now`, or refuses it (refusals do not count).
    RateDecision admit(const std::string& key, TimePoint now);
    /// A new limit; forgets every request counted so far.
    void configure(int requests, std::chrono::seconds window);

private:
    std::mutex m_mutex;
    int m_requests;
    std::chrono::seconds m_window;
    std::unordered_map<std::string, std::deque<TimePoint>> m_admitted;
};

}  // namespace dactl::emulator
