#pragma once
// Query strings, form bodies, percent-encoding and Base64, as HTTP carries them.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dactl::emulator {

using QueryParameters = std::vector<std::pair<std::string, std::string>>;

/// The name=value pairs of a query string or form body, decoded ('+' is a space),
/// in order. A pair without '=' has an empty value; empty pairs are skipped.
QueryParameters parse_query(std::string_view text);

/// The value of the first parameter named `name`, or nothing.
std::optional<std::string> find_parameter(const QueryParameters& parameters, std::string_view name);

/// true or false (any case) as a query value; nothing for anything else.
std::optional<bool> parse_bool(std::string_view text);

/// A whole number as a query value (digits, an optional '-', nothing else); nothing otherwise.
std::optional<int> parse_int(std::string_view text);

/// `text` with %XX sequences decoded and '+' as a space; malformed escapes stay as they are.
std::string percent_decode(std::string_view text);

/// `text` percent-encoded for a query value or a path segment (unreserved characters kept).
std::string percent_encode(std::string_view text);

/// The bytes of standard Base64 text (padding optional); nothing when it is not Base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace dactl::emulator
