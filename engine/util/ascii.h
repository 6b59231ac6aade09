#pragma once
// ASCII case folding and classes for names and codes (header names, API error
// codes, region keys): bytes outside A-Z are left as they are.

#include <string>
#include <string_view>

namespace dactl {

/// A-Z or a-z (never locale-dependent, unlike std::isalpha).
constexpr bool ascii_is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// A-Z, a-z or 0-9.
constexpr bool ascii_is_alnum(char c) {
    return ascii_is_alpha(c) || (c >= '0' && c <= '9');
}

/// `text` with A-Z turned into a-z. Never fails.
std::string ascii_lower(std::string_view text);

}  // namespace dactl
