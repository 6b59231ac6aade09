#include <catch2/catch.hpp>

#include "cmd/build_info.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;
using dactl::cli::build_info;
using dactl::cli::BuildInfo;
using dactl::cli::version_line;

namespace {

const char* k_manifest = R"(
[action.order_status]
name = "Get Order Status"
timeout_seconds = 15

[action.customer]
name = "Get Customer"
timeout_seconds = 10
)";

void seed(CliHarness& cli) {
    cli.project.write("actions.toml", k_manifest);
    cli.org.put(with(make_live("custom_-_1", "Get Order Status", 3), Field::timeout_seconds, 3));
    cli.org.put(with(make_live("custom_-_2", "Get Customer", 8), Field::timeout_seconds, 10));
    cli.org.put(make_live("custom_-_3", "Unmanaged"));
}

}  // namespace

TEST_CASE("plan prints the changes and the summary", "[cli]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"plan"}) == 0);

    REQUIRE(cli.out() ==
            "~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
            "    ~ timeout_seconds: 3 -> 15\n"
            "    called by no published flow\n"
            "\n"
            "Plan: 1 to change, 1 unchanged.\n");
    REQUIRE(cli.err().empty());
    REQUIRE(cli.org.calls() == std::vector<std::string>{"list", "flows custom_-_1", "aggregates"});
}

TEST_CASE("plan names the published flows each changed action is called by", "[cli][impact]") {
    CliHarness cli;
    seed(cli);
    cli.org.set_flows("custom_-_1", {{{"f1", "Main IVR", "INBOUNDCALLFLOW", "12.0"},
                                      {"f2", "Orders queue", "INQUEUECALLFLOW", "3.0"},
                                      {"f3", "Order bot", "DIGITALBOTFLOW", "1.0"}},
                                     false});
    const std::string change =
        "~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
        "    ~ timeout_seconds: 3 -> 15\n";
    const std::string note =
        "A flow whose Call Data Action unticks \"Use action's suggested timeout\" waits its own "
        "time: a longer action timeout does not help that flow.\n";

    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out() ==
            change +
                "    called by 3 published flows: Main IVR (inbound call flow), Orders "
                "queue (in-queue call flow), Order bot (digital bot flow)\n\n"
                "Plan: 1 to change, 1 unchanged.\n" +
                note);

    cli.org.set_flows("custom_-_1", {{{"f1", "Main IVR", "INBOUNDCALLFLOW", "12.0"}}, true});
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out() == change +
                             "    called by at least 1 published flow: Main IVR (inbound call "
                             "flow)\n\n"
                             "Plan: 1 to change, 1 unchanged.\n"
                             "The flows listed may be incomplete: Architect's dependency data is "
                             "being rebuilt (HTTP 206); an admin with "
                             "architect:dependencyTracking:rebuild can rebuild it in Architect.\n" +
                             note);

    const std::size_t before = cli.org.calls().size();
    REQUIRE(cli.run({"plan", "--no-impact"}) == 0);
    REQUIRE(cli.out() == change + "\nPlan: 1 to change, 1 unchanged.\n");
    REQUIRE(cli.org.calls().size() == before + 1);  // the list only

    Error refused = make_error(ErrorKind::forbidden, "missing permission");
    refused.http_status = 403;
    cli.org.fail_flows(refused);
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out() == change +
                             "\nPlan: 1 to change, 1 unchanged.\n"
                             "Flows not shown: the OAuth client may not read Architect dependency "
                             "tracking (it needs architect:dependencyTracking:view).\n");
    REQUIRE(cli.run({"plan", "--format", "json"}) == 0);
    REQUIRE(cli.out().find("\"impact\": {\n    \"flows\": \"forbidden\",\n    \"error\": "
                           "\"missing permission (HTTP 403)\",\n    \"actions\": {},\n    "
                           "\"blast_radius\": {\n      \"limit\": 50,\n      \"limit_source\": "
                           "\"configured\",") != std::string::npos);
}

TEST_CASE("plan --detailed-exitcode answers 2 for changes and 0 for none", "[cli]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"plan", "--detailed-exitcode"}) == 2);
    cli.org.edit_out_of_band("custom_-_1", Field::timeout_seconds, 15);
    REQUIRE(cli.run({"plan", "--detailed-exitcode"}) == 0);
    REQUIRE(cli.out() ==
            "No changes. The live actions match the manifests.\n"
            "\n"
            "Plan: 0 to change, 2 unchanged.\n");
}

TEST_CASE("plan colours its output on a terminal unless told not to", "[cli]") {
    CliHarness cli;
    seed(cli);
    cli.terminal = true;
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out().find("\x1b[33m~\x1b[0m") != std::string::npos);
    REQUIRE(cli.run({"plan", "--no-color"}) == 0);
    REQUIRE(cli.out().find('\x1b') == std::string::npos);
    cli.environment["NO_COLOR"] = "1";
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out().find('\x1b') == std::string::npos);
    // no-color.org: an empty NO_COLOR is as if it were not set.
    cli.environment["NO_COLOR"] = "";
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out().find("\x1b[33m~\x1b[0m") != std::string::npos);
    cli.environment["TERM"] = "dumb";
    REQUIRE(cli.run({"plan"}) == 0);
    REQUIRE(cli.out().find('\x1b') == std::string::npos);
}

TEST_CASE("plan reports selection errors and exits 1", "[cli]") {
    CliHarness cli;
    cli.project.write("actions.toml", "[action.x]\nname = \"Missing\"\ntimeout_seconds = 5\n");
    cli.org.put(make_live("custom_-_1", "Present"));

    REQUIRE(cli.run({"plan"}) == 1);

    REQUIRE(cli.out().empty());
    REQUIRE(cli.err() ==
            "actions.toml:2:1: action.x: no live action is named \"Missing\"\n"
            "Error: the plan cannot be made; nothing was changed\n");
}

TEST_CASE("plan reports an API failure with its status and correlation id", "[cli]") {
    CliHarness cli;
    seed(cli);
    Error error = make_error(ErrorKind::forbidden, "Missing permission integrations:action:view");
    error.http_status = 403;
    error.api_code = "missing.permissions";
    error.correlation_id = "c0ffee";
    cli.org.fail_listing(error);

    REQUIRE(cli.run({"plan"}) == 1);

    REQUIRE(cli.err() ==
            "Error: listing the org's actions failed: Missing permission "
            "integrations:action:view (HTTP 403 missing.permissions, correlation id c0ffee)\n");
}

TEST_CASE("a failed login is not reported as a failed listing", "[cli]") {
    CliHarness cli;
    seed(cli);
    Error error =
        make_error(ErrorKind::unauthorized,
                   "logging in at https://login.mypurecloud.com failed: client not found");
    error.http_status = 400;
    error.at_login = true;
    cli.org.fail_listing(error);

    REQUIRE(cli.run({"plan"}) == 1);

    REQUIRE(cli.err() ==
            "Error: logging in at https://login.mypurecloud.com failed: client not found (HTTP "
            "400)\n");
}

TEST_CASE("apply with standard input closed refuses before it sends anything", "[cli]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"apply"}) == 1);

    REQUIRE(cli.err() ==
            "Error: apply needs confirmation, and standard input is closed; review the plan and "
            "pass --auto-approve, or answer 'yes' on standard input (echo yes | dactl apply); "
            "nothing was sent to the org\n");
    REQUIRE(cli.org.calls().empty());
    REQUIRE(cli.provider_requests == 0);
    REQUIRE_FALSE(std::filesystem::exists(state_path(state_directory(cli.project.path()))));
    REQUIRE_FALSE(std::filesystem::exists(cli.project.path() / ".dactl" / "lock"));
}

TEST_CASE("apply takes 'yes' piped on standard input, as Terraform does", "[cli]") {
    CliHarness cli;
    seed(cli);

    SECTION("yes") {
        cli.input = "yes\n";
        REQUIRE(cli.run({"apply", "--no-color"}) == 0);
        REQUIRE(cli.out().rfind("~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
                                "    ~ timeout_seconds: 3 -> 15\n"
                                "\n"
                                "Plan: 1 to change, 1 unchanged.\n"
                                "\n"
                                "Apply these changes to 1 action? Only 'yes' will be accepted: \n"
                                "\n",
                                0) == 0);
        REQUIRE(cli.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
    }
    SECTION("anything else cancels") {
        cli.input = "y\n";
        REQUIRE(cli.run({"apply", "--no-color"}) == 1);
        REQUIRE(cli.out() ==
                "~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
                "    ~ timeout_seconds: 3 -> 15\n"
                "\n"
                "Plan: 1 to change, 1 unchanged.\n"
                "\n"
                "Apply these changes to 1 action? Only 'yes' will be accepted: \n"
                "Apply cancelled; nothing was changed.\n");
        REQUIRE(cli.org.stored("custom_-_1").version == 3);
    }
    SECTION("yes ended by CR LF, as a Windows terminal or a raw-mode pipe sends it") {
        cli.input = "yes\r\n";
        REQUIRE(cli.run({"apply", "--no-color"}) == 0);
        REQUIRE(cli.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
    }
    SECTION("cancelled with --format json, the document says nothing was attempted") {
        cli.input = "no\n";
        REQUIRE(cli.run({"apply", "--format", "json"}) == 1);
        CHECK(cli.err() ==
              "\nApply these changes to 1 action? Only 'yes' will be accepted: \nApply cancelled; "
              "nothing was changed.\n");
        CHECK(cli.out().find("\"command\": \"apply\"") != std::string::npos);
        CHECK(cli.out().find("\"status\": \"not attempted\"") != std::string::npos);
        CHECK(cli.out().find("\"address\": \"action.order_status\"") != std::string::npos);
        CHECK(cli.org.stored("custom_-_1").version == 3);
    }
    SECTION("with --format json the question goes to standard error") {
        cli.input = "yes\n";
        REQUIRE(cli.run({"apply", "--format", "json"}) == 0);
        REQUIRE(cli.err() ==
                "\nApply these changes to 1 action? Only 'yes' will be accepted: \n\n");
        REQUIRE(cli.out().front() == '{');
    }
}

TEST_CASE("apply asks on a terminal and takes only 'yes'", "[cli]") {
    CliHarness cli;
    seed(cli);
    cli.terminal = true;

    SECTION("no") {
        cli.input = "y\n";
        REQUIRE(cli.run({"apply", "--no-color"}) == 1);
        REQUIRE(cli.out() ==
                "~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
                "    ~ timeout_seconds: 3 -> 15\n"
                "\n"
                "Plan: 1 to change, 1 unchanged.\n"
                "\n"
                "Apply these changes to 1 action? Only 'yes' will be accepted: "
                "Apply cancelled; nothing was changed.\n");
        REQUIRE(cli.org.stored("custom_-_1").version == 3);
    }
    SECTION("yes") {
        cli.input = "yes\n";
        REQUIRE(cli.run({"apply", "--no-color"}) == 0);
        REQUIRE(cli.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
    }
}

TEST_CASE("apply --auto-approve applies, confirms and records the state", "[cli]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);

    REQUIRE(cli.out() ==
            "~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
            "    ~ timeout_seconds: 3 -> 15\n"
            "\n"
            "Plan: 1 to change, 1 unchanged.\n"
            "action.order_status: applied, version 3 -> 4\n"
            "\n"
            "Apply complete: 1 changed, 1 unchanged.\n");
    REQUIRE(cli.org.calls() ==
            std::vector<std::string>{"list", "update custom_-_1 v3", "read custom_-_1"});
    Result<std::optional<State>> state = read_state(state_directory(cli.project.path()));
    REQUIRE(state.ok());
    REQUIRE(state->has_value());
    const State& saved = **state;
    REQUIRE(saved.serial == 1);
    REQUIRE(saved.lineage.size() == 36);
    REQUIRE(saved.actions.size() == 2);
    REQUIRE(saved.actions[0].address == "action.customer");
    REQUIRE(saved.actions[0].version == 8);
    REQUIRE(saved.actions[1].address == "action.order_status");
    REQUIRE(saved.actions[1].version == 4);
    REQUIRE(saved.actions[1].managed == FieldValues{{Field::timeout_seconds, 15}});
    REQUIRE(saved.actions[1].applied_at == "2026-11-28T15:35:39Z");

    SECTION("a second apply has nothing to do and leaves the state as it was") {
        REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
        REQUIRE(cli.out() ==
                "No changes. The live actions match the manifests.\n"
                "\n"
                "Plan: 0 to change, 2 unchanged.\n");
        Result<std::optional<State>> again = read_state(state_directory(cli.project.path()));
        // Nothing new to record: the serial stays, so a pipeline has no state to commit.
        REQUIRE((*again)->serial == 1);
        REQUIRE((*again)->lineage == saved.lineage);
        REQUIRE(**again == saved);
    }
}

TEST_CASE("apply reports exactly what was and was not changed when a write fails", "[cli]") {
    CliHarness cli;
    seed(cli);
    cli.project.write("more.toml",
                      "[action.unmanaged]\nname = \"Unmanaged\"\ntimeout_seconds = 30\n");
    Error refused = make_error(ErrorKind::bad_request, "Invalid request");
    refused.http_status = 400;
    refused.api_code = "bad.request";
    refused.correlation_id = "d11b";
    cli.org.fail_next(1, refused);

    REQUIRE(cli.run({"apply", "--auto-approve", "--parallelism", "1"}) == 1);

    REQUIRE(cli.out() ==
            "~ action.order_status: \"Get Order Status\" (custom_-_1)\n"
            "    ~ timeout_seconds: 3 -> 15\n"
            "\n"
            "~ action.unmanaged: \"Unmanaged\" (custom_-_3)\n"
            "    ~ timeout_seconds: (unset, service default 60 s) -> 30\n"
            "\n"
            "Plan: 2 to change, 1 unchanged.\n"
            "action.order_status: failed: Invalid request (HTTP 400 bad.request, correlation id "
            "d11b)\n"
            "action.unmanaged: applied, version 1 -> 2\n"
            "\n"
            "Apply incomplete: 1 changed, 0 written but not converged, 1 not written, 0 not "
            "attempted, 1 unchanged.\n"
            "    failed: action.order_status\n"
            "    applied: action.unmanaged\n");
    Result<std::optional<State>> state = read_state(state_directory(cli.project.path()));
    REQUIRE((*state)->actions.size() == 2);
    REQUIRE((*state)->actions[0].address == "action.customer");
    REQUIRE((*state)->actions[1].address == "action.unmanaged");
}

TEST_CASE("the command line explains its own mistakes", "[cli]") {
    CliHarness cli;
    REQUIRE(cli.run({"plna"}) == 1);
    REQUIRE(cli.err() == "Error: unknown command plna; did you mean plan?\n");
    REQUIRE(cli.run({"plan", "--detailed-exit-code"}) == 1);
    REQUIRE(cli.err() ==
            "Error: unknown option --detailed-exit-code for dactl plan; did you mean "
            "--detailed-exitcode?\n");
    REQUIRE(cli.run({"apply", "--parallelism", "0", "--auto-approve"}) == 1);
    REQUIRE(cli.err() == "Error: --parallelism must be a whole number from 1 to 50, not 0\n");
    REQUIRE(cli.run({"plan", "extra"}) == 1);
    REQUIRE(cli.err() == "Error: dactl plan takes no argument extra\n");
    cli.project.write("actions.toml", k_manifest);
    const std::string file = (cli.project.path() / "actions.toml").string();
    REQUIRE(cli.run({"-C", file, "validate"}) == 1);
    REQUIRE(cli.err() == "Error: project directory " + file + " is not a directory\n");
    const std::string missing = (cli.project.path() / "nowhere").string();
    REQUIRE(cli.run({"-C", missing, "validate"}) == 1);
    REQUIRE(cli.err() == "Error: project directory " + missing + " does not exist\n");
    REQUIRE(cli.provider_requests == 0);
}

TEST_CASE("help and version", "[cli]") {
    CliHarness cli;
    REQUIRE(cli.run({"--help"}) == 0);
    check_golden("cmd/golden/help.txt", cli.out());
    REQUIRE(cli.run({"apply", "--help"}) == 0);
    check_golden("cmd/golden/help_apply.txt", cli.out());
    REQUIRE(cli.run({"version"}) == 0);
    const std::string version = cli.out();
    REQUIRE(version == version_line(build_info()) + "\n");
    REQUIRE(version.rfind("dactl " DACTL_VERSION, 0) == 0);
    REQUIRE(cli.run({"--version"}) == 0);
    REQUIRE(cli.out() == version);
    REQUIRE(cli.run({"plan", "--version"}) == 1);
    REQUIRE(cli.err() ==
            "Error: --version goes before any command: dactl --version (or dactl version)\n");
}

TEST_CASE("version names the commit, and says when the checkout was modified", "[cli]") {
    CHECK(version_line(BuildInfo{"1.2.3", "", false}) == "dactl 1.2.3");
    CHECK(version_line(BuildInfo{"1.2.3", "0123456789ab", false}) ==
          "dactl 1.2.3 (commit 0123456789ab)");
    CHECK(version_line(BuildInfo{"1.2.3", "0123456789ab", true}) ==
          "dactl 1.2.3 (commit 0123456789ab, modified)");
}

TEST_CASE("completion prints a script for bash or zsh, and names the shells otherwise", "[cli]") {
    CliHarness cli;
    REQUIRE(cli.run({"completion", "bash"}) == 0);
    REQUIRE(cli.out().find("complete -o default -F _dactl dactl\n") != std::string::npos);
    REQUIRE(cli.run({"completion", "zsh"}) == 0);
    REQUIRE(cli.out().rfind("#compdef dactl\n", 0) == 0);
    REQUIRE(cli.run({"completion"}) == 1);
    REQUIRE(cli.err() == "Error: completion needs the shell: dactl completion bash, or zsh\n");
}

TEST_CASE("__complete addresses lists the manifests' addresses, quietly", "[cli]") {
    CliHarness cli;
    cli.project.write("a.toml", "[action.beta]\nname = \"B\"\n[action.alpha]\nname = \"A\"\n");
    cli.project.write("bad.toml", "[action.gamma\n");
    REQUIRE(cli.run({"__complete", "addresses"}) == 0);
    REQUIRE(cli.out() == "action.alpha\naction.beta\n");
    REQUIRE(cli.err().empty());
}

TEST_CASE("internal commands are in no help", "[cli]") {
    CliHarness cli;
    REQUIRE(cli.run({"--help"}) == 0);
    REQUIRE(cli.out().find("__") == std::string::npos);
    REQUIRE(cli.run({"__manpage"}) == 0);
    REQUIRE(cli.out().find("__") == std::string::npos);
    REQUIRE(cli.out().rfind(".TH DACTL 1 ", 0) == 0);
    REQUIRE(cli.run({"completon"}) == 1);
    REQUIRE(cli.err() == "Error: unknown command completon; did you mean completion?\n");
    REQUIRE(cli.run({"__complet"}) == 1);
    REQUIRE(cli.err() == "Error: unknown command __complet; run dactl --help for the list\n");
}

TEST_CASE("validate reads region and api_url as a connection would, naming where they are",
          "[cli][hostile]") {
    CliHarness cli;
    cli.project.write("actions.toml", k_manifest);
    cli.project.write("dactl.toml",
                      "region = \"us-east-9\"\n"
                      "\n"
                      "[env.test]\n"
                      "api_url = \"htps://api.example.com\"\n"
                      "\n"
                      "[env.prod]\n"
                      "region = \"eu-west-1\"\n"
                      "\n"
                      "[env.dev]\n"
                      "region = \"mars\"\n");
    REQUIRE(cli.run({"validate", "--env", "prod"}) == 1);
    CHECK(cli.err().find(
              "dactl.toml:1:1: region: unknown region \"us-east-9\"; did you mean us-east-1? Use "
              "one of us-east-1, ") != std::string::npos);
    CHECK(cli.err().find("dactl.toml:10:10: env.dev.region: unknown region \"mars\": use one of "
                         "us-east-1, ") != std::string::npos);
    CHECK(cli.err().find("dactl.toml:4:11: env.test.api_url must start with https:// (it is "
                         "\"htps://api.example.com\")\n") != std::string::npos);
    CHECK(cli.err().find("env.prod") == std::string::npos);
    CHECK(cli.provider_requests == 0);
    cli.project.write(
        "dactl.toml",
        "region = \"us_east_1\"\n\n[env.test]\napi_url = \"https://api.example.com/\"\n");
    REQUIRE(cli.run({"validate", "--env", "test"}) == 0);
}

TEST_CASE("a state written before environments were declared is named, with how to move it",
          "[cli][state]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    REQUIRE(std::filesystem::exists(cli.project.path() / ".dactl" / "state.json"));
    cli.project.write("dactl.toml", "[env.prod]\n");
    const std::string stranded =
        ".dactl/state.json: warning: written before the project declared environments, this "
        "state is read by no command now";
    REQUIRE(cli.run({"plan", "--env", "prod"}) == 0);
    CHECK(cli.err().find(stranded +
                         "; if it records environment prod's org, move it there before applying: "
                         "mkdir -p .dactl/env/prod && git mv .dactl/state.json "
                         ".dactl/env/prod/state.json\n") != std::string::npos);
    std::filesystem::create_directories(cli.project.path() / ".dactl" / "env" / "prod");
    std::filesystem::copy_file(cli.project.path() / ".dactl" / "state.json",
                               cli.project.path() / ".dactl" / "env" / "prod" / "state.json");
    REQUIRE(cli.run({"validate", "--env", "prod"}) == 0);
    CHECK(cli.err().find(stranded +
                         "; environment prod keeps its own in .dactl/env/prod/state.json, so "
                         "remove this one once no environment needs it\n") != std::string::npos);
    std::filesystem::remove(cli.project.path() / ".dactl" / "state.json");
    REQUIRE(cli.run({"validate", "--env", "prod"}) == 0);
    CHECK(cli.err().find("warning") == std::string::npos);
}
