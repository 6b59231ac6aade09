#include "tests/emulator/connection_stream.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace dactl::emulator {

namespace {

constexpr std::size_t k_buffer_size = std::size_t{16} * 1024;

bool wait_for(int socket, short events, std::chrono::seconds timeout) {
    pollfd descriptor{socket, events, 0};
    const int milliseconds = static_cast<int>(std::chrono::milliseconds(timeout).count());
    int ready = 0;
    do {
        ready = ::poll(&descriptor, 1, milliseconds);
    } while (ready < 0 && errno == EINTR);
    return ready > 0 && (descriptor.revents & (events | POLLHUP)) != 0;
}

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (address.ss_family == AF_INET) {
        const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(&address);
        ::inet_ntop(AF_INET, &ipv4->sin_addr, text.data(), text.size());
        port = ntohs(ipv4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(&address);
        ::inet_ntop(AF_INET6, &ipv6->sin6_addr, text.data(), text.size());
        port = ntohs(ipv6->sin6_port);
    }
    ip = text.data();
}

}  // namespace

ConnectionStream::ConnectionStream(int socket, std::chrono::seconds read_timeout,
                                   std::chrono::seconds write_timeout)
    : m_socket(socket),
      m_read_timeout(read_timeout),
      m_write_timeout(write_timeout),
      m_buffer(k_buffer_size) {}

bool ConnectionStream::is_readable() const {
    return m_buffer_start < m_buffer_end || wait_for(m_socket, POLLIN, m_read_timeout);
}

bool ConnectionStream::is_writable() const {
    return !m_dropped && wait_for(m_socket, POLLOUT, m_write_timeout);
}

ssize_t ConnectionStream::read(char* data, size_t size) {
    if (m_buffer_start == m_buffer_end) {
        if (!wait_for(m_socket, POLLIN, m_read_timeout)) {
            return -1;
        }
        ssize_t received = 0;
        do {
            received = ::recv(m_socket, m_buffer.data(), m_buffer.size(), 0);
        } while (received < 0 && errno == EINTR);
        if (received <= 0) {
            return received;
        }
        m_buffer_start = 0;
        m_buffer_end = static_cast<std::size_t>(received);
    }
    const std::size_t count = std::min(size, m_buffer_end - m_buffer_start);
    std::memcpy(data, m_buffer.data() + m_buffer_start, count);
    m_buffer_start += count;
    return static_cast<ssize_t>(count);
}

ssize_t ConnectionStream::write(const char* data, size_t size) {
    if (m_dropped || !wait_for(m_socket, POLLOUT, m_write_timeout)) {
        return -1;
    }
    ssize_t sent = 0;
    do {
        sent = ::send(m_socket, data, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_socket, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        address_of(address, ip, port);
    }
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        address_of(address, ip, port);
    }
}

}  // namespace dactl::emulator
