#pragma once
// Context: everything a command touches outside its arguments. main() wires the
// real terminal, environment and Genesys provider; tests wire fakes.

#include <atomic>
#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "engine/model/project.h"
#include "engine/provider/provider.h"
#include "engine/render/palette.h"
#include "engine/util/redactor.h"

namespace dactl::cli {

struct Console {
    std::ostream& out;
    std::ostream& err;
    std::istream& in;
    bool out_is_tty = false;
    bool in_is_tty = false;
    bool err_is_tty = false;
    /// Whether standard input is closed or already at its end, answered
    /// without waiting for input that has not arrived yet (empty: never).
    std::function<bool()> in_ended = {};
};

/// Looks up an environment variable; nothing when unset.
using Environment = std::function<std::optional<std::string>(const char* name)>;

/// What a command asks of the connection besides the environment.
struct ConnectionOptions {
    const Project* project = nullptr;  ///< for dactl.toml's region
    bool verbose = false;              ///< log each request (never secrets) to stderr
    int parallelism = 10;              ///< requests in flight at once
    /// Set on Ctrl-C: the connection starts no request, cuts off those in flight
    /// after a grace period, and stops retrying and waiting.
    const std::atomic<bool>* interrupted = nullptr;
    /// Learns the run's secrets (client secret, tokens) so that nothing printed holds them.
    std::shared_ptr<Redactor> redactor;
};

/// Makes the provider for the org named by the environment and settings. Fails
/// with a one-line, user-facing error (missing credentials, unknown region...).
using ProviderFactory =
    std::function<Result<std::unique_ptr<Provider>>(const ConnectionOptions&, const Environment&)>;

struct Context {
    Console console;
    Environment environment;
    ProviderFactory make_provider;
    std::function<std::chrono::system_clock::time_point()> now;
    /// The clock durations are measured with (probe); empty: steady_clock.
    std::function<std::chrono::steady_clock::time_point()> monotonic;
    /// Set on Ctrl-C, SIGTERM, SIGHUP or a closed standard output; commands stop
    /// starting new work when it is.
    const std::atomic<bool>* interrupted = nullptr;
    /// Cuts the run's secrets out of everything printed (main wraps standard
    /// output and error with it) and out of the reports dactl writes.
    std::shared_ptr<Redactor> redactor = std::make_shared<Redactor>();
};

/// The palette for standard output: colour only on a terminal, and never with
/// NO_COLOR set (to anything but "") or `--no-color`, or TERM=dumb.
Palette output_palette(const Context& context, bool no_color_flag);

}  // namespace dactl::cli
