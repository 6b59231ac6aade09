#pragma once
// SocketServer: a one-thread HTTP/1.1 server on 127.0.0.1 made of POSIX
// sockets, for testing the curl transport against real connections. Each
// connection carries one request; `respond` gives the raw bytes to answer with
// (an empty string closes the connection without answering).

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dactl::testing {

class SocketServer {
public:
    using Respond = std::function<std::string(const std::string& request)>;

    /// Listens on a free loopback port and serves until destroyed.
    explicit SocketServer(Respond respond);
    ~SocketServer();
    SocketServer(const SocketServer&) = delete;
    SocketServer& operator=(const SocketServer&) = delete;

    /// The port it listens on.
    int port() const { return m_port; }
    /// "http://127.0.0.1:<port>"
    std::string base_url() const;
    /// Every request received (head and body, as sent), in order.
    std::vector<std::string> requests() const;

private:
    void serve();
    void serve_connection(int connection);

    Respond m_respond;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::vector<std::string> m_requests;
    std::thread m_thread;
};

/// A complete HTTP/1.1 answer with this status line, extra header lines
/// ("Name: value\r\n" each) and body, closing the connection.
std::string http_answer(const std::string& status_line, const std::string& headers,
                        const std::string& body);

/// A port on 127.0.0.1 with nothing listening on it (bound, then released).
int unused_port();

}  // namespace dactl::testing
