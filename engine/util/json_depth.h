#pragma once
// How deeply a JSON text nests, found without parsing it: the JSON codecs
// refuse texts too deep for RapidJSON's recursive parts (its writer, and its
// parser unless told otherwise) before those could overflow the stack.

#include <cstddef>
#include <string_view>

namespace dactl {

/// The most JSON nesting a file dactl reads may have (the API allows 50 levels).
inline constexpr std::size_t k_max_json_nesting = 128;

/// The deepest nesting of objects and arrays in `text`, brackets inside strings
/// not counted. Any text is accepted, valid JSON or not; never fails.
std::size_t json_nesting_depth(std::string_view text);

}  // namespace dactl
