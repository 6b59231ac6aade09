#pragma once
// Writing TOML values by hand, for export and for in-place manifest edits.
// (Reading TOML is the manifest loader's job, through toml++.)

#include <string>
#include <string_view>

#include "engine/model/value.h"

namespace dactl {

/// A TOML basic string: "..." with \", \\ and control characters escaped;
/// UTF-8 kept as it is.
std::string toml_basic_string(std::string_view text);

/// The most readable TOML string for `text`: a literal '...' when it has no
/// quote or control character, a multi-line literal '''...''' for multi-line
/// text without ''' (and not ending in '), else a basic string.
std::string toml_string(std::string_view text);

/// A bare key when it is [A-Za-z0-9_-]+, else a quoted key.
std::string toml_key(std::string_view key);

/// An inline table of strings: { a = "x", "b c" = "y" }.
std::string toml_inline_table(const StringMap& map);

}  // namespace dactl
