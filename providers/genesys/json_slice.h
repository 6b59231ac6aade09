#pragma once
// Byte ranges inside JSON text. The codecs parse with RapidJSON to read values,
// and use these slices to copy parts of a document exactly as received (an
// action's own text, the unknown keys of its config), since re-serialising a
// parsed document would change escapes, number spellings and big integers.
//
// Every function here expects text that RapidJSON has already accepted as
// valid JSON; on anything else the results are unspecified but stay inside the
// text (no out-of-range access).

#include <cstddef>
#include <string_view>
#include <vector>

namespace dactl::genesys {

/// One member of a JSON object: the key with its quotes, and the value's text.
struct RawMember {
    std::string_view key;
    std::string_view value;
};

/// The members of the object whose text is `object` (starting at its `{`), in
/// order, duplicates included. Empty when `object` is not an object.
std::vector<RawMember> object_members(std::string_view object);

/// The elements of the array whose text is `array` (starting at its `[`), in order.
std::vector<std::string_view> array_elements(std::string_view array);

/// `text` without leading and trailing JSON whitespace.
std::string_view trim_json_space(std::string_view text);

}  // namespace dactl::genesys
