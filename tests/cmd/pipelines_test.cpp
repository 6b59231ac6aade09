// The pipeline features of the command line (issue 4) against a FakeProvider:
// saved plans, output formats, drift, export, locking and GitHub integration.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "engine/plan/plan_codec.h"
#include "engine/state/lock.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

void seed(CliHarness& cli) {
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 15\n\n"
                      "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 10\n");
    cli.org.put(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3));
    cli.org.put(with(make_live("custom_-_2", "Get Customer", 8), Field::timeout_seconds, 10));
}

std::string plan_file(const CliHarness& cli) {
    return (cli.project.path() / "reviewed.plan").string();
}

}  // namespace

TEST_CASE("a saved plan is applied exactly, without a prompt", "[cli][saved]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"plan", "--out", plan_file(cli)}) == 0);
    REQUIRE(cli.err() == "Saved the plan to " + plan_file(cli) +
                             "; apply exactly it with: dactl apply " + plan_file(cli) + "\n");
    struct stat info {};
    REQUIRE(::stat(plan_file(cli).c_str(), &info) == 0);
    REQUIRE((info.st_mode & 0777) == 0600);

    REQUIRE(cli.run({"apply", plan_file(cli)}) == 0);

    // The org read again as the plan read it (one listing), then the write and its check.
    REQUIRE(cli.org.calls() == std::vector<std::string>{"list", "flows custom_-_1", "aggregates",
                                                        "list", "update custom_-_1 v3",
                                                        "read custom_-_1"});
    REQUIRE(cli.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
    Result<std::optional<State>> state = read_state(state_directory(cli.project.path()));
    // Every managed action is recorded, the unchanged one too: drift covers it.
    REQUIRE((*state)->actions.size() == 2);
    REQUIRE((*state)->actions[0].address == "action.customer");
    REQUIRE((*state)->actions[1].address == "action.order");
}

TEST_CASE("a saved plan or a state of another org is refused before anything is written",
          "[cli][saved]") {
    CliHarness cli;
    seed(cli);
    cli.org.set_org({"org-test", "Test"});
    REQUIRE(cli.run({"plan", "--out", plan_file(cli)}) == 0);
    REQUIRE(read_file(plan_file(cli))
                ->find("  \"org\": {\n    \"id\": \"org-test\",\n    \"name\": \"Test\"\n  },") !=
            std::string::npos);
    cli.org.set_org({"org-prod", "Prod"});

    REQUIRE(cli.run({"apply", plan_file(cli)}) == 1);
    REQUIRE(cli.err() == "Error: the saved plan " + plan_file(cli) +
                             " was made for \"Test\" (id org-test), but the credentials reach "
                             "\"Prod\" (id org-prod); make the plan against this org (dactl "
                             "plan --out); nothing was changed\n");
    REQUIRE(cli.org.updates().empty());

    // The state records its org too: a state of Prod is refused against Test.
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    cli.org.set_org({"org-test", "Test"});
    const std::string state = (cli.project.path() / ".dactl" / "state.json").string();
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 1);
    REQUIRE(cli.err() == "Error: " + state +
                             " was made for \"Prod\" (id org-prod), but the credentials reach "
                             "\"Test\" (id org-test); is it another environment's state? nothing "
                             "was changed\n");
    REQUIRE(cli.run({"drift"}) == 1);
    REQUIRE(cli.err() == "Error: " + state +
                             " was made for \"Prod\" (id org-prod), but the credentials reach "
                             "\"Test\" (id org-test); is it another environment's state?\n");
    // plan compares them too (it did not): its plan would be against the wrong org.
    REQUIRE(cli.run({"plan"}) == 1);
    REQUIRE(cli.err() == "Error: " + state +
                             " was made for \"Prod\" (id org-prod), but the credentials reach "
                             "\"Test\" (id org-test); is it another environment's state? nothing "
                             "was changed\n");
    REQUIRE(cli.out().empty());
}

TEST_CASE("a saved plan is refused whole when the org changed since", "[cli][saved]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"plan", "--out", plan_file(cli)}) == 0);
    cli.org.edit_out_of_band("custom_-_1", Field::category, "Someone else's");

    REQUIRE(cli.run({"apply", plan_file(cli)}) == 1);

    REQUIRE(cli.err() ==
            "Error: saved plan is stale: action.order changed in the org, version 3 -> 4; run plan "
            "again\n");
    REQUIRE(cli.org.updates().empty());
}

TEST_CASE("a saved plan applied twice says it was applied already", "[cli][saved]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"plan", "--out", plan_file(cli)}) == 0);
    REQUIRE(cli.run({"apply", plan_file(cli)}) == 0);
    const std::size_t written = cli.org.updates().size();

    REQUIRE(cli.run({"apply", plan_file(cli)}) == 1);

    REQUIRE(cli.err() ==
            "Error: saved plan is stale: action.order changed in the org, version 3 -> 4, to what "
            "this plan sets (was it applied already?); run plan again\n");
    REQUIRE(cli.org.updates().size() == written);
}

TEST_CASE("a saved plan is refused when the manifests changed since", "[cli][saved]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"plan", "--out", plan_file(cli)}) == 0);
    cli.project.write("more.toml", "[action.extra]\nname = \"Get Customer 2\"\n");

    REQUIRE(cli.run({"apply", plan_file(cli)}) == 1);

    REQUIRE(
        cli.err() ==
        "Error: saved plan is stale: the manifests changed since it was made; run plan again\n");
    REQUIRE(cli.org.calls() == std::vector<std::string>{"list", "flows custom_-_1", "aggregates"});
}

TEST_CASE("plan speaks JSON and Markdown", "[cli][format]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"plan", "--format", "json"}) == 0);
    check_golden("cmd/golden/plan.json", cli.out());
    REQUIRE(cli.run({"plan", "--format", "markdown"}) == 0);
    check_golden("cmd/golden/plan.md", cli.out());
    REQUIRE(cli.run({"plan", "--format", "yaml"}) == 1);
    REQUIRE(cli.err() == "Error: --format must be text, json or markdown, not yaml\n");
}

TEST_CASE("errors in JSON mode are a JSON document too", "[cli][format]") {
    CliHarness cli;
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 99\n");
    REQUIRE(cli.run({"plan", "--format", "json"}) == 1);
    check_golden("cmd/golden/plan_error.json", cli.out());
    REQUIRE(cli.provider_requests == 0);
}

TEST_CASE("in GitHub Actions manifest errors become annotations and plans a job summary",
          "[cli][github]") {
    CliHarness cli;
    cli.environment["GITHUB_ACTIONS"] = "true";
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 99\n");
    REQUIRE(cli.run({"validate"}) == 1);
    REQUIRE(cli.err().find("\n::error file=actions.toml,line=3,col=19::timeout_seconds must be") !=
            std::string::npos);
    // On GitHub the path is the repository's: the project sits in dactl/ of the workspace.
    cli.environment["GITHUB_WORKSPACE"] = cli.project.path().parent_path().string();
    REQUIRE(cli.run({"validate"}) == 1);
    const std::string in_repository = cli.project.path().filename().string() + "/actions.toml";
    REQUIRE(cli.err().find("\n::error file=" + in_repository +
                           ",line=3,col=19::timeout_seconds must be") != std::string::npos);
    cli.environment.erase("GITHUB_WORKSPACE");

    seed(cli);
    const std::string summary = (cli.project.path() / "summary.md").string();
    cli.environment["GITHUB_STEP_SUMMARY"] = summary;
    REQUIRE(cli.run({"plan", "--github-summary"}) == 0);
    REQUIRE(*read_file(summary) == read_golden("cmd/golden/plan.md"));
}

TEST_CASE("the job summary says why apply failed when the plan cannot be made", "[cli][github]") {
    CliHarness cli;
    const std::string summary = (cli.project.path() / "summary.md").string();
    cli.environment["GITHUB_STEP_SUMMARY"] = summary;

    SECTION("invalid manifests") {
        cli.project.write("actions.toml",
                          "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 99\n");
        REQUIRE(cli.run({"apply", "--auto-approve", "--github-summary"}) == 1);
        REQUIRE(*read_file(summary) ==
                "### dactl apply: failed\n"
                "\n"
                "```text\n"
                "Error: 1 problem in the manifests; nothing was sent to the org\n"
                "actions.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to "
                "60, found 99; without it the service default of 60 applies\n"
                "    timeout_seconds = 99\n"
                "                      ^\n"
                "```\n");
    }
    SECTION("the org cannot be read; the secret in the answer is cut out") {
        seed(cli);
        cli.secrets = {"sekrit-42"};
        cli.org.fail_listing(make_error(ErrorKind::server, "echo sekrit-42"));
        REQUIRE(cli.run({"apply", "--auto-approve", "--github-summary"}) == 1);
        REQUIRE(*read_file(summary) ==
                "### dactl apply: failed\n"
                "\n"
                "```text\n"
                "Error: listing the org's actions failed: echo (sensitive)\n"
                "```\n");
    }
}

TEST_CASE("drift tells changes outside dactl from changes not applied", "[cli][drift]") {
    CliHarness cli;
    seed(cli);
    // Nothing applied yet: what differs is pending, not drift (the morning job passes).
    REQUIRE(cli.run({"drift"}) == 0);
    REQUIRE(cli.out() ==
            "No state file: comparing the manifests with the org only.\n"
            "\n"
            "~ action.order: \"Get Order\" (custom_-_1), live version 3\n"
            "    not applied yet, no apply is recorded for it (live -> manifest):\n"
            "        ~ timeout_seconds: 3 -> 15\n"
            "\n"
            "Drift: 1 drifted, 1 in sync.\n"
            "Nothing changed in the org: all that differs is merged but not yet applied.\n");
    REQUIRE(cli.run({"drift", "--include-pending"}) == 2);

    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    REQUIRE(cli.run({"drift"}) == 0);
    REQUIRE(cli.out() ==
            "No drift. The org, the manifests and the last apply agree.\n\nDrift: 0 drifted, 2 in "
            "sync.\n");

    cli.org.edit_out_of_band("custom_-_2", Field::timeout_seconds, 30);
    // The harness's clock stands still at 2026-11-28T15:35:39Z, when its apply ran.
    cli.org.add_audit({1'795'880'139'000,
                       "custom_-_2",
                       "Update",
                       "u-1",
                       "Jane Admin",
                       "admin-ui",
                       {{"config.timeoutSeconds", {"10"}, {"30"}}}});
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 20\n\n"
                      "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 10\n");
    REQUIRE(cli.run({"drift"}) == 2);
    REQUIRE(
        cli.out() ==
        "~ action.customer: \"Get Customer\" (custom_-_2), live version 9, last applied version 8\n"
        "    changed in the org outside dactl (last applied -> live):\n"
        "        ~ timeout_seconds: 10 -> 30\n"
        "    by Jane Admin (user u-1) at 2026-11-28T15:35:39Z: config.timeoutSeconds 10 -> 30\n"
        "\n"
        "~ action.order: \"Get Order\" (custom_-_1), live version 4, last applied version 4\n"
        "    not yet applied (last applied -> manifest):\n"
        "        ~ timeout_seconds: 15 -> 20\n"
        "\n"
        "Drift: 2 drifted, 0 in sync.\n");
    REQUIRE(cli.run({"drift", "--format", "json"}) == 2);
    check_golden("cmd/golden/drift.json", cli.out());

    // Only merged, not yet applied: reported, and exit 0 unless --include-pending.
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 20\n\n"
                      "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 30\n");
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 25\n\n"
                      "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 30\n");
    REQUIRE(cli.run({"drift"}) == 0);
    REQUIRE(cli.out() ==
            "~ action.order: \"Get Order\" (custom_-_1), live version 5, last applied version 5\n"
            "    not yet applied (last applied -> manifest):\n"
            "        ~ timeout_seconds: 20 -> 25\n"
            "\n"
            "Drift: 1 drifted, 1 in sync.\n"
            "Nothing changed in the org: all that differs is merged but not yet applied.\n");
    REQUIRE(cli.run({"drift", "--include-pending"}) == 2);
    const std::vector<AuditQuery> asked = cli.org.audit_queries();
    // Only the runs where something changed outside dactl ask (the text and the
    // JSON report), for that action, since the last apply; pending changes ask nothing.
    REQUIRE(asked.size() == 2);
    REQUIRE(asked[0].entity_id == "custom_-_2");
    REQUIRE(asked[0].interval.start_ms == 1'795'880'139'000);
    REQUIRE(asked[0].page_size == 500);
}

TEST_CASE("drift without the audit trail works as before and says why in one line",
          "[cli][drift][audit]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    cli.org.edit_out_of_band("custom_-_2", Field::timeout_seconds, 30);
    Error forbidden = make_error(ErrorKind::forbidden, "missing permission");
    forbidden.http_status = 403;
    cli.org.fail_audits(forbidden);
    REQUIRE(cli.run({"drift"}) == 2);
    REQUIRE(cli.out().ends_with(
        "Drift: 1 drifted, 1 in sync.\n"
        "Audit trail: the OAuth client may not read the audit trail (HTTP 403: it needs the "
        "permission audits:audit:view and the scope audits or audits:readonly), so drift cannot "
        "say who changed what.\n"));
    REQUIRE(cli.out().find("    by ") == std::string::npos);
    REQUIRE(cli.run({"drift", "--no-audit"}) == 2);
    REQUIRE(cli.out().ends_with("Drift: 1 drifted, 1 in sync.\n"));
    REQUIRE(cli.org.audit_queries().empty());
}

TEST_CASE("export writes manifests that plan as unchanged", "[cli][export]") {
    CliHarness cli;
    cli.org.put(with(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3),
                     Field::request_template, "{\n  \"id\": \"${input.id}\"\n}\n"));
    cli.org.put(make_live("static_-_2", "Get Date"));
    const std::string out = (cli.project.path() / "exported").string();

    REQUIRE(cli.run({"export", "--out", out, "--fields", "all"}) == 0);

    REQUIRE(cli.out() == "Exported 1 action into 1 file in " + out + ":\n    orders.toml\n");
    REQUIRE(cli.err() ==
            "note: skipped static_-_2 \"Get Date\": built-in actions cannot be changed\n");
    REQUIRE(cli.run({"-C", out, "plan", "--detailed-exitcode"}) == 0);
    REQUIRE(cli.run({"export", "--out", out}) == 1);
    REQUIRE(cli.err() ==
            "note: skipped static_-_2 \"Get Date\": built-in actions cannot be "
            "changed\nError: " +
                out +
                "/orders.toml already exists; nothing was "
                "written (choose another --out)\n");
}

TEST_CASE("a second apply fails at once while the project is locked", "[cli][lock]") {
    CliHarness cli;
    seed(cli);
    Result<ProjectLock> held = ProjectLock::acquire(state_directory(cli.project.path()), "apply",
                                                    std::chrono::milliseconds(0), "t0");
    REQUIRE(held.ok());

    REQUIRE(cli.run({"apply", "--auto-approve"}) == 1);
    REQUIRE(cli.err().rfind("Error: the project is locked by apply (pid ", 0) == 0);
    REQUIRE(cli.org.calls().empty());
    REQUIRE(cli.run({"apply", "--auto-approve", "--lock-timeout", "soon"}) == 1);
    REQUIRE(cli.err() ==
            "Error: --lock-timeout must be a duration such as 30s, 2m or 500ms, not soon\n");

    REQUIRE(cli.run({"force-unlock", "wrong"}) == 1);
    REQUIRE(cli.err() ==
            "Error: the lock's id is " + held->info().id + ", not wrong; nothing was removed\n");
    const std::string holder = "The lock " + held->info().id + " is held by apply (" +
                               held->info().host + ", since t0, lock id " + held->info().id +
                               "). Remove it only if that run is no longer running: the next "
                               "run can then write the state while it does.\n";
    cli.input = "no\n";
    REQUIRE(cli.run({"force-unlock", held->info().id}) == 1);
    REQUIRE(cli.out() == holder +
                             "\nRemove the lock? Only 'yes' will be accepted: \nNothing was "
                             "removed.\n");
    REQUIRE(cli.err().empty());
    cli.input = "yes\n";
    REQUIRE(cli.run({"force-unlock", held->info().id}) == 0);
    REQUIRE(cli.out() ==
            holder + "\nRemove the lock? Only 'yes' will be accepted: \n\nRemoved the lock " +
                held->info().id + ".\n");
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    Result<ProjectLock> again = ProjectLock::acquire(state_directory(cli.project.path()), "apply",
                                                     std::chrono::milliseconds(0), "t1");
    REQUIRE(again.ok());
    cli.input.clear();
    REQUIRE(cli.run({"force-unlock", "--force", again->info().id}) == 0);
    REQUIRE(cli.out() == "Removed the lock " + again->info().id + ".\n");
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
}

TEST_CASE("drift before any apply says there is no last apply", "[cli][drift]") {
    CliHarness cli;
    cli.org.put(with(make_live("custom_-_1", "Get Order"), Field::timeout_seconds, 15));
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 15\n");
    REQUIRE(cli.run({"drift"}) == 0);
    REQUIRE(cli.out() ==
            "No state file: comparing the manifests with the org only.\n\n"
            "No drift. The org matches the manifests; no apply is recorded yet.\n\n"
            "Drift: 0 drifted, 1 in sync.\n");
    REQUIRE(cli.run({"drift", "--format", "markdown"}) == 0);
    REQUIRE(cli.out() ==
            "### dactl drift: no drift\n\nThe org matches the manifests; no apply is recorded yet "
            "(1 in sync).\n");
}

TEST_CASE("validate --format json gives the diagnostics as JSON", "[cli][validate]") {
    CliHarness cli;
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 15\n");
    cli.project.write("empty.toml", "# nothing yet\n");
    REQUIRE(cli.run({"validate", "--format", "json"}) == 0);
    REQUIRE(cli.out() ==
            "{\n"
            "  \"format_version\": 1,\n"
            "  \"command\": \"validate\",\n"
            "  \"valid\": true,\n"
            "  \"actions\": 1,\n"
            "  \"files\": 2,\n"
            "  \"diagnostics\": [\n"
            "    {\n"
            "      \"severity\": \"warning\",\n"
            "      \"path\": \"empty.toml\",\n"
            "      \"line\": 0,\n"
            "      \"column\": 0,\n"
            "      \"message\": \"the file declares no actions\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 99\n");
    REQUIRE(cli.run({"validate", "--format", "json"}) == 1);
    REQUIRE(cli.out().find("\"command\": \"validate\",\n  \"error\": \"1 problem in the manifests; "
                           "nothing was sent to the org\",") != std::string::npos);
    REQUIRE(
        cli.out().find("\"path\": \"actions.toml\",\n      \"line\": 3,\n      \"column\": 19,") !=
        std::string::npos);
}

TEST_CASE("show renders a saved plan without contacting the org", "[cli][saved]") {
    CliHarness cli;
    seed(cli);
    cli.org.set_org({"org-test", "Test"});
    // The flows plan listed are saved with it: show names them, reading nothing.
    cli.org.set_flows("custom_-_1", {{{"f1", "Main IVR", "INBOUNDCALLFLOW", "12.0"}}, false});
    REQUIRE(cli.run({"plan", "--out", plan_file(cli)}) == 0);
    const int requests = cli.provider_requests;
    const std::string file = plan_file(cli);
    const std::string digest = read_saved_plan(file).value().manifests_digest;

    SECTION("text") {
        REQUIRE(cli.run({"show", file, "--no-color"}) == 0);
        REQUIRE(cli.out() == "Saved plan " + file + ": made 2026-11-28T15:35:39Z by dactl " +
                                 DACTL_VERSION +
                                 " against \"Test\" (id org-test).\n"
                                 "Apply exactly it with: dactl apply " +
                                 file +
                                 "\n"
                                 "\n"
                                 "~ action.order: \"Get Order\" (custom_-_1)\n"
                                 "    ~ timeout_seconds: 3 -> 15\n"
                                 "    called by 1 published flow: Main IVR (inbound call flow)\n"
                                 "\n"
                                 "Plan: 1 to change, 1 unchanged.\n"
                                 "A flow whose Call Data Action unticks \"Use action's suggested "
                                 "timeout\" waits its own time: a longer action timeout does not "
                                 "help that flow.\n");
        REQUIRE(cli.err().empty());
        REQUIRE(cli.provider_requests == requests);
    }
    // The golden files hold VERSION and FILE where this build's version and the
    // temporary path go.
    auto generic = [&](std::string text) {
        for (const auto& [from, to] :
             {std::pair<std::string, std::string>{file, "FILE"}, {DACTL_VERSION, "VERSION"}}) {
            for (std::size_t at = text.find(from); at != std::string::npos;
                 at = text.find(from, at + to.size())) {
                text.replace(at, from.size(), to);
            }
        }
        return text;
    };
    SECTION("json") {
        REQUIRE(cli.run({"show", file, "--format", "json"}) == 0);
        check_golden("cmd/golden/show.json", generic(cli.out()));
        REQUIRE(cli.out().find(digest) != std::string::npos);
    }
    SECTION("markdown") {
        REQUIRE(cli.run({"show", file, "--format", "markdown"}) == 0);
        check_golden("cmd/golden/show.md", generic(cli.out()));
    }
    SECTION("errors") {
        REQUIRE(cli.run({"show"}) == 1);
        REQUIRE(cli.err() == "Error: show needs the saved plan to read: dactl show PLANFILE\n");
        const std::string missing = (cli.project.path() / "missing.plan").string();
        REQUIRE(cli.run({"show", missing}) == 1);
        REQUIRE(cli.err() == "Error: cannot read " + missing + ": No such file or directory\n");
        cli.project.write("broken.plan", "{\"format_version\": 1");
        const std::string broken = (cli.project.path() / "broken.plan").string();
        REQUIRE(cli.run({"show", broken}) == 1);
        REQUIRE(cli.err().rfind("Error: " + broken + ": ", 0) == 0);
    }
    REQUIRE(cli.provider_requests == requests);
}
