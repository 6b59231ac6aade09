#pragma once
// parallel_for: run a function over indices 0..count-1 on a few threads.

#include <atomic>
#include <cstddef>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

namespace dactl {

/// Calls `body(i)` once for every i in [0, count), in increasing order of start,
/// on at most `workers` threads (the calling thread included; fewer when the
/// system refuses a thread), and returns when all calls have returned. `body`
/// must be safe to call from several threads at once. The one thread pool of
/// dactl: every concurrent step (list pages, template loads, writes, probes) uses it.
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
        try {
            pool.emplace_back(work);
        } catch (const std::system_error&) {
            break;  // fewer threads: every index is still done
        }
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
}

}  // namespace dactl
