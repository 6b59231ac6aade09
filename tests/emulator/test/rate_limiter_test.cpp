// The sliding-window rate limiter, with chosen times.

#include "tests/emulator/rate_limiter.h"

#include <catch2/catch.hpp>

using namespace dactl::emulator;

namespace {

TimePoint at(int milliseconds) {
    return TimePoint() + Milliseconds(milliseconds);
}

}  // namespace

TEST_CASE("N requests pass per window, then the wait is the seconds until one leaves it",
          "[emulator][rate]") {
    RateLimiter limiter(3, std::chrono::seconds(60));
    REQUIRE(limiter.admit("t", at(0)).allowed);
    REQUIRE(limiter.admit("t", at(10'000)).allowed);
    REQUIRE(limiter.admit("t", at(20'000)).allowed);
    RateDecision refused = limiter.admit("t", at(20'500));
    REQUIRE_FALSE(refused.allowed);
    REQUIRE(refused.retry_after_seconds == 40);  // 39.5 s rounded up
    REQUIRE(limiter.admit("t", at(59'999)).retry_after_seconds == 1);
    REQUIRE(limiter.admit("t", at(60'000)).allowed);
}

TEST_CASE("each key has its own window", "[emulator][rate]") {
    RateLimiter limiter(1, std::chrono::seconds(60));
    REQUIRE(limiter.admit("a", at(0)).allowed);
    REQUIRE_FALSE(limiter.admit("a", at(1)).allowed);
    REQUIRE(limiter.admit("b", at(1)).allowed);
}

TEST_CASE("refused requests do not count", "[emulator][rate]") {
    RateLimiter limiter(1, std::chrono::seconds(10));
    REQUIRE(limiter.admit("a", at(0)).allowed);
    for (int i = 1; i < 100; ++i) {
        REQUIRE_FALSE(limiter.admit("a", at(i * 10)).allowed);
    }
    REQUIRE(limiter.admit("a", at(10'000)).allowed);
}

TEST_CASE("zero requests means no limit, and configuring restarts the count", "[emulator][rate]") {
    RateLimiter limiter(0, std::chrono::seconds(60));
    for (int i = 0; i < 1000; ++i) {
        REQUIRE(limiter.admit("a", at(0)).allowed);
    }
    limiter.configure(RateLimits{1, 0, std::chrono::seconds(5), 1.0});
    REQUIRE(limiter.admit("a", at(0)).allowed);
    REQUIRE(limiter.admit("a", at(1)).retry_after_seconds == 5);
    limiter.configure(RateLimits{1, 0, std::chrono::seconds(5), 1.0});
    REQUIRE(limiter.admit("a", at(2)).allowed);
}

TEST_CASE("an API request needs room in its token's window and in its client's",
          "[emulator][rate]") {
    RateLimiter limiter(RateLimits{2, 3, std::chrono::seconds(60), 1.0});
    REQUIRE(limiter.admit_api("t1", "c", at(0)).allowed);
    REQUIRE(limiter.admit_api("t1", "c", at(1'000)).allowed);
    RateDecision token_full = limiter.admit_api("t1", "c", at(2'000));
    REQUIRE_FALSE(token_full.allowed);
    REQUIRE(token_full.retry_after_seconds == 58);
    REQUIRE(limiter.admit_api("t2", "c", at(3'000)).allowed);
    // The client's window is full: a fresh token does not help, and the refusal
    // counts in neither window.
    RateDecision client_full = limiter.admit_api("t3", "c", at(4'000));
    REQUIRE_FALSE(client_full.allowed);
    REQUIRE(client_full.retry_after_seconds == 56);
    REQUIRE(limiter.admit_api("t3", "other client", at(4'000)).allowed);
    REQUIRE(limiter.admit_api("t3", "c", at(60'000)).allowed);
    REQUIRE(limiter.admit_api("t4", "c", at(61'000)).allowed);
    REQUIRE_FALSE(limiter.admit_api("t4", "c", at(61'500)).allowed);  // the client's 3
}

TEST_CASE(
    "scaled time: a window of 60 emulated seconds lasts 60 x scale real ones, and "
    "Retry-After counts emulated seconds",
    "[emulator][rate]") {
    RateLimiter limiter(RateLimits{1, 0, std::chrono::seconds(60), 0.01});
    REQUIRE(limiter.admit_api("t", "c", at(0)).allowed);
    RateDecision refused = limiter.admit_api("t", "c", at(150));
    REQUIRE_FALSE(refused.allowed);
    REQUIRE(refused.retry_after_seconds == 45);  // 450 real ms are 45 emulated seconds
    REQUIRE(limiter.admit_api("t", "c", at(600)).allowed);
}
