#include "tests/emulator/http_types.h"

#include <strings.h>

#include "tests/emulator/error_body.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

std::string HttpRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
            return value;
        }
    }
    return "";
}

HttpResponse HttpResponse::json(int status, const Json& value) {
    HttpResponse response;
    response.status = status;
    response.content_type = "application/json";
    response.body = write_json(value);
    return response;
}

HttpResponse HttpResponse::text(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.content_type = "text/plain; charset=UTF-8";
    response.body = std::move(body);
    return response;
}

HttpResponse HttpResponse::failure(Error error) {
    HttpResponse response;
    response.status = error.http_status;
    response.content_type = "application/json";
    response.error = std::move(error);
    return response;
}

HttpResponse method_not_allowed(const HttpRequest& request, std::string_view allowed) {
    HttpResponse response = HttpResponse::failure(
        api_error(405, "method.not.allowed",
                  "HTTP method " + request.method + " is not supported on " + request.path));
    response.headers.emplace_back("Allow", std::string(allowed));
    return response;
}

HttpResponse HttpResponse::empty(int status) {
    HttpResponse response;
    response.status = status;
    return response;
}

Result<Json> parse_json_body(const HttpRequest& request) {
    Result<Json> body = parse_json(request.body);
    if (!body) {
        return api_error(400, "bad.request", "The body is not valid JSON: " + body.error().message);
    }
    return body;
}

}  // namespace dactl::emulator
