#pragma once
// The JSON of the client-credentials login: the token answer and the OAuth
// error body.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/util/result.h"

namespace dactl::genesys {

/// An access token and how long it lives from the moment it was issued.
struct Token {
    std::string access_token;
    std::chrono::seconds expires_in{0};
};

/// Reads `{"access_token": "...", "expires_in": 86400, ...}`. A missing
/// expires_in means the vendor's default of 24 h. Fails with
/// ErrorKind::invalid_response when the body is not JSON or has no
/// access_token; the message never contains the body.
Result<Token> decode_token(std::string_view json);

/// The explanation in an OAuth error body (`error_description`, else
/// `description`, else `error`), or nothing when the body is not one.
std::optional<std::string> decode_oauth_error(std::string_view json);

}  // namespace dactl::genesys
