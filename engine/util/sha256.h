#pragma once
// SHA-256 (FIPS 180-4), used for the manifests' digest that saved plans record.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dactl {

/// An incremental SHA-256: feed bytes with update(), then read hex_digest() once.
class Sha256 {
public:
    /// Starts an empty message.
    Sha256();

    /// Adds bytes to the message.
    void update(std::string_view bytes);
    /// The digest of everything added, as 64 lower-case hex digits. Ends the
    /// message: call it once, after the last update().
    std::string hex_digest();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;  ///< bytes added so far
};

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace dactl
