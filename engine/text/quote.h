#pragma once
// Quoting strings for display: plans, messages and reports show every string
// value in double quotes with JSON's escapes, so spaces, quotes and control
// characters are never ambiguous.

#include <string>
#include <string_view>

namespace dactl {

/// `text` in double quotes; `"`, `\` and control characters escaped as in JSON
/// (\n, \t, \u001b ...), invisible and bidirectional characters as \u200d ...
/// (printable(), escape.h). Other UTF-8 is kept as it is.
std::string quoted(std::string_view text);

}  // namespace dactl
