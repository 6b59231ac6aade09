#pragma once
// HttpServer: serves a request handler over HTTP/1.1 on 127.0.0.1 with a pool
// of worker threads, and can close a connection without answering. The one
// place (with the tests' client) that uses cpp-httplib.

#include <functional>
#include <memory>

#include "engine/util/result.h"
#include "tests/emulator/http_types.h"

namespace dactl::emulator {

class HttpServer {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    /// A server that answers every request through `handler` (called from `threads`
    /// worker threads at once). An answer with drop_connection set is never sent: the
    /// connection is closed without a status line.
    HttpServer(Handler handler, int threads);
    /// Stops the server (see stop()).
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds 127.0.0.1:`port` (0: a free port) and listens; answers the port.
    /// Fails when the address cannot be bound.
    Result<int> bind(int port);
    /// Starts accepting connections on a background thread; returns once it accepts.
    void start();
    /// Stops accepting, lets the requests in progress finish and joins every thread.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dactl::emulator
