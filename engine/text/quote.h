#pragma once
// Quoting strings for display: plans, messages and reports show every string
// value in double quotes with JSON's escapes, so spaces, quotes and control
// characters are never ambiguous.

#include <string>
#include <string_view>

namespace dactl {

/// `text` in double quotes; `"`, `\` and control characters escaped as in JSON
/// (\n, \t, \u001b ...). Other bytes, UTF-8 included, are kept as they are.
std::string quoted(std::string_view text);

}  // namespace dactl
