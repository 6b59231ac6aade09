#include "tests/support/process.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace dactl::testing {

namespace {

std::vector<std::string> child_environment(const ProcessOptions& options) {
    std::map<std::string, std::string> merged;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string text(*entry);
        auto equals = text.find('=');
        if (equals != std::string::npos) {
            merged[text.substr(0, equals)] = text.substr(equals + 1);
        }
    }
    for (const auto& name : options.unset) {
        merged.erase(name);
    }
    for (const auto& [name, value] : options.environment) {
        merged[name] = value;
    }
    std::vector<std::string> out;
    for (const auto& [name, value] : merged) {
        out.push_back(name + "=" + value);
    }
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& text : strings) {
        out.push_back(text.data());
    }
    out.push_back(nullptr);
    return out;
}

int decode_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

void pump(int in_fd, int out_fd, int err_fd, std::string input, ProcessResult& result, pid_t pid,
          std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t written = 0;
    if (input.empty()) {
        ::close(in_fd);
        in_fd = -1;
    }
    while (out_fd >= 0 || err_fd >= 0) {
        std::vector<pollfd> fds;
        if (out_fd >= 0)
            fds.push_back({out_fd, POLLIN, 0});
        if (err_fd >= 0)
            fds.push_back({err_fd, POLLIN, 0});
        if (in_fd >= 0)
            fds.push_back({in_fd, POLLOUT, 0});
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            break;
        }
        if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) {
            break;
        }
        for (const auto& fd : fds) {
            if (fd.revents == 0)
                continue;
            if (fd.fd == in_fd) {
                ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
                written += n > 0 ? static_cast<std::size_t>(n) : 0;
                if (n < 0 || written == input.size()) {
                    ::close(in_fd);
                    in_fd = -1;
                }
                continue;
            }
            char buffer[65536];
            ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
            if (n <= 0) {
                ::close(fd.fd);
                (fd.fd == out_fd ? out_fd : err_fd) = -1;
                continue;
            }
            (fd.fd == out_fd ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
        }
    }
    for (int fd : {in_fd, out_fd, err_fd}) {
        if (fd >= 0)
            ::close(fd);
    }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
        ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    ::signal(SIGPIPE, SIG_IGN);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    if (!options.working_directory.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());
    }
    std::vector<std::string> args = argv;
    std::vector<std::string> env = child_environment(options);
    std::vector<char*> arg_pointers = pointers(args);
    std::vector<char*> env_pointers = pointers(env);
    pid_t pid = -1;
    int spawned = ::posix_spawn(&pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(),
                                env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned != 0) {
        ::close(in_pipe[1]);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(spawned));
    }
    ProcessResult result;
    pump(in_pipe[1], out_pipe[0], err_pipe[0], options.input, result, pid, options.timeout);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = decode_status(status);
    return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::string& log_path) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers = pointers(args);
    int spawned =
        ::posix_spawn(&m_pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(spawned));
    }
}

BackgroundProcess::~BackgroundProcess() {
    if (m_reaped) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 50 && running(); ++i) {
        ::usleep(20000);
    }
    if (running()) {
        ::kill(m_pid, SIGKILL);
        wait();
    }
}

bool BackgroundProcess::running() {
    if (m_reaped) {
        return false;
    }
    if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
        m_reaped = true;
        return false;
    }
    return true;
}

void BackgroundProcess::signal(int number) {
    if (!m_reaped) {
        ::kill(m_pid, number);
    }
}

int BackgroundProcess::wait() {
    if (!m_reaped) {
        ::waitpid(m_pid, &m_status, 0);
        m_reaped = true;
    }
    return decode_status(m_status);
}

}  // namespace dactl::testing
