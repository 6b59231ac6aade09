// genesys-emulator: parse the command line, load the seed, serve until SIGTERM or SIGINT.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <signal.h>

#include "tests/emulator/command_line.h"
#include "tests/emulator/emulator.h"
#include "tests/emulator/http_server.h"
#include "tests/emulator/seed_loader.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

constexpr int k_worker_threads = 64;

int fail(const std::string& message) {
    std::fprintf(stderr, "genesys-emulator: %s\n", message.c_str());
    return 2;
}

// Writes the port to `path` through a temporary file and a rename, so readers never see half of it.
Status write_port_file(const std::string& path, int port) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << port << '\n';
        if (!out.flush()) {
            return make_error(ErrorKind::io, path + ": cannot write the port file");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        return make_error(ErrorKind::io, path + ": cannot write the port file: " + error.message());
    }
    return {};
}

RequestObserver console_log(Verbosity verbosity) {
    if (verbosity == Verbosity::quiet) {
        return nullptr;
    }
    return [mutex = std::make_shared<std::mutex>()](const HttpRequest& request,
                                                    const HttpResponse& response) {
        const std::string query = request.query.empty() ? "" : "?" + request.query;
        const std::string status =
            response.drop_connection ? "dropped" : std::to_string(response.status);
        std::lock_guard lock(*mutex);
        std::printf("%s %s%s -> %s\n", request.method.c_str(), request.path.c_str(), query.c_str(),
                    status.c_str());
        std::fflush(stdout);
    };
}

}  // namespace

int main(int argc, char** argv) {
    Result<CommandLine> line = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    if (!line) {
        return fail(line.error().message);
    }
    if (line->help) {
        std::fputs(usage().c_str(), stdout);
        return 0;
    }
    Result<std::vector<ActionEntry>> seed = load_seed(line->seed_path);
    if (!seed) {
        return fail(seed.error().message);
    }
    if (line->plain_auth_ids) {
        plain_auth_ids(*seed);
    }
    // Block the stop signals in every thread; the main thread waits for them below.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Emulator emulator(std::move(*seed),
                      EmulatorOptions{line->client, line->settings, line->organization,
                                      console_log(line->verbosity)});
    HttpServer server([&emulator](const HttpRequest& request) { return emulator.handle(request); },
                      k_worker_threads);
    Result<int> port = server.bind(line->port);
    if (!port) {
        return fail(port.error().message);
    }
    server.start();
    std::printf("listening on 127.0.0.1:%d\n", *port);
    std::fflush(stdout);
    if (!line->port_file.empty()) {
        if (Status written = write_port_file(line->port_file, *port); !written) {
            return fail(written.error().message);
        }
    }
    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
    return 0;
}
