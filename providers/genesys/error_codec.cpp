// decode_error: what a non-2xx answer means, in the words of the API.
#include <cctype>

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/util/ascii.h"
#include "providers/genesys/action_codec.h"

namespace dactl::genesys {

namespace {

constexpr std::size_t k_page_excerpt = 200;

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

bool looks_like_markup(std::string_view body) {
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && body[first] == '<';
}

// The first printable characters of a page that is not JSON (a proxy's HTML
// error page, say): tags of an HTML page dropped, whitespace runs folded into
// single spaces, control and non-ASCII bytes left out.
std::string excerpt(std::string_view body) {
    const bool markup = looks_like_markup(body);
    std::string text;
    bool space = false;
    bool in_tag = false;
    for (char c : body) {
        const auto byte = static_cast<unsigned char>(c);
        if (markup && (in_tag || c == '<')) {
            in_tag = c != '>';
            space = space || !text.empty();
            continue;
        }
        if (std::isspace(byte) != 0) {
            space = !text.empty();
            continue;
        }
        if (byte < 0x20 || byte > 0x7e) {
            continue;
        }
        if (space) {
            text += ' ';
            space = false;
        }
        text += c;
        if (text.size() >= k_page_excerpt) {
            break;
        }
    }
    return text.substr(0, k_page_excerpt);
}

}  // namespace

Error decode_error(const http::Response& response, std::string_view what) {
    Error error;
    error.http_status = response.status;
    error.kind = kind_of(response.status);
    error.correlation_id = response.header("ININ-Correlation-Id");
    rapidjson::Document body;
    if (!parse_json(response.body, body, Utf8::trusted) && body.IsObject()) {
        error.message = text_member(body, "message");
        error.api_code = text_member(body, "code");
        if (error.correlation_id.empty()) {
            error.correlation_id = text_member(body, "contextId");
        }
    } else {
        error.message = excerpt(response.body);
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
