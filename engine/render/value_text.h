#pragma once
// How field values and changes read in human output (plans, apply and drift
// reports). Secret header values are masked here, once for every view.

#include <string>
#include <vector>

#include "engine/model/value.h"
#include "engine/render/palette.h"

namespace dactl {

/// A value on one line: 15, "text", {"k": "v"}, "(unset)", and for
/// timeout_seconds "(unset, service default 60 s)". Secret header values masked.
std::string value_text(Field field, const Value& value);

/// One entry of a map field's value, quoted, or masked when it is a secret header.
std::string map_entry_text(Field field, const std::string& key, const std::string& value);

/// The lines showing one field going from `before` to `after`, unindented:
/// "~ timeout_seconds: 3 -> 15" for scalars; for maps a "~ key:" line then one
/// line per added, removed or changed entry; for templates a "~ key:" line then
/// the unified diff. Nested lines are indented by four spaces.
std::vector<std::string> field_change_lines(Field field, const Value& before, const Value& after,
                                            const Palette& palette);

}  // namespace dactl
