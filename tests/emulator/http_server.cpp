#include "tests/emulator/http_server.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <httplib.h>

#include "tests/emulator/connection_stream.h"

namespace dactl::emulator {

namespace {

// The connection whose request the current worker thread is handling.
thread_local ConnectionStream* t_connection = nullptr;

// httplib's server with its per-connection loop replaced, so that a handler can
// drop its connection: the stream swallows the answer and the socket is closed.
class DroppingServer : public httplib::Server {
public:
    // The library listens with a backlog of 5, so a burst of clients connecting at once
    // loses SYNs and waits a second for the retry; listening again widens the queue.
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }

private:
    bool process_and_close_socket(socket_t sock) override {
        // Headers and body go out in separate writes; without this, Nagle's algorithm holds
        // the body back until the client's delayed ACK on every kept-alive request.
        const int on = 1;
        ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        ConnectionStream stream(sock, std::chrono::seconds(read_timeout_sec_),
                                std::chrono::seconds(write_timeout_sec_));
        bool served = false;
        for (std::size_t left = keep_alive_max_count_; left > 0 && wait_for_request(sock); --left) {
            bool connection_closed = false;
            t_connection = &stream;
            served = process_request(stream, left == 1, connection_closed, nullptr);
            t_connection = nullptr;
            if (!served || connection_closed || stream.dropped()) {
                break;
            }
        }
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return served;
    }

    // Waits for the next request on a kept-alive connection, in short slices so that
    // stop() is not held up by idle connections.
    bool wait_for_request(socket_t sock) const {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
        while (svr_sock_ != INVALID_SOCKET && std::chrono::steady_clock::now() < deadline) {
            pollfd descriptor{sock, POLLIN, 0};
            const int ready = ::poll(&descriptor, 1, 50);
            if (ready > 0) {
                return true;
            }
            if (ready < 0 && errno != EINTR) {
                return false;
            }
        }
        return false;
    }
};

HttpRequest to_request(const httplib::Request& request) {
    HttpRequest converted;
    converted.method = request.method;
    converted.path = request.path;
    const std::size_t question = request.target.find('?');
    if (question != std::string::npos) {
        converted.query = request.target.substr(question + 1);
    }
    for (const auto& [name, value] : request.headers) {
        if (name != "REMOTE_ADDR" && name != "REMOTE_PORT" && name != "LOCAL_ADDR" &&
            name != "LOCAL_PORT") {
            converted.headers.emplace_back(name, value);
        }
    }
    converted.body = request.body;
    return converted;
}

void fill_response(const HttpResponse& answer, httplib::Response& response) {
    response.status = answer.status;
    for (const auto& [name, value] : answer.headers) {
        response.set_header(name, value);
    }
    const std::string type = answer.content_type.empty() ? "text/plain" : answer.content_type;
    if (answer.body.empty()) {
        if (!answer.content_type.empty()) {
            response.set_content("", type);
        }
        return;
    }
    // A body with a known length goes out as it is: httplib would otherwise compress
    // set_content() bodies with Brotli at its slowest quality for clients that accept it.
    auto body = std::make_shared<std::string>(answer.body);
    response.set_content_provider(
        body->size(), type,
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            return sink.write(body->data() + offset, length);
        });
}

}  // namespace

struct HttpServer::Impl {
    Handler handler;
    int threads;
    DroppingServer server;
    std::thread listener;
};

HttpServer::HttpServer(Handler handler, int threads) : m_impl(std::make_unique<Impl>()) {
    m_impl->handler = std::move(handler);
    m_impl->threads = threads;
    DroppingServer& server = m_impl->server;
    server.new_task_queue = [this] {
        return new httplib::ThreadPool(static_cast<std::size_t>(m_impl->threads));
    };
    auto serve = [this](const httplib::Request& request, httplib::Response& response) {
        HttpResponse answer = m_impl->handler(to_request(request));
        if (answer.drop_connection && t_connection != nullptr) {
            t_connection->drop();
            return;
        }
        fill_response(answer, response);
    };
    // httplib refuses a POST, PUT or PATCH without Content-Length before any handler
    // sees it; the service takes it as an empty body, so answer it here.
    server.set_pre_routing_handler(
        [serve](const httplib::Request& request, httplib::Response& response) {
            const bool sends_body =
                request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
            if (!sends_body || request.has_header("Content-Length") ||
                request.has_header("Transfer-Encoding")) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            serve(request, response);
            return httplib::Server::HandlerResponse::Handled;
        });
    server.Get(".*", serve);
    server.Post(".*", serve);
    server.Put(".*", serve);
    server.Patch(".*", serve);
    server.Delete(".*", serve);
    server.Options(".*", serve);
    server.set_keep_alive_timeout(5);
}

HttpServer::~HttpServer() {
    stop();
}

Result<int> HttpServer::bind(int port) {
    DroppingServer& server = m_impl->server;
    if (port == 0) {
        const int bound = server.bind_to_any_port("127.0.0.1");
        if (bound > 0) {
            server.widen_backlog();
            return bound;
        }
    } else if (server.bind_to_port("127.0.0.1", port)) {
        server.widen_backlog();
        return port;
    }
    return make_error(ErrorKind::io, "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                                         std::strerror(errno));
}

void HttpServer::start() {
    m_impl->listener = std::thread([this] { m_impl->server.listen_after_bind(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!m_impl->server.is_running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void HttpServer::stop() {
    if (m_impl->listener.joinable()) {
        m_impl->server.stop();
        m_impl->listener.join();
    }
}

}  // namespace dactl::emulator
