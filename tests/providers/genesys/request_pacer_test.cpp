#include "providers/genesys/request_pacer.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using namespace dactl::genesys;
using Clock = RequestPacer::Clock;
using std::chrono::seconds;

namespace {

// A clock that moves only when told, or when a sleep ends (if `sleep_advances`).
struct FakeTime {
    std::mutex mutex;
    Clock::time_point now_at = Clock::time_point(std::chrono::hours(1000));
    bool sleep_advances = true;
    std::vector<Clock::time_point> sleeps;
    std::function<void()> on_first_sleep;

    RequestPacer::Hooks hooks() {
        return {[this] {
                    std::lock_guard lock(mutex);
                    return now_at;
                },
                [this](Clock::time_point until) {
                    std::function<void()> once;
                    {
                        std::lock_guard lock(mutex);
                        sleeps.push_back(until);
                        std::swap(once, on_first_sleep);
                    }
                    if (once) {
                        once();
                    }
                    std::lock_guard lock(mutex);
                    if (sleep_advances) {
                        now_at = std::max(now_at, until);
                    }
                }};
    }
    void advance(Clock::duration by) {
        std::lock_guard lock(mutex);
        now_at += by;
    }
};

seconds whole_seconds(Clock::duration duration) {
    return std::chrono::duration_cast<seconds>(duration);
}

std::vector<seconds> waits_of(RequestPacer& pacer, int count) {
    std::vector<seconds> waits;
    for (int i = 0; i < count; ++i) {
        waits.push_back(whole_seconds(*pacer.acquire()));
    }
    return waits;
}

}  // namespace

TEST_CASE("the pacer lets the budget through at once, then waits for the window", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(3, time.hooks());
    CHECK(waits_of(pacer, 7) == std::vector<seconds>{seconds(0), seconds(0), seconds(0),
                                                     seconds(60), seconds(0), seconds(0),
                                                     seconds(60)});
    CHECK(time.sleeps.size() == 2);
}

TEST_CASE("dactl's window is the API's minute and one second for the arrival", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(3, time.hooks(), k_paced_window);
    CHECK(waits_of(pacer, 4) ==
          std::vector<seconds>{seconds(0), seconds(0), seconds(0), seconds(61)});
    // After a 429 the starts are spread over the same window: 61 s / 3 apart.
    pacer.rate_limited(seconds(5));
    const Clock::time_point paused = time.now_at;
    CHECK(pacer.acquire() == seconds(5));
    CHECK(time.now_at == paused + seconds(5));
    const Clock::time_point first = time.now_at;
    (void)pacer.acquire();
    CHECK(time.now_at - first == std::chrono::duration_cast<Clock::duration>(seconds(61)) / 3);
}

TEST_CASE("the pacer's window slides with each start", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(3, time.hooks());
    const Clock::time_point origin = time.now_at;
    CHECK(pacer.acquire() == Clock::duration::zero());  // t = 0
    time.advance(seconds(20));
    CHECK(pacer.acquire() == Clock::duration::zero());  // t = 20
    time.advance(seconds(20));
    CHECK(pacer.acquire() == Clock::duration::zero());  // t = 40
    time.advance(seconds(10));
    CHECK(pacer.acquire() == seconds(10));  // t = 50: the start at 0 leaves the window at 60
    CHECK(time.now_at == origin + seconds(60));
    time.advance(seconds(10));
    CHECK(pacer.acquire() == seconds(10));  // t = 70: the start at 20 leaves it at 80
    time.advance(seconds(100));
    CHECK(waits_of(pacer, 3) == std::vector<seconds>{seconds(0), seconds(0), seconds(0)});
}

TEST_CASE("the pacer gives many threads distinct slots within the budget", "[pacer]") {
    FakeTime time;
    time.sleep_advances = false;  // every thread asks at the same instant
    RequestPacer pacer(5, time.hooks());
    std::mutex mutex;
    std::vector<seconds> waits;
    std::vector<std::thread> threads;
    for (int i = 0; i < 23; ++i) {
        threads.emplace_back([&] {
            const seconds wait = whole_seconds(*pacer.acquire());
            std::lock_guard lock(mutex);
            waits.push_back(wait);
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    std::sort(waits.begin(), waits.end());
    std::vector<seconds> expected;
    for (int i = 0; i < 23; ++i) {
        expected.push_back(seconds(60 * (i / 5)));
    }
    CHECK(waits == expected);
}

TEST_CASE("after a 429 the pacer pauses, then spreads the starts instead of a burst", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(6, time.hooks());  // one start every 10 s when spread
    REQUIRE(pacer.acquire() == Clock::duration::zero());
    pacer.rate_limited(seconds(30));
    CHECK(waits_of(pacer, 7) == std::vector<seconds>{seconds(30), seconds(10), seconds(10),
                                                     seconds(10), seconds(10), seconds(10),
                                                     seconds(10)});
}

TEST_CASE("after a 429 threads waiting together start one spacing apart", "[pacer]") {
    FakeTime time;
    time.sleep_advances = false;
    RequestPacer pacer(6, time.hooks());
    pacer.rate_limited(seconds(30));
    std::mutex mutex;
    std::vector<seconds> waits;
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            const seconds wait = whole_seconds(*pacer.acquire());
            std::lock_guard lock(mutex);
            waits.push_back(wait);
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    std::sort(waits.begin(), waits.end());
    CHECK(waits == std::vector<seconds>{seconds(30), seconds(40), seconds(50), seconds(60)});
}

TEST_CASE("a 429 during a wait holds back the waiting request too", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(1, time.hooks());
    REQUIRE(pacer.acquire() == Clock::duration::zero());  // t = 0
    time.advance(seconds(10));
    // While the second request sleeps towards its slot at 60 s, another thread
    // is told to wait 120 s.
    time.on_first_sleep = [&] { pacer.rate_limited(seconds(120)); };
    CHECK(pacer.acquire() == seconds(120));  // starts at 130, not at 60
    CHECK(time.sleeps.size() == 2);
}

TEST_CASE("a 429 never shortens a pause or frees reserved slots", "[pacer]") {
    FakeTime time;
    time.sleep_advances = false;
    RequestPacer pacer(2, time.hooks());
    pacer.rate_limited(seconds(50));
    pacer.rate_limited(seconds(5));
    CHECK(pacer.acquire() == seconds(50));
    CHECK(pacer.acquire() == seconds(80));
    pacer.rate_limited(seconds(1));
    CHECK(pacer.acquire() == seconds(110));
}

TEST_CASE("the pacer keeps a budget of at least one request", "[pacer]") {
    CHECK(RequestPacer(0).requests_per_minute() == 1);
    CHECK(RequestPacer().requests_per_minute() == 300);
    RequestPacer real(10000);
    for (int i = 0; i < 100; ++i) {
        REQUIRE(real.acquire() < std::chrono::milliseconds(50));
    }
}

TEST_CASE("each token is a lane with its own budget - the client's spans them", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(2, time.hooks(), std::chrono::seconds(60), 3);
    CHECK(pacer.acquire(nullptr, 0) == Clock::duration::zero());
    CHECK(pacer.acquire(nullptr, 0) == Clock::duration::zero());
    CHECK(pacer.lane_free_at(0) == time.now_at + seconds(60));
    CHECK(pacer.lane_free_at(1) == time.now_at);
    CHECK(pacer.acquire(nullptr, 1) == Clock::duration::zero());
    // The client's 3 are used: lane 1 has room, the client has none.
    CHECK(pacer.client_free_at() == time.now_at + seconds(60));
    CHECK(pacer.acquire(nullptr, 1) == seconds(60));
    // Logins have a lane of their own and are not the API's requests.
    CHECK(pacer.acquire(nullptr, k_login_lane) == Clock::duration::zero());
}

TEST_CASE("a new token in a lane starts with a whole budget", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(1, time.hooks());
    CHECK(pacer.acquire(nullptr, 3) == Clock::duration::zero());
    CHECK(pacer.lane_free_at(3) == time.now_at + seconds(60));
    pacer.forget_lane(3);
    CHECK(pacer.lane_free_at(3) == time.now_at);
}

TEST_CASE("a 429 pauses its token's lane, not the others", "[pacer]") {
    FakeTime time;
    RequestPacer pacer(5, time.hooks());
    pacer.rate_limited(seconds(30), 0);
    CHECK(pacer.lane_free_at(0) == time.now_at + seconds(30));
    CHECK(pacer.acquire(nullptr, 1) == Clock::duration::zero());
}
