#include "tests/emulator/error_body.h"

namespace dactl::emulator {

Error api_error(int status, std::string code, std::string message) {
    Error error;
    error.kind = ErrorKind::generic;
    error.http_status = status;
    error.api_code = std::move(code);
    error.message = std::move(message);
    return error;
}

std::string_view code_for_status(int status) {
    switch (status) {
        case 400:
            return "bad.request";
        case 401:
            return "authentication.required";
        case 403:
            return "missing.permissions";
        case 404:
            return "not.found";
        case 405:
            return "method.not.allowed";
        case 408:
            return "client.timeout";
        case 409:
            return "conflict";
        case 413:
            return "request.entity.too.large";
        case 429:
            return "too.many.requests.retry.after";
        case 502:
            return "bad.gateway";
        case 503:
            return "service.unavailable";
        case 504:
            return "request.timeout";
        default:
            return status >= 500 ? "internal.server.error" : "bad.request";
    }
}

Json error_body(const Error& error, const std::string& context_id) {
    Json body = Json::object();
    body.set("message", error.message);
    body.set("code", error.api_code);
    body.set("status", error.http_status);
    body.set("contextId", context_id);
    body.set("details", Json::array());
    body.set("errors", Json::array());
    return body;
}

Error invalid_query_parameter(const std::string& name, const std::string& value,
                              const std::string& allowed) {
    return api_error(
        400, "invalid.query.param.value",
        "Value [" + value + "] is not valid for query parameter " + name + ": " + allowed);
}

std::string rate_limit_message(int retry_after_seconds) {
    return "Rate limit exceeded the maximum. Retry the request in [" +
           std::to_string(retry_after_seconds) + "] seconds";
}

}  // namespace dactl::emulator
