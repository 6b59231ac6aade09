// `dactl insights` in-process against a FakeProvider's analytics.

#include <catch2/catch.hpp>

#include "engine/util/file_io.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

const char* k_manifest =
    "[action.slow]\n"
    "name = \"Slow Lookup\"\n"
    "timeout_seconds = 3\n"
    "\n"
    "[action.close]\n"
    "name = \"Close Lookup\"\n"
    "timeout_seconds = 3\n"
    "\n"
    "[action.fine]\n"
    "name = \"Fine Lookup\"\n"
    "timeout_seconds = 10\n";

AggregateGroup group(std::map<std::string, std::string> dimensions, const TimeWindow& window,
                     std::int64_t count, std::int64_t max, std::optional<std::int64_t> p99) {
    return {
        std::move(dimensions),
        {{window, {count, 1, max, count * max / 2, p99 ? std::optional(*p99 - 100) : p99, p99}}}};
}

// slow: 100 runs, 30 timed out at 3 s; close: p99 2.6 s; fine: p99 1 s; other: unmanaged, at risk.
Result<std::vector<AggregateGroup>> answer(const AggregateQuery& query) {
    const TimeWindow day{query.interval.start_ms, query.interval.start_ms + 86'400'000};
    if (query.group_by.size() == 1) {
        return std::vector<AggregateGroup>{
            group({{"actionId", "c-1"}}, query.interval, 100, 3000, 3000),
            group({{"actionId", "c-2"}}, query.interval, 100, 2650, 2600),
            group({{"actionId", "c-3"}}, query.interval, 100, 1200, 1000),
            group({{"actionId", "c-4"}}, query.interval, 50, 4500, 4400)};
    }
    auto kind = [&](const char* id, const char* type, const char* status, std::int64_t count,
                    std::int64_t max) {
        return group({{"actionId", id}, {"errorType", type}, {"responseStatus", status}}, day,
                     count, max, std::nullopt);
    };
    return std::vector<AggregateGroup>{kind("c-1", "NONE", "200", 70, 2900),
                                       kind("c-1", "REQUEST_TIMEOUT", "504", 30, 3000),
                                       kind("c-2", "NONE", "200", 100, 2650),
                                       kind("c-3", "NONE", "200", 98, 1200),
                                       kind("c-3", "EXECUTION_ERROR", "500", 2, 900),
                                       kind("c-4", "NONE", "200", 50, 4500)};
}

void seed(CliHarness& cli) {
    cli.project.write("actions.toml", k_manifest);
    cli.org.put(with(make_live("c-1", "Slow Lookup"), Field::timeout_seconds, 3));
    cli.org.put(with(make_live("c-2", "Close Lookup"), Field::timeout_seconds, 3));
    cli.org.put(with(make_live("c-3", "Fine Lookup"), Field::timeout_seconds, 10));
    cli.org.put(with(make_live("c-4", "Other Lookup"), Field::timeout_seconds, 5));
    cli.org.put_auth_action(make_live("custom_-_5", "Token"));
    cli.org.answer_aggregates(answer);
}

}  // namespace

TEST_CASE("insights reports the managed actions worst first", "[cli][insights]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"insights"}) == 0);
    check_golden("cmd/golden/insights.txt", cli.out());
    REQUIRE(cli.err().empty());
    REQUIRE(cli.org.aggregate_queries().size() == 2);
    REQUIRE(cli.org.aggregate_queries()[0].interval ==
            TimeWindow{1'795'880'139'000 - 7 * 86'400'000LL, 1'795'880'139'000});
    REQUIRE(cli.run({"insights", "--detailed-exitcode"}) == 2);
    REQUIRE(cli.run({"insights", "--detailed-exitcode", "action.fine"}) == 0);
}

TEST_CASE("insights --all --write raises the managed ones and adopts the others",
          "[cli][insights]") {
    CliHarness cli;
    seed(cli);
    cli.project.write("adopted.toml", "# adopted by insights\n");
    REQUIRE(cli.run({"insights", "--all", "--write", "--adopt-into", "adopted.toml", "--format",
                     "json"}) == 0);
    REQUIRE(cli.err() ==
            "adopted.toml: warning: the file declares no actions\n"
            "action.slow: not written: the measurement was cut off at the timeout (a lower "
            "bound); measure it with --via-draft\n"
            "Set timeout_seconds = 4 for action.close in actions.toml\n"
            "Adopted action.other_lookup into adopted.toml\n");
    REQUIRE(*read_file(cli.project.path() / "actions.toml") ==
            "[action.slow]\nname = \"Slow Lookup\"\ntimeout_seconds = 3\n\n[action.close]\nname = "
            "\"Close Lookup\"\ntimeout_seconds = 4\n\n[action.fine]\nname = \"Fine "
            "Lookup\"\ntimeout_seconds = 10\n");
    REQUIRE(*read_file(cli.project.path() / "adopted.toml") ==
            "# adopted by insights\n"
            "\n"
            "# \"Other Lookup\", category \"Orders\", adopted at version 1\n"
            "[action.other_lookup]\n"
            "id = \"c-4\"\n"
            "timeout_seconds = 7\n");
    REQUIRE(cli.out().find("\"address\": null,\n      \"id\": \"c-4\"") != std::string::npos);
    REQUIRE(cli.out().find("custom_-_5") == std::string::npos);
}

TEST_CASE("insights explains bad arguments before reading anything", "[cli][insights]") {
    const std::string k_give =
        "; give a .toml file inside the project, relative to it, e.g. manifests/adopted.toml";
    CliHarness cli;
    seed(cli);
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--since", "7w"}, "--since must be a number of hours or days such as 36h or 7d, not 7w"},
        {{"--since", "0h"}, "--since must be from 1h to 90d, not 0h"},
        {{"--interval", "2026-11-08/2026-11-01"},
         "--interval must be START/END, ISO-8601 dates or instants with START before END, such "
         "as 2026-11-01/2026-11-08 or 2026-11-01T00:00:00Z/2026-11-02T12:00:00Z, not "
         "2026-11-08/2026-11-01"},
        {{"--interval", "2026-01-01/2026-06-01"},
         "--interval may span at most 90 days, not 2026-01-01/2026-06-01"},
        {{"--since", "1d", "--interval", "2026-11-01/2026-11-02"},
         "give one of --since, --interval and --since-apply"},
        {{"--all", "action.slow"},
         "--all covers every action of the org; give addresses or --all, not both"},
        {{"--since-apply", "--write"},
         "--since-apply compares the actions the last apply changed; it takes no --write or --all"},
        {{"--adopt-into", "x.toml"},
         "--adopt-into goes with --all --write (it adopts unmanaged actions)"},
        {{"--all", "--write"},
         "--all --write needs --adopt-into FILE: the manifest file the unmanaged actions timing "
         "out or at risk are adopted into"},
        {{"--all", "--write", "--adopt-into", "x.txt"},
         "--adopt-into \"x.txt\": dactl reads only .toml files as manifests" + k_give},
        {{"--all", "--write", "--adopt-into", "../x.toml"},
         "--adopt-into \"../x.toml\": it is outside the project, where dactl would never read "
         "it" +
             k_give},
        {{"--all", "--write", "--adopt-into", "sub/../../x.toml"},
         "--adopt-into \"sub/../../x.toml\": it is outside the project, where dactl would never "
         "read it" +
             k_give},
        {{"--all", "--write", "--adopt-into", "/tmp/x.toml"},
         "--adopt-into \"/tmp/x.toml\": it is outside the project, where dactl would never read "
         "it" +
             k_give},
        {{"--all", "--write", "--adopt-into", "./dactl.toml"},
         "--adopt-into \"./dactl.toml\": dactl.toml holds the project's settings, not actions" +
             k_give},
        {{"--all", "--write", "--adopt-into", ".dactl/x.toml"},
         "--adopt-into \".dactl/x.toml\": dactl skips hidden files and directories (.dactl)" +
             k_give},
        {{"--headroom", "0.5"}, "--headroom must be a number from 1 to 10, not 0.5"},
        {{"action.slwo"}, "no action.slwo in the manifests; did you mean action.slow?"},
        {{"--since-apply"},
         "--since-apply needs the last apply recorded in " +
             (cli.project.path() / ".dactl/state.json").string() +
             ", and there is none; run dactl apply first"},
    };
    for (const auto& [arguments, message] : cases) {
        std::vector<std::string> args = {"insights"};
        args.insert(args.end(), arguments.begin(), arguments.end());
        INFO(args.back());
        REQUIRE(cli.run(args) == 1);
        REQUIRE(cli.err() == "Error: " + message + "\n");
    }
    REQUIRE(cli.org.aggregate_queries().empty());
}

TEST_CASE("insights names the permission a 403 lacks", "[cli][insights]") {
    CliHarness cli;
    seed(cli);
    cli.org.answer_aggregates([](const AggregateQuery&) -> Result<std::vector<AggregateGroup>> {
        Error error = make_error(ErrorKind::forbidden, "HTTP 403 missing.permissions");
        error.http_status = 403;
        return error;
    });
    REQUIRE(cli.run({"insights", "--format", "json"}) == 1);
    REQUIRE(cli.err() ==
            "Error: the OAuth client may not read the analytics (HTTP 403): its role needs the "
            "permission integrations:action:view (or bridge:actions:view) and its grant the scope "
            "analytics or analytics:readonly\n");
}

TEST_CASE("insights --html writes the page", "[cli][insights]") {
    CliHarness cli;
    seed(cli);
    const std::string page = (cli.project.path() / "report.html").string();
    REQUIRE(cli.run({"insights", "--html", page}) == 0);
    Result<std::string> html = read_file(page);
    REQUIRE(html);
    REQUIRE(html->starts_with("<!DOCTYPE html>"));
    REQUIRE(html->find("<svg class=\"latency\" id=\"latency-0\"") != std::string::npos);
    REQUIRE(html->find("Generated by dactl at 2026-11-28T15:35:39Z") != std::string::npos);
    REQUIRE(cli.err() == "Wrote the report to " + page + "\n");
}

TEST_CASE("insights --write leaves an action that needs more than 60 s alone", "[cli][insights]") {
    CliHarness cli;
    cli.project.write("actions.toml", "[action.slow]\nname = \"Slow\"\ntimeout_seconds = 50\n");
    cli.org.put(with(make_live("c-1", "Slow"), Field::timeout_seconds, 50));
    cli.org.answer_aggregates(
        [](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
            return std::vector<AggregateGroup>{group({{"actionId", "c-1"}, {"errorType", "NONE"}},
                                                     query.interval, 10, 45500, 45000)};
        });
    REQUIRE(cli.run({"insights", "--write", "--format", "json"}) == 0);
    REQUIRE(cli.err() ==
            "action.slow: not written: it needs more than 60 s, the longest timeout allowed; the "
            "back-end needs an asynchronous design\n");
    REQUIRE(*read_file(cli.project.path() / "actions.toml") ==
            "[action.slow]\nname = \"Slow\"\ntimeout_seconds = 50\n");
    REQUIRE(cli.out().find("\"verdict\": \"at risk\"") != std::string::npos);
    REQUIRE(cli.out().find("this back-end needs an asynchronous design, not a bigger timeout") !=
            std::string::npos);
}

namespace {

// One action's traffic: executions, the p99 and the max (a max at the timeout:
// executions cut off), and how many timed out.
struct Traffic {
    const char* id;
    std::int64_t p99;
    std::int64_t max;
    std::int64_t timeouts;
};

void answer_traffic(CliHarness& cli, std::vector<Traffic> traffic) {
    cli.org.answer_aggregates([traffic](const AggregateQuery& query) {
        const TimeWindow day{query.interval.start_ms, query.interval.start_ms + 86'400'000};
        std::vector<AggregateGroup> groups;
        for (const Traffic& action : traffic) {
            if (query.group_by.size() == 1) {
                groups.push_back(
                    group({{"actionId", action.id}}, query.interval, 100, action.max, action.p99));
                continue;
            }
            groups.push_back(
                group({{"actionId", action.id}, {"errorType", "NONE"}, {"responseStatus", "200"}},
                      day, 100 - action.timeouts, action.p99, std::nullopt));
            if (action.timeouts > 0) {
                groups.push_back(group({{"actionId", action.id},
                                        {"errorType", "REQUEST_TIMEOUT"},
                                        {"responseStatus", "504"}},
                                       day, action.timeouts, action.max, std::nullopt));
            }
        }
        return Result<std::vector<AggregateGroup>>(std::move(groups));
    });
}

// A live action calling `url`, with a timeout.
void put_action(CliHarness& cli, const std::string& id, const std::string& name, int timeout,
                const std::string& url) {
    cli.org.put(with(with(make_live(id, name), Field::timeout_seconds, timeout),
                     Field::request_url_template, url));
}

// Three unmanaged actions calling the orders back-end time out at 3 s with a
// measured p99 of 2.8 s (5 s recommended), and the managed slow one (on
// `slow_url`) is cut off at its 3 s.
void seed_one_host(CliHarness& cli, const std::string& slow_url) {
    cli.project.write("actions.toml",
                      "[action.slow]\nname = \"Slow Lookup\"\ntimeout_seconds = 3\n");
    put_action(cli, "c-1", "Slow Lookup", 3, slow_url);
    for (const char* id : {"c-7", "c-8", "c-9"}) {
        put_action(cli, id, std::string("Order ") + id, 3,
                   "https://orders.example.com/v1/" + std::string(id) + "/${input.key}");
    }
    answer_traffic(cli, {{"c-1", 3000, 3000, 30},
                         {"c-7", 2800, 3000, 2},
                         {"c-8", 2800, 3000, 2},
                         {"c-9", 2800, 3000, 2}});
}

}  // namespace

TEST_CASE(
    "insights --all --write --adopt-into writes one rule for a host its unmanaged "
    "actions time out on",
    "[cli][insights][rules]") {
    CliHarness cli;
    seed_one_host(cli, "https://slow.example.com/lookup");
    REQUIRE(cli.run({"insights", "--all", "--write", "--adopt-into", "adopted.toml"}) == 0);
    REQUIRE(cli.err() ==
            "action.slow: not written: the measurement was cut off at the timeout (a lower "
            "bound); measure it with --via-draft\n"
            "Wrote rule.orders_example_com into adopted.toml: it governs the 3 actions calling "
            "https://orders.example.com/ and raises 3 of them to at least 5 s\n");
    REQUIRE(*read_file(cli.project.path() / "adopted.toml") ==
            "# 3 actions calling https://orders.example.com/ time out; one rule governs the 3 "
            "actions calling it (and those added later), raising 3:\n"
            "#   Order c-7 (c-7)\n"
            "#   Order c-8 (c-8)\n"
            "#   Order c-9 (c-9)\n"
            "[rule.orders_example_com]\n"
            "match = { url = \"https://orders.example.com/*\" }\n"
            "timeout_seconds = { at_least = 5 }   # the highest recommendation among them\n");
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out().find("    ~ timeout_seconds: 3 -> 5   (rule.orders_example_com: at least "
                           "5)\n") != std::string::npos);
    REQUIRE(cli.out().find("Plan: 3 to change, 1 unchanged; 3 actions governed by rules.\n") !=
            std::string::npos);
}

TEST_CASE("insights proposes no rule from a lower bound and never raises an ok action",
          "[cli][insights][rules]") {
    CliHarness cli;
    // Two actions time out with a measured p99, one is cut off at its 20 s (a
    // lower bound), and a fourth on the same host is ok at 4 s.
    put_action(cli, "c-7", "Order c-7", 3, "https://orders.example.com/7");
    put_action(cli, "c-8", "Order c-8", 3, "https://orders.example.com/8");
    put_action(cli, "c-9", "Order c-9", 20, "https://orders.example.com/9");
    put_action(cli, "c-4", "Order c-4", 4, "https://orders.example.com/4");
    answer_traffic(cli, {{"c-7", 2800, 3000, 2},
                         {"c-8", 2800, 3000, 2},
                         {"c-9", 20000, 20000, 5},
                         {"c-4", 1000, 1200, 0}});
    REQUIRE(cli.run({"insights", "--all", "--write", "--adopt-into", "adopted.toml"}) == 0);
    REQUIRE(cli.err() ==
            "warning: the project declares no actions; add [action.<label>] tables to a .toml "
            "file\n"
            "Adopted action.order_c_9 into adopted.toml\n"
            "Adopted action.order_c_7 into adopted.toml\n"
            "Adopted action.order_c_8 into adopted.toml\n");
    REQUIRE(read_file(cli.project.path() / "adopted.toml")->find("[rule.") == std::string::npos);
    REQUIRE(cli.run({"plan", "--no-impact"}) == 0);
    REQUIRE(cli.out() ==
            "~ action.order_c_7: \"Order c-7\" (c-7)\n"
            "    ~ timeout_seconds: 3 -> 5\n"
            "\n"
            "~ action.order_c_8: \"Order c-8\" (c-8)\n"
            "    ~ timeout_seconds: 3 -> 5\n"
            "\n"
            "Plan: 2 to change, 1 unchanged.\n");

    // With a third measured one the rule would raise the ok action from 4 s: withheld.
    put_action(cli, "c-6", "Order c-6", 3, "https://orders.example.com/6");
    answer_traffic(cli, {{"c-7", 2800, 3000, 2},
                         {"c-8", 2800, 3000, 2},
                         {"c-6", 2800, 3000, 2},
                         {"c-4", 1000, 1200, 0}});
    REQUIRE(cli.run({"insights", "--all", "--write", "--adopt-into", "more.toml"}) == 0);
    REQUIRE(cli.err() ==
            "action.order_c_7: not written: the manifest already sets 5 s, at least the "
            "recommended 5 s\n"
            "action.order_c_8: not written: the manifest already sets 5 s, at least the "
            "recommended 5 s\n"
            "note: no rule proposed for https://orders.example.com/: at least 5 s would raise "
            "Order c-4, which is ok at 4 s\n"
            "Adopted action.order_c_6 into more.toml\n");
}

TEST_CASE("insights --write prints the rule when a managed action shares the host",
          "[cli][insights][rules]") {
    CliHarness cli;
    seed_one_host(cli, "https://orders.example.com/v1/slow");
    REQUIRE(cli.run({"insights", "--all", "--write", "--adopt-into", "adopted.toml"}) == 0);
    // The rule would govern the managed action too, whose own timeout it breaks:
    // printed, not written; the unmanaged ones are adopted one by one.
    REQUIRE(cli.err() ==
            "action.slow: not written: the measurement was cut off at the timeout (a lower "
            "bound); measure it with --via-draft\n"
            "note: 3 actions calling https://orders.example.com/ time out; one rule could "
            "govern them instead of per-action timeouts (not written; add it to a manifest):\n"
            "# 3 actions calling https://orders.example.com/ time out; one rule governs the 4 "
            "actions calling it (and those added later), raising 4:\n"
            "#   Order c-7 (c-7)\n"
            "#   Order c-8 (c-8)\n"
            "#   Order c-9 (c-9)\n"
            "[rule.orders_example_com]\n"
            "match = { url = \"https://orders.example.com/*\" }\n"
            "timeout_seconds = { at_least = 5 }   # the highest recommendation among them\n"
            "Adopted action.order_c_7 into adopted.toml\n"
            "Adopted action.order_c_8 into adopted.toml\n"
            "Adopted action.order_c_9 into adopted.toml\n");
    REQUIRE(cli.run({"plan"}) == 0);
}
