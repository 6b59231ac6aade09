// dactl's entry point: wires the real terminal, environment, clock, signals and
// Genesys provider into the command line.

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fcntl.h>
#include <iostream>
#include <new>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "cmd/connect.h"
#include "cmd/guarded_output.h"

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<bool> g_output_failed{false};
std::atomic<bool> g_error_failed{false};
std::atomic<std::int64_t> g_first_signal_ms{0};  ///< when the first signal came; 0: none yet

// A person pressing Ctrl-C again waits at least this long; a supervisor that
// delivers one signal twice (GNU timeout: to the child, then to its group)
// does it within microseconds.
constexpr std::int64_t k_second_press_ms = 1000;

std::int64_t monotonic_ms() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
    return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

void say(const char* text, std::size_t size) {
    ssize_t ignored = ::write(STDERR_FILENO, text, size);
    (void)ignored;
}

// The first SIGINT, SIGTERM or SIGHUP: no new work starts, the requests in
// flight get a short grace to finish, the state is written and the lock
// released. Only Ctrl-C pressed again, a second or more later, leaves at once:
// a signal delivered twice, or a supervisor's SIGTERM after its SIGINT (a CI
// cancel), never cuts the clean stop short.
void on_interrupt(int signal) {
    const std::int64_t now = monotonic_ms();
    std::int64_t first = g_first_signal_ms.load();
    if (first == 0) {
        g_first_signal_ms.store(now);
        const bool was_interrupted = g_interrupted.exchange(true);
        if (was_interrupted) {
            return;  // a closed output stopped the run already; it stops as it was
        }
        if (signal == SIGINT) {
            const char message[] =
                "\nInterrupted: finishing the requests in flight (Ctrl-C again to abort)\n";
            say(message, sizeof message - 1);
        } else {
            const char message[] =
                "\nStopping: finishing the requests in flight, then recording what was done\n";
            say(message, sizeof message - 1);
        }
        return;
    }
    if (signal == SIGINT && now - first >= k_second_press_ms) {
        ::_exit(dactl::cli::k_exit_interrupted);
    }
}

void install_signal_handlers() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
        ::sigaction(signal, &action, nullptr);
    }
    // A closed pipe is a failed write (GuardedOutput), not a reason to die
    // between a write to the org and the state file.
    ::signal(SIGPIPE, SIG_IGN);
}

// Closed (`<&-`) or at its end (`</dev/null`, a pipe whose writer is done):
// asked before apply reads the org, so that it refuses at once. Input that has
// not arrived yet is not an end: apply reads it after showing the plan.
bool standard_input_ended() {
    if (::fcntl(STDIN_FILENO, F_GETFD) == -1) {
        return true;
    }
    pollfd input{STDIN_FILENO, POLLIN, 0};
    if (::poll(&input, 1, 0) <= 0) {
        return false;
    }
    return std::cin.peek() == std::char_traits<char>::eof();
}

}  // namespace

int main(int argc, char** argv) {
    install_signal_handlers();
    auto redactor = std::make_shared<dactl::Redactor>();
    dactl::cli::GuardedOutput out(STDOUT_FILENO, *redactor, g_interrupted, g_output_failed);
    dactl::cli::GuardedOutput err(STDERR_FILENO, *redactor, g_interrupted, g_error_failed);
    std::cout.rdbuf(&out);
    std::cerr.rdbuf(&err);

    dactl::cli::Context context{
        dactl::cli::Console{std::cout, std::cerr, std::cin, ::isatty(STDOUT_FILENO) == 1,
                            ::isatty(STDIN_FILENO) == 1, ::isatty(STDERR_FILENO) == 1,
                            standard_input_ended},
        [](const char* name) -> std::optional<std::string> {
            const char* value = std::getenv(name);
            return value == nullptr ? std::nullopt : std::optional<std::string>(value);
        },
        dactl::cli::connect_genesys,
        [] { return std::chrono::system_clock::now(); },
        [] { return std::chrono::steady_clock::now(); },
        &g_interrupted,
        redactor,
    };
    std::vector<std::string> args(argv + 1, argv + argc);
    int code = dactl::cli::k_exit_error;
    // No exception is meant to get here (errors are Results); one that does is
    // a bug, reported in one line after the stack unwound (the lock released,
    // every file written atomically or not at all), never an abort.
    try {
        code = dactl::cli::run(args, context);
    } catch (const std::bad_alloc&) {
        std::cerr << "Error: out of memory; dactl stopped\n";
    } catch (const std::exception& failure) {
        std::cerr << "Error: internal error (" << failure.what()
                  << "); dactl stopped. Please report it with the command that was run\n";
    }
    std::cout.flush();
    if (g_output_failed) {
        std::cerr << "Error: standard output was closed before dactl finished writing to it; it "
                     "stopped as on Ctrl-C\n";
        code = dactl::cli::k_exit_error;
    }
    std::cerr.flush();
    std::cout.rdbuf(nullptr);
    std::cerr.rdbuf(nullptr);
    return code;
}
