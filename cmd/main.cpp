// dactl's entry point: wires the real terminal, environment, clock, signals and
// Genesys provider into the command line.

#include <cstdlib>
#include <iostream>
#include <signal.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "cmd/connect.h"

namespace {

std::atomic<bool> g_interrupted{false};

// First Ctrl-C: finish what is in flight, then stop. Second: leave at once.
void on_interrupt(int /*signal*/) {
    if (g_interrupted.exchange(true)) {
        ::_exit(dactl::cli::k_exit_interrupted);
    }
    const char message[] =
        "\nInterrupted: finishing the requests in flight (Ctrl-C again to abort)\n";
    ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
}

}  // namespace

int main(int argc, char** argv) {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);

    dactl::cli::Context context{
        dactl::cli::Console{std::cout, std::cerr, std::cin, ::isatty(STDOUT_FILENO) == 1,
                            ::isatty(STDIN_FILENO) == 1, ::isatty(STDERR_FILENO) == 1},
        [](const char* name) -> std::optional<std::string> {
            const char* value = std::getenv(name);
            return value == nullptr ? std::nullopt : std::optional<std::string>(value);
        },
        dactl::cli::connect_genesys,
        [] { return std::chrono::system_clock::now(); },
        [] { return std::chrono::steady_clock::now(); },
        &g_interrupted,
    };
    std::vector<std::string> args(argv + 1, argv + argc);
    int code = dactl::cli::run(args, context);
    std::cout.flush();
    return code;
}
