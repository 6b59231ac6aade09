#pragma once
// HttpRequest and HttpResponse: the emulator's view of one exchange, free of the
// HTTP library so that the handlers can be tested without a socket.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/util/result.h"
#include "tests/emulator/clock.h"
#include "tests/emulator/json_value.h"

namespace dactl::emulator {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;  ///< "GET", "PATCH", ...
    std::string path;    ///< decoded path, without the query
    std::string query;   ///< the raw query string after '?', as sent ("" when none)
    HeaderList headers;
    std::string body;

    /// The first header named `name` (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
};

/// What a handler knows about the request beyond its text.
struct RequestContext {
    std::string correlation_id;
    TimePoint now;
};

struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::string body;
    HeaderList headers;
    /// When set, the body is this ErrorBody's, completed with the correlation id.
    std::optional<Error> error;
    /// The client gets no answer at all: the connection is closed unanswered.
    bool drop_connection = false;

    /// An answer whose body is `value` as JSON text.
    static HttpResponse json(int status, const Json& value);
    /// A text/plain answer.
    static HttpResponse text(int status, std::string body);
    /// An ErrorBody answer with the status of `error`.
    static HttpResponse failure(Error error);
    /// An answer without a body.
    static HttpResponse empty(int status);
};

/// The 405 "method.not.allowed" answer for `request`, with `Allow: <allowed>`.
HttpResponse method_not_allowed(const HttpRequest& request, std::string_view allowed);

/// The request's body as JSON; fails with 400 "bad.request" when it is not JSON.
Result<Json> parse_json_body(const HttpRequest& request);

}  // namespace dactl::emulator
