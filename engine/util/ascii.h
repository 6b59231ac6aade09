#pragma once
// ASCII case folding for names and codes (header names, API error codes,
// region keys): bytes outside A-Z are left as they are.

#include <string>
#include <string_view>

namespace dactl {

/// `text` with A-Z turned into a-z. Never fails.
std::string ascii_lower(std::string_view text);

}  // namespace dactl
