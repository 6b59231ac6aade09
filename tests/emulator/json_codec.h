#pragma once
// The JSON text codec: the one place the emulator touches RapidJSON.

#include <string>
#include <string_view>

#include "engine/util/result.h"
#include "tests/emulator/json_value.h"

namespace dactl::emulator {

/// Parses JSON text (UTF-8, validated). Fails with "LINE:COLUMN: problem"
/// (1-based) when the text is not one valid JSON value.
Result<Json> parse_json(std::string_view text);

/// The compact JSON text of `value` (no spaces; UTF-8 passed through, control
/// characters escaped; integers without a fraction, other numbers shortest).
std::string write_json(const Json& value);

}  // namespace dactl::emulator
