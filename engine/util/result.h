#pragma once
// Result<T>: the return type of every fallible call in dactl. It holds either a
// value or an Error; no exception crosses a module boundary.

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace dactl {

/// What went wrong, in terms a caller can act on.
enum class ErrorKind {
    generic,              ///< anything not listed below
    invalid_input,        ///< the user's input (files, flags, environment) is wrong
    io,                   ///< a local file could not be read or written
    transport,            ///< no HTTP answer: connection refused, reset, or dropped
    timeout,              ///< no complete HTTP answer within the time allowed
    bad_request,          ///< HTTP 400
    unauthorized,         ///< HTTP 401
    forbidden,            ///< HTTP 403
    not_found,            ///< HTTP 404
    conflict,             ///< HTTP 409, or another sign that the version was stale
    rate_limited,         ///< HTTP 429 after the allowed waiting
    server,               ///< HTTP 5xx
    invalid_response,     ///< an answer that is not what the API documents
    inconsistent,         ///< a listing that contradicts itself (the org changed while read?)
    interval_refused,     ///< HTTP 400: an analytics interval longer than the service takes
    granularity_refused,  ///< HTTP 400: more analytics buckets than the service gives
    cancelled,            ///< the user interrupted the run
};

/// A failure with everything needed to report it: what happened, and for API
/// calls the HTTP status, the API's error code and the correlation id.
struct Error {
    ErrorKind kind = ErrorKind::generic;
    std::string message;
    int http_status = 0;         ///< 0 when there was no HTTP answer
    std::string api_code;        ///< ErrorBody.code, e.g. "constraint.validation"
    std::string correlation_id;  ///< the answer's ININ-Correlation-Id header
    /// The call never reached the API: logging in failed. Its message says so,
    /// and callers do not word it as a failure of what they were doing.
    bool at_login = false;

    /// One line: the message, then "(HTTP 409 conflict, correlation id X)" where known.
    std::string describe() const;
};

/// Builds an Error of the given kind with a message.
inline Error make_error(ErrorKind kind, std::string message) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    return error;
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

}  // namespace dactl
