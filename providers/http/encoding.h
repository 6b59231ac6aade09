#pragma once
// Text encodings HTTP needs: percent-encoding for URL path segments and query
// values, base64 for Basic authentication.

#include <string>
#include <string_view>

namespace dactl::http {

/// `text` with every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~)
/// written as %XX, so it is safe as one path segment or query value.
std::string percent_encode(std::string_view text);

/// `bytes` in standard base64 (RFC 4648), padded with '='.
std::string base64(std::string_view bytes);

}  // namespace dactl::http
