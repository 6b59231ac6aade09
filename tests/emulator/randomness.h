#pragma once
// Randomness: correlation ids, tokens and simulated latencies, safe to share
// between threads.

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace dactl::emulator {

class Randomness {
public:
    /// Seeded from std::random_device.
    Randomness();

    /// A random UUID version 4 in its 36-character text form.
    std::string uuid_v4();
    /// `bytes` random bytes as lower-case hex (an opaque token).
    std::string hex_token(int bytes);
    /// A uniformly drawn integer in [minimum, maximum]; `minimum` when maximum <= minimum.
    int uniform(int minimum, int maximum);

private:
    std::mutex m_mutex;
    std::mt19937_64 m_engine;
};

}  // namespace dactl::emulator
