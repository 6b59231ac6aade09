// The server keeps up: kept-alive connections answer without Nagle delays, and
// many clients at once are served side by side.

#include <atomic>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/emulator/test/support/test_server.h"

using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

long elapsed_ms(std::chrono::steady_clock::time_point start) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - start)
                                 .count());
}

}  // namespace

TEST_CASE("200 requests on one kept-alive connection take no delayed-ACK waits",
          "[emulator][throughput]") {
    TestServer server(small_seed());
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(server.keep_alive_burst(action_path("custom_-_0001"), 200) == 200);
    // With Nagle's algorithm on, most answers wait ~40 ms for a delayed ACK (over 5 s in all).
    REQUIRE(elapsed_ms(start) < 2500);
}

TEST_CASE("eight clients at once get 400 answers quickly", "[emulator][throughput]") {
    Settings settings;
    settings.rate_limit_requests = 0;
    TestServer server(generated_seed(300), settings);
    const std::string token = server.login();
    std::atomic<int> answered{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    clients.reserve(8);
    for (int i = 0; i < 8; ++i) {
        clients.emplace_back([&] {
            for (int j = 0; j < 50; ++j) {
                Reply reply =
                    server.send("GET", action_path("custom_-_0042") + "?includeConfig=true", "",
                                {{"Authorization", "Bearer " + token}});
                answered += reply.status == 200 ? 1 : 0;
            }
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    REQUIRE(answered == 400);
    REQUIRE(elapsed_ms(start) < 3000);
}
