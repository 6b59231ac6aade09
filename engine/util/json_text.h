#pragma once
// A tiny JSON writer for the few places outside the JSON codecs that build JSON
// text from plain values (the probe input written in a manifest).

#include <optional>
#include <string>
#include <string_view>

namespace dactl {

/// `text` as a JSON string literal: in double quotes, with `"`, `\` and control
/// characters (DEL too) escaped. Other bytes (UTF-8) are kept as they are.
std::string json_string(std::string_view text);

/// `value` as a JSON number in the shortest form that reads back the same
/// ("15", "0.25", "1e+21"). Nothing for NaN and infinities, which JSON lacks.
std::optional<std::string> json_number(double value);

}  // namespace dactl
