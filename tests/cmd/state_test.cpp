// dactl state list/show/mv/rm against a FakeProvider: the state read and
// edited under the lock, the org never touched.

#include <catch2/catch.hpp>

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

void applied(CliHarness& cli) {
    cli.project.write("actions.toml",
                      "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 15\n"
                      "request.headers = { Accept = \"application/json\", X-Api-Key = "
                      "\"k-123\" }\n\n"
                      "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 10\n");
    cli.org.put(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3));
    cli.org.put(with(make_live("custom_-_2", "Get Customer", 8), Field::timeout_seconds, 10));
    cli.org.set_org({"org-test", "Test"});
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
}

State state_of(const CliHarness& cli) {
    return read_state(state_directory(cli.project.path())).value().value();
}

}  // namespace

TEST_CASE("state list and show print what the state records, secrets masked", "[cli][state]") {
    CliHarness cli;
    applied(cli);
    const std::size_t calls = cli.org.calls().size();

    REQUIRE(cli.run({"state", "list", "--no-color"}) == 0);
    REQUIRE(cli.out() ==
            "ADDRESS                  ID  VERSION            APPLIED AT\n"
            "action.customer  custom_-_2        8  2026-11-28T15:35:39Z\n"
            "action.order     custom_-_1        4  2026-11-28T15:35:39Z\n"
            "\n"
            "2 actions in the state (serial 1), applied to \"Test\" (id org-test).\n");

    REQUIRE(cli.run({"state", "show", "action.order", "--no-color"}) == 0);
    REQUIRE(cli.out() ==
            "action.order\n"
            "    id:         custom_-_1\n"
            "    name:       \"Get Order\"\n"
            "    version:    4\n"
            "    applied at: 2026-11-28T15:35:39Z\n"
            "    managed:\n"
            "        timeout_seconds = 15\n"
            "        request.headers = {\"Accept\": \"application/json\", \"X-Api-Key\": "
            "(sensitive)}\n");
    REQUIRE(cli.out().find("k-123") == std::string::npos);

    REQUIRE(cli.run({"state", "list", "--format", "json"}) == 0);
    // The lineage is a random UUID: the golden file holds LINEAGE there.
    std::string listed = cli.out();
    const std::string lineage = state_of(cli).lineage;
    REQUIRE(listed.find(lineage) != std::string::npos);
    listed.replace(listed.find(lineage), lineage.size(), "LINEAGE");
    check_golden("cmd/golden/state_list.json", listed);
    REQUIRE(cli.run({"state", "show", "action.order", "--format", "json"}) == 0);
    REQUIRE(cli.out().find("k-123") == std::string::npos);
    REQUIRE(cli.out().find("\"command\": \"state show\"") != std::string::npos);
    REQUIRE(cli.out().find("\"X-Api-Key\": \"(sensitive)\"") != std::string::npos);
    REQUIRE(cli.out().find("hmac-sha256") == std::string::npos);

    REQUIRE(cli.run({"state", "show", "action.nope"}) == 1);
    REQUIRE(cli.err() ==
            "Error: action.nope is not in the state (dactl state list shows what is)\n");
    REQUIRE(cli.org.calls().size() == calls);
    REQUIRE(cli.provider_requests == 1);
}

TEST_CASE("state mv renames an address keeping its history - plan then sees it managed",
          "[cli][state]") {
    CliHarness cli;
    applied(cli);
    const StateAction before = *state_of(cli).find("action.order");

    REQUIRE(cli.run({"state", "mv", "action.order", "action.order_lookup"}) == 0);
    REQUIRE(cli.out() ==
            "Moved action.order to action.order_lookup in the state; its history came along. "
            "Rename it in the manifests too. The org was not touched.\n");
    const State after = state_of(cli);
    REQUIRE(after.serial == 2);
    REQUIRE(after.find("action.order") == nullptr);
    const StateAction* moved = after.find("action.order_lookup");
    REQUIRE(moved != nullptr);
    REQUIRE(moved->id == before.id);
    REQUIRE(moved->applied_at == before.applied_at);
    REQUIRE(moved->before == before.before);
    REQUIRE(moved->managed == before.managed);
    REQUIRE(after.actions.front().address == "action.customer");

    cli.project.write("actions.toml",
                      "[action.order_lookup]\nname = \"Get Order\"\ntimeout_seconds = 15\n"
                      "request.headers = { Accept = \"application/json\", X-Api-Key = "
                      "\"k-123\" }\n\n"
                      "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 10\n");
    REQUIRE(cli.run({"drift", "--no-audit"}) == 0);
    REQUIRE(cli.out() ==
            "No drift. The org, the manifests and the last apply agree.\n\nDrift: 0 drifted, 2 in "
            "sync.\n");
}

TEST_CASE("state rm forgets actions without touching the org", "[cli][state]") {
    CliHarness cli;
    applied(cli);
    const std::size_t calls = cli.org.calls().size();

    REQUIRE(cli.run({"state", "rm", "action.customer"}) == 0);
    REQUIRE(cli.out() ==
            "Removed action.customer from the state: dactl no longer remembers applying it "
            "(while a manifest declares one, the next apply manages it again). The org was not "
            "touched.\n");
    REQUIRE(state_of(cli).actions.size() == 1);
    REQUIRE(state_of(cli).serial == 2);
    REQUIRE(cli.org.calls().size() == calls);
    REQUIRE(cli.org.stored("custom_-_2").version == 8);
}

TEST_CASE("the local state restores the version before the last, listed with --serial",
          "[cli][state]") {
    CliHarness cli;
    applied(cli);
    const State first = state_of(cli);
    REQUIRE(cli.run({"state", "rm", "action.customer"}) == 0);

    REQUIRE(cli.run({"state", "list", "--serial", "1"}) == 0);
    REQUIRE(cli.out().find("2 actions in the state (serial 1)") != std::string::npos);
    REQUIRE(cli.run({"state", "show", "action.customer", "--serial", "1"}) == 0);
    REQUIRE(cli.out().rfind("action.customer\n    id:         custom_-_2\n", 0) == 0);
    REQUIRE(cli.run({"state", "show", "action.customer"}) == 1);

    REQUIRE(cli.run({"state", "restore", "1"}) == 0);
    REQUIRE(cli.out() ==
            "Restored version 1 of the state as the latest: drift and the next plan "
            "compare against it again. The org was not touched.\n");
    const State restored = state_of(cli);
    REQUIRE(restored.serial == 3);
    REQUIRE(restored.lineage == first.lineage);
    REQUIRE(restored.actions == first.actions);
}

TEST_CASE("state edits that cannot be made change nothing and say why", "[cli][state]") {
    CliHarness cli;

    REQUIRE(cli.run({"state", "list"}) == 1);
    REQUIRE(cli.err() == "Error: there is no state yet (" +
                             state_path(state_directory(cli.project.path())).string() +
                             "): no apply is recorded\n");

    applied(cli);
    const std::string before = *read_file(state_path(state_directory(cli.project.path())));
    const auto refused = [&](std::vector<std::string> args, const std::string& error) {
        REQUIRE(cli.run(std::move(args)) == 1);
        REQUIRE(cli.err() == "Error: " + error + "\n");
        REQUIRE(*read_file(state_path(state_directory(cli.project.path()))) == before);
    };
    refused({"state", "mv", "action.nope", "action.x"},
            "action.nope is not in the state (dactl state list shows what is); the state was not "
            "changed");
    refused({"state", "mv", "action.order", "action.customer"},
            "action.customer is in the state already (custom_-_2); remove it first: dactl state "
            "rm action.customer; the state was not changed");
    refused({"state", "mv", "action.order", "order-2"},
            "the new address must be action.<label>, the label made of a-z, 0-9 and _, not "
            "order-2; the state was not changed");
    refused({"state", "rm", "action.order", "action.nope"},
            "action.nope is not in the state (dactl state list shows what is); the state was not "
            "changed");
    const std::string usage =
        "usage: dactl state list | show ADDRESS | mv OLD NEW | rm "
        "ADDRESS... | history | restore SERIAL | push | pull";
    refused({"state", "frobnicate"}, usage);
    refused({"state", "mv", "action.order"}, usage);
    refused({"state", "restore"}, usage);
    refused({"state", "mv", "action.order", "action.x", "--serial", "1"},
            "--serial goes with state list and state show");
    refused({"state", "history"},
            "the local state keeps no history, only the version before the last (" +
                state_path(state_directory(cli.project.path())).string() +
                ".backup); the postgres backend keeps every version ([state] in docs/state.md)");
    refused({"state", "list", "--serial", "7"},
            "version 7 of the state is not kept in " +
                state_path(state_directory(cli.project.path())).string() +
                " (dactl state history lists those that are)");
    refused({"state", "restore", "1"},
            "version 1 is the latest already; the state was not changed");
    refused({"state", "restore", "x1"},
            "state restore takes a version's serial (dactl state history lists them), not x1");
    refused({"state", "push"},
            "state push moves the state between the local files and the backend [state] names "
            "in dactl.toml, and it names none (backend = \"postgres\" with a project key; "
            "docs/state.md)");

    // Another run holds the lock.
    Result<ProjectLock> lock = ProjectLock::acquire(state_directory(cli.project.path()), "apply",
                                                    std::chrono::milliseconds(0), "now");
    REQUIRE(lock.ok());
    REQUIRE(cli.run({"state", "rm", "action.order"}) == 1);
    REQUIRE(cli.err().rfind("Error: the project is locked", 0) == 0);
    REQUIRE(*read_file(state_path(state_directory(cli.project.path()))) == before);
}
