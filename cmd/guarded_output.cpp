#include "cmd/guarded_output.h"

#include <cerrno>
#include <unistd.h>

namespace dactl::cli {

namespace {

// Complete lines are sent once this much is buffered (secrets never span lines).
constexpr std::size_t k_send_at = std::size_t{64} * 1024;

}  // namespace

GuardedOutput::GuardedOutput(int fd, const Redactor& redactor, std::atomic<bool>& interrupted,
                             std::atomic<bool>& failed)
    : m_fd(fd), m_redactor(redactor), m_interrupted(interrupted), m_failed(failed) {}

GuardedOutput::~GuardedOutput() {
    send(m_buffer.size());
}

GuardedOutput::int_type GuardedOutput::overflow(int_type ch) {
    if (ch != traits_type::eof()) {
        m_buffer += traits_type::to_char_type(ch);
        if (m_buffer.size() >= k_send_at) {
            send(m_buffer.rfind('\n') + 1);
        }
    }
    return traits_type::not_eof(ch);
}

std::streamsize GuardedOutput::xsputn(const char* text, std::streamsize count) {
    m_buffer.append(text, static_cast<std::size_t>(count));
    if (m_buffer.size() >= k_send_at) {
        send(m_buffer.rfind('\n') + 1);
    }
    return count;
}

int GuardedOutput::sync() {
    send(m_buffer.size());
    return 0;
}

// Sends the first `length` bytes; 0 (no complete line yet: rfind gave npos) sends nothing.
void GuardedOutput::send(std::size_t length) {
    if (length == 0) {
        return;
    }
    const std::string chunk = m_redactor.redact(std::string_view(m_buffer).substr(0, length));
    m_buffer.erase(0, length);
    if (!m_failed.load()) {
        write_all(chunk);
    }
}

void GuardedOutput::write_all(const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t written = ::write(m_fd, text.data() + done, text.size() - done);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            m_failed = true;
            m_interrupted = true;
            return;
        }
        done += static_cast<std::size_t>(written);
    }
}

}  // namespace dactl::cli
