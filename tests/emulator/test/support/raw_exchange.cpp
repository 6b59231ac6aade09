#include <arpa/inet.h>
#include <array>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/emulator/test/support/test_server.h"

namespace dactl::emulator::testing {

std::string raw_exchange(int port, const std::string& bytes) {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (socket < 0 ||
        ::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot connect to the test server");
    }
    ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    std::string received;
    std::array<char, 4096> buffer{};
    for (;;) {
        pollfd descriptor{socket, POLLIN, 0};
        if (::poll(&descriptor, 1, 5000) <= 0) {
            break;
        }
        const ssize_t count = ::recv(socket, buffer.data(), buffer.size(), 0);
        if (count <= 0) {
            break;
        }
        received.append(buffer.data(), static_cast<std::size_t>(count));
    }
    ::close(socket);
    return received;
}

}  // namespace dactl::emulator::testing
