#include "tests/emulator/randomness.h"

#include <array>
#include <cstdio>

namespace dactl::emulator {

Randomness::Randomness() {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    m_engine.seed(seed);
}

std::string Randomness::uuid_v4() {
    std::array<std::uint8_t, 16> bytes{};
    {
        std::lock_guard lock(m_mutex);
        for (auto& byte : bytes) {
            byte = static_cast<std::uint8_t>(m_engine() & 0xFF);
        }
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
    std::string text;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text += '-';
        }
        std::array<char, 3> hex{};
        std::snprintf(hex.data(), hex.size(), "%02x", bytes[i]);
        text += hex.data();
    }
    return text;
}

std::string Randomness::hex_token(int bytes) {
    std::string text;
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < bytes; ++i) {
        std::array<char, 3> hex{};
        std::snprintf(hex.data(), hex.size(), "%02x", static_cast<unsigned>(m_engine() & 0xFF));
        text += hex.data();
    }
    return text;
}

int Randomness::uniform(int minimum, int maximum) {
    if (maximum <= minimum) {
        return minimum;
    }
    std::lock_guard lock(m_mutex);
    return std::uniform_int_distribution<int>(minimum, maximum)(m_engine);
}

}  // namespace dactl::emulator
