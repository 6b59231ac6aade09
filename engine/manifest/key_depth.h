#pragma once
// Internal to the manifest loader: keys too deep for toml++. Its parser
// recurses once per part of a dotted key or table header, so a header of
// 50,000 parts overflows the stack; such text is refused before it is parsed.

#include <string_view>

#include "engine/diagnostics/diagnostic.h"

namespace dactl::manifest {

/// The most dotted parts a key or table header may have (a manifest needs 4).
inline constexpr int k_max_key_parts = 64;

/// Reports, in `path`, every key or table header of `text` with more than
/// k_max_key_parts dotted parts, at the line and column (in code points) where
/// it starts. Strings and comments are skipped. Answers whether it found any.
bool report_deep_keys(std::string_view text, const std::string& path, Diagnostics& diagnostics);

}  // namespace dactl::manifest
