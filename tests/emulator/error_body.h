#pragma once
// The API's ErrorBody: how every failed answer of the emulator is shaped.

#include <string>
#include <string_view>

#include "engine/util/result.h"
#include "tests/emulator/json_value.h"

namespace dactl::emulator {

/// An API failure: the HTTP status, the ErrorBody code and its message.
Error api_error(int status, std::string code, std::string message);

/// The ErrorBody code the service uses for a bare status (503 -> "service.unavailable").
std::string_view code_for_status(int status);

/// The ErrorBody of `error`: message, code, status, contextId, empty details and errors.
Json error_body(const Error& error, const std::string& context_id);

/// The 400 "invalid.query.param.value" answer for a query parameter's value, saying
/// what is allowed: "Value [V] is not valid for query parameter NAME: ALLOWED".
Error invalid_query_parameter(const std::string& name, const std::string& value,
                              const std::string& allowed);

/// The vendor's 429 message: "Rate limit exceeded the maximum. Retry the request in [N] seconds".
std::string rate_limit_message(int retry_after_seconds);

}  // namespace dactl::emulator
