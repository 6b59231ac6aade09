#include "providers/http/encoding.h"

#include <algorithm>
#include <cstdint>

namespace dactl::http {

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                                (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                                byte == '_' || byte == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0f];
        }
    }
    return out;
}

std::string base64(std::string_view bytes) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t at = 0;
    while (at < bytes.size()) {
        const std::size_t taken = std::min<std::size_t>(3, bytes.size() - at);
        std::uint32_t group = 0;
        for (std::size_t i = 0; i < 3; ++i) {
            const auto byte = i < taken ? static_cast<unsigned char>(bytes[at + i]) : 0u;
            group = (group << 8) | byte;
        }
        for (std::size_t i = 0; i < 4; ++i) {
            out += i <= taken ? k_alphabet[(group >> (18 - 6 * i)) & 0x3f] : '=';
        }
        at += taken;
    }
    return out;
}

}  // namespace dactl::http
