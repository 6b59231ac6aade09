// The genesys-emulator command line.

#include "tests/emulator/command_line.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::emulator;

namespace {

std::vector<std::string> required() {
    return {"--seed", "org.json", "--client-id", "id", "--client-secret", "s"};
}

Result<CommandLine> parse(std::vector<std::string> extra) {
    std::vector<std::string> arguments = required();
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return parse_command_line(arguments);
}

std::string error_of(std::vector<std::string> extra) {
    Result<CommandLine> line = parse(std::move(extra));
    REQUIRE_FALSE(line.ok());
    return line.error().message;
}

}  // namespace

TEST_CASE("the required flags alone give the defaults", "[emulator][cli]") {
    Result<CommandLine> line = parse({});
    REQUIRE(line.ok());
    REQUIRE(line->seed_path == "org.json");
    REQUIRE(line->client.id == "id");
    REQUIRE(line->client.secret == "s");
    REQUIRE(line->port == 0);
    REQUIRE(line->port_file.empty());
    REQUIRE(line->settings == Settings{});
    REQUIRE(line->verbosity == Verbosity::normal);
}

TEST_CASE("every switch sets its setting", "[emulator][cli]") {
    Result<CommandLine> line = parse({"--port",
                                      "8080",
                                      "--port-file=p",
                                      "--token-ttl",
                                      "300",
                                      "--rate-limit",
                                      "5/10",
                                      "--client-rate-limit",
                                      "50",
                                      "--rate-time-scale",
                                      "0.05",
                                      "--latency-ms",
                                      "20-40",
                                      "--fail-every",
                                      "7:502",
                                      "--drop-every",
                                      "9",
                                      "--stale-read-ms",
                                      "250",
                                      "--conflict-next",
                                      "2",
                                      "--templates-as-uris",
                                      "--time-scale",
                                      "0.01",
                                      "--quiet"});
    REQUIRE(line.ok());
    REQUIRE(line->port == 8080);
    REQUIRE(line->port_file == "p");
    Settings expected;
    expected.token_ttl_seconds = 300;
    expected.rate_limit_requests = 5;
    expected.rate_limit_window_seconds = 10;
    expected.client_rate_limit_requests = 50;
    expected.rate_time_scale = 0.05;
    expected.latency_min_ms = 20;
    expected.latency_max_ms = 40;
    expected.fail_every = 7;
    expected.fail_status = 502;
    expected.drop_every = 9;
    expected.stale_read_ms = 250;
    expected.conflict_next_patches = 2;
    expected.templates_as_uris = true;
    expected.time_scale = 0.01;
    REQUIRE(line->settings == expected);
    REQUIRE(line->verbosity == Verbosity::quiet);
}

TEST_CASE("short forms: one latency, a failure without status, a limit without window",
          "[emulator][cli]") {
    Result<CommandLine> line =
        parse({"--latency-ms", "15", "--fail-every", "4", "--rate-limit", "0"});
    REQUIRE(line.ok());
    REQUIRE(line->settings.latency_min_ms == 15);
    REQUIRE(line->settings.latency_max_ms == 15);
    REQUIRE(line->settings.fail_every == 4);
    REQUIRE(line->settings.fail_status == 503);
    REQUIRE(line->settings.rate_limit_requests == 0);
}

TEST_CASE("bad flags are named with what they expect", "[emulator][cli]") {
    REQUIRE(error_of({"--port", "http"}) ==
            "--port: expected a port number from 0 to 65535, got \"http\"");
    REQUIRE(error_of({"--rate-limit", "5/0"}) ==
            "--rate-limit: expected N/SECONDS (0 for no limit), got \"5/0\"");
    REQUIRE(error_of({"--latency-ms", "40-20"}) ==
            "--latency-ms: expected N or MIN-MAX milliseconds, got \"40-20\"");
    REQUIRE(error_of({"--fail-every", "3:200"}) ==
            "--fail-every: expected N[:STATUS] with STATUS from 400 to 599, got \"3:200\"");
    REQUIRE(error_of({"--time-scale", "fast"}) ==
            "--time-scale: expected a number from 0 to 1000, got \"fast\"");
    REQUIRE(error_of({"--drop-every"}) == "--drop-every: expected a count");
    REQUIRE(error_of({"--verbose"}) == "unknown argument \"--verbose\" (see --help)");
    REQUIRE(error_of({"--quiet=yes"}) == "--quiet takes no value");
}

TEST_CASE("the seed and the client are required", "[emulator][cli]") {
    Result<CommandLine> line = parse_command_line({"--client-id", "id", "--client-secret", "s"});
    REQUIRE_FALSE(line.ok());
    REQUIRE(line.error().message == "--seed is required (see --help)");
    Result<CommandLine> help = parse_command_line({"--help"});
    REQUIRE(help.ok());
    REQUIRE(help->help);
}
