// Every command's arguments, table-driven and without reaching an org: the
// parser fills each command's typed options once and refuses, in the
// command's own words, what it does not offer.

#include <catch2/catch.hpp>

#include "cmd/commands/command.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

struct Refusal {
    std::vector<std::string> args;
    std::string error;
};

const cli::Command& command(const std::string& name) {
    for (const cli::Command& each : cli::all_commands()) {
        if (each.name == name) {
            return each;
        }
    }
    FAIL("no command " << name);
    return cli::all_commands().front();
}

}  // namespace

TEST_CASE("each command refuses what it does not offer before it reads anything", "[cli][args]") {
    const std::vector<Refusal> refusals = {
        {{"plan", "--auto-approve"},
         "unknown option --auto-approve for dactl plan; see dactl plan --help"},
        {{"plan", "--fromat", "json"},
         "unknown option --fromat for dactl plan; did you mean --format?"},
        {{"plan", "--format", "yaml"}, "--format must be text, json or markdown, not yaml"},
        {{"plan", "--format"}, "option --format needs a value (FORMAT)"},
        {{"plan", "--detailed-exitcode=yes"}, "option --detailed-exitcode takes no value"},
        {{"plan", "extra"}, "dactl plan takes no argument extra"},
        {{"plan", "--parallelism", "0"},
         "--parallelism must be a whole number from 1 to 50, not 0"},
        {{"plan", "--parallelism", "2.5"},
         "--parallelism must be a whole number from 1 to 50, not 2.5"},
        {{"apply", "a.plan", "b.plan"}, "dactl apply takes no argument b.plan"},
        {{"apply", "--lock-timeout", "soon"},
         "--lock-timeout must be a duration such as 30s, 2m or 500ms, not soon"},
        {{"drift", "--out", "x"}, "unknown option --out for dactl drift; see dactl drift --help"},
        {{"state", "list", "--format", "markdown"}, "--format must be text or json, not markdown"},
        {{"state", "list", "--github-summary"},
         "unknown option --github-summary for dactl state; see dactl state --help"},
        {{"export", "--fields", "some"}, "--fields must be timeout or all, not some"},
        {{"export", "--name", "("},
         "--name ( is not a valid regular expression: Mismatched '(' and ')' in regular "
         "expression"},
        {{"import", "--fields", "every"}, "--fields must be timeout or all, not every"},
        {{"insights", "--since", "2w"},
         "--since must be a number of hours or days such as 36h or 7d, not 2w"},
        {{"insights", "--since", "91d"}, "--since must be from 1h to 90d, not 91d"},
        {{"insights", "--interval", "2026-11-08/2026-11-01"},
         "--interval must be START/END, ISO-8601 dates or instants with START before END, such as "
         "2026-11-01/2026-11-08 or 2026-11-01T00:00:00Z/2026-11-02T12:00:00Z, not "
         "2026-11-08/2026-11-01"},
        {{"insights", "--headroom", "11"}, "--headroom must be a number from 1 to 10, not 11"},
        {{"insights", "--min-timeout", "0"},
         "--min-timeout must be a whole number from 1 to 60, not 0"},
        {{"probe", "--samples", "1001"},
         "--samples must be a whole number from 1 to 1000, not 1001"},
        {{"probe", "--concurrency", "21"},
         "--concurrency must be a whole number from 1 to 20, not 21"},
        {{"probe", "--github-summary"},
         "unknown option --github-summary for dactl probe; see dactl probe --help"},
        {{"show", "a.plan", "b.plan"}, "dactl show takes no argument b.plan"},
        {{"validate", "--target", "x"},
         "unknown option --target for dactl validate; see dactl validate --help"},
        {{"force-unlock", "a", "b"}, "dactl force-unlock takes no argument b"},
        {{"version", "--format", "json"},
         "unknown option --format for dactl version; see dactl version --help"},
        {{"--env"}, "option --env needs a value (NAME)"},
    };
    CliHarness cli;
    for (const Refusal& refusal : refusals) {
        INFO(refusal.args.front() << " " << refusal.args.back());
        REQUIRE(cli.run(refusal.args) == 1);
        REQUIRE(cli.err() == "Error: " + refusal.error + "\n");
        REQUIRE(cli.out().empty());
    }
    REQUIRE(cli.provider_requests == 0);
}

TEST_CASE("each command takes the options its help lists, global ones included", "[cli][args]") {
    const std::vector<std::vector<std::string>> accepted = {
        {"plan", "--target", "a", "--target=b", "--out", "p.plan", "--format=json",
         "--github-summary", "--parallelism", "5", "--detailed-exitcode", "-v", "--no-color"},
        {"apply", "p.plan", "--lock-timeout", "2m", "--format", "markdown"},
        {"drift", "--no-audit", "--include-pending", "--target", "a*"},
        {"diff-env", "test", "prod", "--format", "json"},
        {"export", "--out", "x", "--fields", "all", "--name", "^Get", "--category", "Orders"},
        {"import", "action.a", "id-1", "--into", "a.toml", "--fields", "timeout"},
        {"insights", "a", "b", "--since", "36h", "--headroom", "2.5", "--min-timeout", "5",
         "--html", "r.html", "--detailed-exitcode"},
        {"probe", "a", "--samples", "5", "--concurrency", "3", "--via-draft", "--allow-writes",
         "--write"},
        {"state", "rm", "action.a", "action.b", "--lock-timeout", "1s"},
        {"state", "list", "--format", "json"},
        {"show", "p.plan", "--env", "prod"},
        {"-C", ".", "validate", "--format", "markdown"},
    };
    for (const auto& args : accepted) {
        const cli::Command& parsed_by = command(args.front() == "-C" ? args[2] : args.front());
        std::vector<std::string> words(args.begin() + (args.front() == "-C" ? 3 : 1), args.end());
        INFO(args.front());
        Result<cli::Invocation> invocation = parsed_by.parse(words);
        REQUIRE(invocation.ok());
        REQUIRE_FALSE(invocation->help);
    }
    REQUIRE(command("plan").parse({"--target", "a", "-h"})->help);
}

TEST_CASE("global options work before the command as well as after it", "[cli][args]") {
    CliHarness cli;
    cli.project.write("dactl.toml", "[env.prod]\n[env.test]\n");
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 15\n");
    cli.org.put(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3));

    REQUIRE(cli.run({"--env", "prod", "plan"}) == 0);
    const std::string before = cli.out();
    REQUIRE(cli.run({"plan", "--env", "prod"}) == 0);
    REQUIRE(cli.out() == before);
    REQUIRE(cli.run({"--env=prod", "--no-color", "-v", "plan", "--format", "json"}) == 0);
    REQUIRE(cli.run({"--env", "staging", "plan"}) == 1);
    REQUIRE(cli.err() ==
            "Error: --env staging: no such environment in dactl.toml; the environments are prod "
            "and test\n");
    REQUIRE(cli.run({"--env", "prod"}) == 1);  // no command: the help on standard error
    REQUIRE(cli.err().rfind("dactl manages Genesys Cloud data actions as code", 0) == 0);
}
