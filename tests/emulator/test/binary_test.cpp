// The genesys-emulator program: start-up, port file, signals, exit codes, and
// the seed generator script.

#include <fstream>
#include <signal.h>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/seed_loader.h"
#include "tests/emulator/test/support/test_server.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using dactl::testing::BackgroundProcess;
using dactl::testing::ProcessResult;
using dactl::testing::run_process;
using dactl::testing::TempDir;
namespace emulator = dactl::emulator;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> command(const TempDir& dir, std::vector<std::string> extra) {
    std::vector<std::string> argv = {GENESYS_EMULATOR_BINARY,
                                     "--seed",
                                     (dir.path() / "seed.json").string(),
                                     "--port",
                                     "0",
                                     "--port-file",
                                     (dir.path() / "port").string(),
                                     "--client-id",
                                     "id",
                                     "--client-secret",
                                     "secret"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

// Waits for the port file; answers the port.
int wait_for_port(const TempDir& dir, BackgroundProcess& process) {
    for (int i = 0; i < 400 && process.running(); ++i) {
        const std::string text = read_file(dir.path() / "port");
        if (!text.empty()) {
            REQUIRE(text.back() == '\n');
            return std::stoi(text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL("the emulator did not write its port file: " << read_file(dir.path() / "log"));
    return 0;
}

std::string http_get(int port, const std::string& path) {
    const std::string answer = emulator::testing::raw_exchange(
        port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return answer.substr(answer.find("\r\n\r\n") + 4);
}

}  // namespace

TEST_CASE("the program announces its port, serves, and exits 0 on SIGTERM", "[emulator][binary]") {
    TempDir dir;
    dir.write("seed.json", emulator::testing::small_seed());
    BackgroundProcess process(command(dir, {"--rate-limit", "5/10", "--templates-as-uris"}),
                              (dir.path() / "log").string());
    const int port = wait_for_port(dir, process);
    REQUIRE(port > 0);
    REQUIRE(read_file(dir.path() / "log")
                .rfind("listening on 127.0.0.1:" + std::to_string(port) + "\n", 0) == 0);
    REQUIRE(
        http_get(port, "/__emulator/settings") ==
        R"({"rateLimit":{"requests":5,"windowSeconds":10,"clientRequests":3000},"rateTimeScale":1.0,"latencyMs":{"min":0,"max":0},)"
        R"("failEvery":{"n":0,"status":503},"dropEvery":0,"staleReadMs":0,"conflictNextPatches":0,)"
        R"("templatesAsUris":true,"orgMeForbidden":false,"timeScale":1.0,"tokenTtlSeconds":86400,)"
        R"("analyticsTimeoutErrorType":"REQUEST_TIMEOUT","analyticsPercentiles":true,)"
        R"("analyticsMaxIntervalDays":7,"analyticsMaxBuckets":0,"analyticsForbidden":false,"auditsForbidden":false,)"
        R"("auditServiceMapped":true,"auditPropertyNames":"dotted","functionTimeouts":"smaller",)"
        R"("draftVersions":"rise","dependencyTracking":"operational",)"
        R"("orgLimits":"present","concurrentExecutionsMax":50})");
    REQUIRE(http_get(port, "/api/v2/integrations/actions").find("authentication.required") !=
            std::string::npos);
    process.signal(SIGTERM);
    REQUIRE(process.wait() == 0);
    const std::string log = read_file(dir.path() / "log");
    REQUIRE(log.find("GET /api/v2/integrations/actions -> 401\n") != std::string::npos);
    REQUIRE(log.find("secret") == std::string::npos);
}

TEST_CASE("SIGINT stops it too, and --quiet prints only the listening line", "[emulator][binary]") {
    TempDir dir;
    dir.write("seed.json", emulator::testing::small_seed());
    BackgroundProcess process(command(dir, {"--quiet"}), (dir.path() / "log").string());
    const int port = wait_for_port(dir, process);
    http_get(port, "/api/v2/integrations/actions");
    process.signal(SIGINT);
    REQUIRE(process.wait() == 0);
    REQUIRE(read_file(dir.path() / "log") ==
            "listening on 127.0.0.1:" + std::to_string(port) + "\n");
}

TEST_CASE("a bad seed is one line naming the file, exit 2", "[emulator][binary]") {
    TempDir dir;
    dir.write("seed.json",
              R"([{"id": "customAuth_-_1", "name": "A", "integrationId": "i", "category": "C",)"
              R"( "version": 1, "_emulator": {"customAuth": false}}])");
    ProcessResult result = run_process(command(dir, {}));
    REQUIRE(result.exit_code == 2);
    REQUIRE(result.out.empty());
    REQUIRE(result.err ==
            "genesys-emulator: " + (dir.path() / "seed.json").string() +
                ": action 1 (id \"customAuth_-_1\"): _emulator.customAuth is false but the id "
                "starts with \"customAuth\"\n");
}

TEST_CASE("bad flags are one line, exit 2", "[emulator][binary]") {
    TempDir dir;
    dir.write("seed.json", "[]");
    ProcessResult result = run_process(command(dir, {"--latency-ms", "fast"}));
    REQUIRE(result.exit_code == 2);
    REQUIRE(result.err ==
            "genesys-emulator: --latency-ms: expected N or MIN-MAX milliseconds, got \"fast\"\n");
    ProcessResult help = run_process({GENESYS_EMULATOR_BINARY, "--help"});
    REQUIRE(help.exit_code == 0);
    REQUIRE(help.out.rfind(
                "usage: genesys-emulator --seed FILE --client-id ID --client-secret SECRET", 0) ==
            0);
}

TEST_CASE("make_seed.py writes a valid org of N actions", "[emulator][binary]") {
    ProcessResult result = run_process(
        {"/usr/bin/env", "python3", std::string(DACTL_SOURCE_DIR) + "/tests/emulator/make_seed.py",
         "300", "--latency-ms", "10-20"});
    REQUIRE(result.exit_code == 0);
    auto loaded = emulator::parse_seed(result.out, "generated");
    INFO((loaded.ok() ? "" : loaded.error().message));
    REQUIRE(loaded.ok());
    REQUIRE(loaded->size() == 300);
    REQUIRE((*loaded)[0].traits.latency_max_ms == 20);
    REQUIRE_FALSE(emulator::timeout_seconds((*loaded)[4].action).has_value());
    REQUIRE(emulator::timeout_seconds((*loaded)[2].action) == 3);
}
