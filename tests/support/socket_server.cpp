#include "tests/support/socket_server.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace dactl::testing {

namespace {

int bound_socket(int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        throw std::runtime_error("SocketServer: socket() failed");
    }
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("SocketServer: bind() failed");
    }
    port = ntohs(address.sin_port);
    return fd;
}

// Reads one request: the head up to the blank line, then Content-Length bytes.
std::string read_request(int connection) {
    std::string data;
    char buffer[4096];
    std::size_t wanted = std::string::npos;
    while (wanted == std::string::npos || data.size() < wanted) {
        const ssize_t got = ::recv(connection, buffer, sizeof buffer, 0);
        if (got <= 0) {
            break;
        }
        data.append(buffer, static_cast<std::size_t>(got));
        const std::size_t head_end = data.find("\r\n\r\n");
        if (wanted == std::string::npos && head_end != std::string::npos) {
            std::size_t body = 0;
            const std::size_t at = data.find("Content-Length: ");
            if (at != std::string::npos && at < head_end) {
                body = std::strtoul(data.c_str() + at + 16, nullptr, 10);
            }
            wanted = head_end + 4 + body;
        }
    }
    return data;
}

}  // namespace

SocketServer::SocketServer(Respond respond) : m_respond(std::move(respond)) {
    m_listener = bound_socket(m_port);
    if (::listen(m_listener, 16) != 0) {
        ::close(m_listener);
        throw std::runtime_error("SocketServer: listen() failed");
    }
    m_thread = std::thread([this] { serve(); });
}

SocketServer::~SocketServer() {
    m_stop = true;
    m_thread.join();
    ::close(m_listener);
}

std::string SocketServer::base_url() const {
    return "http://127.0.0.1:" + std::to_string(m_port);
}

std::vector<std::string> SocketServer::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

void SocketServer::serve() {
    while (!m_stop) {
        pollfd waiting{m_listener, POLLIN, 0};
        if (::poll(&waiting, 1, 20) <= 0) {
            continue;
        }
        const int connection = ::accept(m_listener, nullptr, nullptr);
        if (connection >= 0) {
            serve_connection(connection);
            ::close(connection);
        }
    }
}

void SocketServer::serve_connection(int connection) {
    const std::string request = read_request(connection);
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
    }
    const std::string answer = m_respond(request);
    std::size_t sent = 0;
    while (sent < answer.size()) {
        const ssize_t wrote =
            ::send(connection, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
        if (wrote <= 0) {
            break;
        }
        sent += static_cast<std::size_t>(wrote);
    }
}

std::string http_answer(const std::string& status_line, const std::string& headers,
                        const std::string& body) {
    return "HTTP/1.1 " + status_line + "\r\n" + headers +
           "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
           body;
}

int unused_port() {
    int port = 0;
    ::close(bound_socket(port));
    return port;
}

}  // namespace dactl::testing
