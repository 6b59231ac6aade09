#pragma once
// Child processes for end-to-end tests: run one to completion capturing its
// output, or keep one (the emulator) running in the background.

#include <chrono>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace dactl::testing {

struct ProcessResult {
    int exit_code = -1;  ///< the exit status, or 128 + signal number
    std::string out;
    std::string err;
};

struct ProcessOptions {
    std::map<std::string, std::string> environment;  ///< added to (or replacing in) ours
    std::vector<std::string> unset;                  ///< removed from ours
    std::string input;                               ///< written to its standard input
    std::string working_directory;                   ///< empty: ours
    std::chrono::milliseconds timeout{120000};       ///< killed (SIGKILL) after this
};

/// Runs `argv` to completion. Throws std::runtime_error if it cannot start.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// A process running in the background; SIGTERM then SIGKILL when destroyed.
class BackgroundProcess {
public:
    BackgroundProcess(const std::vector<std::string>& argv, const std::string& log_path);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    pid_t pid() const { return m_pid; }
    /// True while it has not exited.
    bool running();
    /// Sends a signal.
    void signal(int number);
    /// Waits for it to exit; answers its exit code (or 128 + signal).
    int wait();

private:
    pid_t m_pid = -1;
    bool m_reaped = false;
    int m_status = 0;
};

}  // namespace dactl::testing
