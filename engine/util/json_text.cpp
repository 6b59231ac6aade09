#include "engine/util/json_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/util/utf8.h"

namespace dactl {

std::string json_string(std::string_view input) {
    const std::string text = valid_utf8(input);
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

std::optional<std::string> json_number(double value) {
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) {
        return std::nullopt;
    }
    return std::string(buffer, end);
}

}  // namespace dactl
