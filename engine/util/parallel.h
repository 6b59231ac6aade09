#pragma once
// parallel_for: run a function over indices 0..count-1 on a few threads.

#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace dactl {

/// Calls `body(i)` once for every i in [0, count), on at most `workers` threads
/// (the calling thread included), and returns when all calls have returned.
/// `body` must be safe to call from several threads at once.
inline void parallel_for(std::size_t count, int workers,
                         const std::function<void(std::size_t)>& body) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            body(i);
        }
    };
    const std::size_t threads = std::min<std::size_t>(count, workers < 1 ? 1 : workers);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
}

}  // namespace dactl
