// decode_error: what a non-2xx answer means, in the words of the API.
#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/util/ascii.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/answer_page.h"

namespace dactl::genesys {

namespace {

ErrorKind kind_of(int status) {
    switch (status) {
        case 400:
            return ErrorKind::bad_request;
        case 401:
            return ErrorKind::unauthorized;
        case 403:
            return ErrorKind::forbidden;
        case 404:
            return ErrorKind::not_found;
        case 408:
            return ErrorKind::timeout;
        case 409:
            return ErrorKind::conflict;
        case 429:
            return ErrorKind::rate_limited;
        default:
            return status >= 500 && status < 600 ? ErrorKind::server : ErrorKind::generic;
    }
}

// A 400 the vendor's Terraform provider also treats as a version clash.
bool says_version_mismatch(std::string_view message) {
    const std::string text = ascii_lower(message);
    return text.find("version") != std::string::npos &&
           text.find("does not match") != std::string::npos &&
           text.find("current version") != std::string::npos;
}

}  // namespace

Error decode_error(const http::Response& response, std::string_view what) {
    Error error;
    error.http_status = response.status;
    error.kind = kind_of(response.status);
    error.correlation_id = response.header("ININ-Correlation-Id");
    rapidjson::Document body;
    if (response.status >= 300 && response.status < 400) {
        error.message = redirect_text(response, what);
    } else if (!parse_json(response.body, body, Utf8::trusted) && body.IsObject()) {
        error.message = text_member(body, "message");
        error.api_code = text_member(body, "code");
        if (error.correlation_id.empty()) {
            error.correlation_id = text_member(body, "contextId");
        }
    } else {
        error.message = page_excerpt(response.body);
    }
    if (error.message.empty()) {
        error.message = std::string(what) + ": the answer carried no error message";
    }
    if (response.status == 400 && says_version_mismatch(error.message)) {
        error.kind = ErrorKind::conflict;
    }
    return error;
}

}  // namespace dactl::genesys
