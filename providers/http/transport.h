#pragma once
// Transport: sends one HTTP request and returns the answer. The curl-backed
// implementation is the only code in dactl that includes <curl/curl.h>; tests
// replace it with a fake that records requests and plays back answers.
//
// Implementations must be safe to call from several threads at once.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/util/result.h"

namespace dactl::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;  ///< "GET", "POST", "PATCH", ...
    std::string url;     ///< absolute, query string included
    Headers headers;
    std::string body;
    /// When set, the exchange is cut off once this has been true for the
    /// transport's grace period (ErrorKind::cancelled); null: never.
    const std::atomic<bool>* interrupted = nullptr;
    /// At most this long for the whole exchange, when shorter than the
    /// transport's own limit (a read that is optional, given up sooner).
    std::optional<std::chrono::milliseconds> timeout = std::nullopt;
};

struct Response {
    int status = 0;
    Headers headers;  ///< names as received
    std::string body;

    /// The first header with this name, compared without regard to case; "" if absent.
    std::string header(std::string_view name) const;
};

class Transport {
public:
    virtual ~Transport() = default;

    /// Sends the request and waits for the complete answer. Any HTTP status is a
    /// success here. Fails with ErrorKind::transport when no answer came
    /// (connection refused, reset, dropped), ErrorKind::timeout when it came
    /// too slowly, and ErrorKind::cancelled when the interrupt cut it off (the
    /// request may or may not have reached the server); the message names the
    /// method and URL without query secrets. A header whose name or value holds
    /// CR, LF or NUL is refused (ErrorKind::invalid_input) and nothing is sent.
    virtual Result<Response> send(const Request& request) = 0;
};

}  // namespace dactl::http
