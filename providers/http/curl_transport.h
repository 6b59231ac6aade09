#pragma once
// CurlTransport: the real Transport, over libcurl. TLS peers are always
// verified; only http and https are spoken; redirects are not followed; https
// goes through HTTPS_PROXY (NO_PROXY honoured), plain http never through a proxy.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "providers/http/transport.h"

namespace dactl::http {

struct CurlOptions {
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds total_timeout{60000};  ///< for the whole exchange
    std::string ca_bundle;                           ///< a PEM file; empty: the system's
    std::size_t max_response_bytes = 16 * 1024 * 1024;
    /// How long an exchange in flight may go on after the interrupt before it
    /// is cut off: long enough for an answer on its way, short enough that a
    /// stalled server does not hold the run.
    std::chrono::milliseconds interrupt_grace{2000};
};

class CurlTransport : public Transport {
public:
    /// Initialises libcurl once per process.
    explicit CurlTransport(CurlOptions options);
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    /// Sends the request (safe from several threads; connections are reused).
    /// Fails with ErrorKind::timeout when connecting or the whole exchange took
    /// longer than allowed, ErrorKind::invalid_response when the body exceeds
    /// max_response_bytes, and ErrorKind::transport for any other failure. The
    /// message names the method and URL, never headers or bodies.
    Result<Response> send(const Request& request) override;

private:
    struct Pool;
    CurlOptions m_options;
    std::unique_ptr<Pool> m_pool;
};

}  // namespace dactl::http
