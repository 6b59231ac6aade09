#pragma once
// GuardedOutput: what standard output and error go through. Every chunk is cut
// of the run's secrets (Redactor) before it leaves, and a write that fails (a
// pipe whose reader went away: `dactl apply | head -1`) does not kill the run:
// it raises the interrupt flag, so the run stops starting new work and ends
// cleanly, as on Ctrl-C, and later output is dropped.

#include <atomic>
#include <streambuf>
#include <string>

#include "engine/util/redactor.h"

namespace dactl::cli {

class GuardedOutput : public std::streambuf {
public:
    /// Writes to `fd`. On a failed write sets `failed` and `interrupted`.
    GuardedOutput(int fd, const Redactor& redactor, std::atomic<bool>& interrupted,
                  std::atomic<bool>& failed);
    ~GuardedOutput() override;
    GuardedOutput(const GuardedOutput&) = delete;
    GuardedOutput& operator=(const GuardedOutput&) = delete;

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    /// Sends everything buffered, a partial line included.
    int sync() override;

private:
    void send(std::size_t length);
    void write_all(const std::string& text);

    int m_fd;
    const Redactor& m_redactor;
    std::atomic<bool>& m_interrupted;
    std::atomic<bool>& m_failed;
    std::string m_buffer;
};

}  // namespace dactl::cli
