// `dactl probe` in-process against a FakeProvider whose test runs advance a fake clock.

#include <catch2/catch.hpp>

#include "engine/util/file_io.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

const char* k_manifest =
    "# Order lookups\n"
    "[action.fast]\n"
    "name = \"Fast Lookup\"   # answers in 1.2-1.6 s\n"
    "timeout_seconds = 3\n"
    "[action.fast.probe]\n"
    "input = { orderId = \"A-1001\" }\n"
    "\n"
    "[action.slow]\n"
    "name = \"Slow Lookup\"\n"
    "\n"
    "[action.create]\n"
    "name = \"Create Ticket\"\n";

void seed(CliHarness& cli) {
    cli.project.write("actions.toml", k_manifest);
    cli.org.put(with(make_live("custom_-_1", "Fast Lookup"), Field::timeout_seconds, 3));
    cli.org.set_latencies("custom_-_1", {1200, 1300, 1400, 1500, 1600});
    cli.org.put(with(make_live("custom_-_2", "Slow Lookup"), Field::timeout_seconds, 3));
    cli.org.set_latencies("custom_-_2", {4000, 5000, 6000});
    cli.org.put(with(make_live("custom_-_3", "Create Ticket"), Field::request_type, "POST"));
    cli.org.set_latencies("custom_-_3", {100});
}

}  // namespace

TEST_CASE("probe reports latencies and recommendations per action", "[cli][probe]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"probe", "--samples", "5", "--concurrency", "1"}) == 0);

    check_golden("cmd/golden/probe.txt", cli.out());
    REQUIRE(cli.org.test_inputs().front() == "{\"orderId\":\"A-1001\"}");
}

TEST_CASE("probe --via-draft measures past the published timeout", "[cli][probe]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"probe", "action.slow", "--via-draft", "--samples", "3", "--concurrency", "1",
                     "--format", "json"}) == 0);

    check_golden("cmd/golden/probe_via_draft.json", cli.out());
    REQUIRE_FALSE(cli.org.draft("custom_-_2"));
}

TEST_CASE("probe --write updates only timeout_seconds in the manifests", "[cli][probe]") {
    CliHarness cli;
    seed(cli);
    cli.org.set_latencies("custom_-_1", {5000, 5200, 5400});
    cli.org.put(with(make_live("custom_-_1", "Fast Lookup"), Field::timeout_seconds, 9));

    REQUIRE(cli.run({"probe", "fast", "slow", "--samples", "3", "--concurrency", "1", "--write"}) ==
            0);

    REQUIRE(cli.err() ==
            "probed action.fast (1/2): 3 samples, 0 failed, p99 5.40 s\n"
            "probed action.slow (2/2): 3 samples, 3 failed (3 timed out), p99 >= 3.00 s\n"
            "action.slow: not written: the measurement was cut off at the timeout (a lower bound); "
            "measure it with --via-draft\n"
            "Set timeout_seconds = 9 for action.fast in actions.toml\n");
    std::string expected = k_manifest;
    expected.replace(expected.find("timeout_seconds = 3"), 19, "timeout_seconds = 9");
    REQUIRE(*read_file(cli.project.path() / "actions.toml") == expected);
}

TEST_CASE("probe --write that cannot update a manifest says so and exits 1", "[cli][probe]") {
    CliHarness cli;
    seed(cli);
    cli.org.set_latencies("custom_-_1", {5000, 5200, 5400});
    cli.org.put(with(make_live("custom_-_1", "Fast Lookup"), Field::timeout_seconds, 9));
    // Someone edits the manifest while the probe runs: its positions are stale.
    const std::string edited = "# moved down\n\n\n" + std::string(k_manifest);
    cli.org.before_test_runs([&] { cli.project.write("actions.toml", edited); });

    REQUIRE(cli.run({"probe", "fast", "--samples", "3", "--concurrency", "1", "--write"}) == 1);

    REQUIRE(cli.err() ==
            "probed action.fast (1/1): 3 samples, 0 failed, p99 5.40 s\n"
            "Error: actions.toml: the file changed since it was read; action.fast was not "
            "updated\n");
    REQUIRE(*read_file(cli.project.path() / "actions.toml") == edited);
}

TEST_CASE("probe --html writes one self-contained page", "[cli][probe]") {
    CliHarness cli;
    seed(cli);
    const auto page = cli.project.path() / "report.html";

    REQUIRE(cli.run({"probe", "fast", "--samples", "5", "--html", page.string()}) == 0);

    const std::string html = *read_file(page);
    REQUIRE(html.find("<svg id=\"chart-0\"") != std::string::npos);
    REQUIRE(html.find("recommended 3 s") != std::string::npos);
    REQUIRE(cli.err() ==
            "probed action.fast (1/1): 5 samples, 0 failed, p99 1.60 s\n"
            "Wrote the report to " +
                page.string() + "\n");
}

TEST_CASE("probe draws a bar on a terminal and prints a line per action elsewhere",
          "[cli][probe]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"probe", "fast", "slow", "--samples", "3", "--concurrency", "1"}) == 0);
    REQUIRE(cli.err() ==
            "probed action.fast (1/2): 3 samples, 0 failed, p99 1.40 s\n"
            "probed action.slow (2/2): 3 samples, 3 failed (3 timed out), p99 >= 3.00 s\n");

    cli.terminal = true;
    REQUIRE(cli.run({"probe", "fast", "--samples", "2", "--concurrency", "1", "--no-color"}) == 0);
    REQUIRE(cli.err().find("probed ") == std::string::npos);
}

TEST_CASE("probe explains bad arguments", "[cli][probe]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"probe", "action.fats"}) == 1);
    REQUIRE(cli.err() == "Error: no action.fats in the manifests; did you mean action.fast?\n");
    REQUIRE(cli.run({"probe", "--samples", "0"}) == 1);
    REQUIRE(cli.err() == "Error: --samples must be a whole number from 1 to 1000, not 0\n");
    REQUIRE(cli.run({"probe", "--headroom", "x"}) == 1);
    REQUIRE(cli.err() == "Error: --headroom must be a number from 1 to 10, not x\n");
    for (const char* not_finite : {"nan", "-nan", "inf", "NaN"}) {
        REQUIRE(cli.run({"probe", "--headroom", not_finite, "--format", "json"}) == 1);
        REQUIRE(cli.err() == std::string("Error: --headroom must be a number from 1 to 10, not ") +
                                 not_finite + "\n");
    }
    cli.environment["DACTL_PROBE_TIME_SCALE"] = "nan";
    REQUIRE(cli.run({"probe"}) == 1);
    REQUIRE(cli.err() == "Error: DACTL_PROBE_TIME_SCALE must be a positive number, not nan\n");
    REQUIRE(cli.provider_requests == 0);
}
