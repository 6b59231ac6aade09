#pragma once
// ConnectionStream: one accepted connection as httplib's Stream, kept for the
// connection's whole life (so bytes read ahead are not lost between requests),
// and able to drop the answer: once dropped, nothing more is written.

#include <chrono>
#include <string>
#include <vector>

#include <httplib.h>

namespace dactl::emulator {

class ConnectionStream : public httplib::Stream {
public:
    /// Wraps the connected socket `socket` (not owned: the server closes it).
    ConnectionStream(int socket, std::chrono::seconds read_timeout,
                     std::chrono::seconds write_timeout);

    /// From now on every write fails without sending anything.
    void drop() { m_dropped = true; }
    /// True once drop() was called.
    bool dropped() const { return m_dropped; }

    /// httplib::Stream over the socket: reads are buffered, writes fail once dropped.
    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* data, size_t size) override;
    ssize_t write(const char* data, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return m_socket; }

private:
    int m_socket;
    std::chrono::seconds m_read_timeout;
    std::chrono::seconds m_write_timeout;
    std::vector<char> m_buffer;
    std::size_t m_buffer_start = 0;
    std::size_t m_buffer_end = 0;
    bool m_dropped = false;
};

}  // namespace dactl::emulator
