// dactl import ADDRESS ID against a FakeProvider: one live action adopted into
// a manifest and the state, nothing else written, the org untouched.

#include <catch2/catch.hpp>

#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

constexpr const char* k_existing = "[action.order]\nname = \"Get Order\"\ntimeout_seconds = 15\n";

void seed(CliHarness& cli) {
    cli.project.write("actions.toml", k_existing);
    cli.org.put(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 15));
    cli.org.put(with(with(make_live("custom_-_2", "Get Customer", 8), Field::timeout_seconds, 10),
                     Field::category, "CRM Lookups"));
    // A custom authentication action whose id looks like any other.
    cli.org.put_auth_action(make_live("custom_-_3", "Refresh Token"));
}

}  // namespace

TEST_CASE("import writes one entry and records it - plan then has nothing to do", "[cli][import]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"import", "action.customer", "custom_-_2"}) == 0);

    REQUIRE(cli.out() ==
            "Imported custom_-_2 \"Get Customer\" (version 8) as action.customer into "
            "crm-lookups.toml and the state. The org was not touched.\n");
    REQUIRE(cli.err().empty());
    REQUIRE(*read_file(cli.project.path() / "crm-lookups.toml") ==
            "# \"Get Customer\", category \"CRM Lookups\", exported at version 8\n"
            "[action.customer]\n"
            "id = \"custom_-_2\"\n"
            "timeout_seconds = 10\n");
    REQUIRE(*read_file(cli.project.path() / "actions.toml") == k_existing);
    const State state = read_state(state_directory(cli.project.path())).value().value();
    REQUIRE(state.actions.size() == 1);
    REQUIRE(state.actions[0].address == "action.customer");
    REQUIRE(state.actions[0].id == "custom_-_2");
    REQUIRE(state.actions[0].version == 8);
    REQUIRE(cli.org.stored("custom_-_2").version == 8);

    REQUIRE(cli.run({"plan", "--detailed-exitcode"}) == 0);
    REQUIRE(cli.out() ==
            "No changes. The live actions match the manifests.\n\nPlan: 0 to change, 2 "
            "unchanged.\n");
    REQUIRE(cli.run({"drift", "--no-audit"}) == 0);
}

TEST_CASE("import --into appends to a manifest, --fields all writes every field", "[cli][import]") {
    CliHarness cli;
    seed(cli);
    cli.org.put(
        with(with(with(make_live("custom_-_2", "Get Customer", 8), Field::timeout_seconds, 10),
                  Field::category, "CRM Lookups"),
             Field::request_headers, StringMap{{"Authorization", "Bearer ${credentials.token}"}}));

    REQUIRE(cli.run({"import", "action.customer", "custom_-_2", "--into", "actions.toml",
                     "--fields", "all"}) == 0);

    const std::string text = *read_file(cli.project.path() / "actions.toml");
    REQUIRE(text.rfind(std::string(k_existing) +
                           "\n# \"Get Customer\", category \"CRM Lookups\", exported at version 8\n"
                           "[action.customer]\n"
                           "id = \"custom_-_2\"\n"
                           "name = \"Get Customer\"\n"
                           "category = \"CRM Lookups\"\n"
                           "timeout_seconds = 10\n",
                       0) == 0);
    REQUIRE(text.find("headers = { Authorization = \"Bearer ${credentials.token}\" }") !=
            std::string::npos);
    REQUIRE(cli.run({"plan", "--detailed-exitcode"}) == 0);
}

TEST_CASE("import refuses what would give an action two addresses, writing nothing",
          "[cli][import]") {
    CliHarness cli;
    seed(cli);
    const auto refused = [&](std::vector<std::string> args, const std::string& error) {
        REQUIRE(cli.run(std::move(args)) == 1);
        REQUIRE(cli.err() == "Error: " + error + "\n");
        REQUIRE(*read_file(cli.project.path() / "actions.toml") == k_existing);
        REQUIRE_FALSE(std::filesystem::exists(cli.project.path() / "crm-lookups.toml"));
        REQUIRE_FALSE(std::filesystem::exists(state_path(state_directory(cli.project.path()))));
    };
    refused({"import", "action.customer"},
            "import needs the address to give the action and its id: dactl import action.LABEL "
            "ID");
    refused({"import", "customer", "custom_-_2"},
            "the address must be action.<label>, the label made of a-z, 0-9 and _, not customer");
    refused({"import", "action.order", "custom_-_2"},
            "action.order is declared already at actions.toml:1:1; nothing was written");
    refused({"import", "action.again", "custom_-_1"},
            "custom_-_1 \"Get Order\" is managed already as action.order (by name, "
            "actions.toml:2:1); nothing was written");
    refused({"import", "action.ghost", "custom_-_9"},
            "the org has no action custom_-_9; nothing was written");
    refused({"import", "action.refresh", "custom_-_3"},
            "cannot import custom_-_3 \"Refresh Token\": it is a custom authentication action, "
            "which dactl does not manage (the API refuses a timeout on them); nothing was "
            "written");
    refused({"import", "action.customer", "custom_-_2", "--fields", "some"},
            "--fields must be timeout or all, not some");

    REQUIRE(cli.run({"import", "action.customer", "custom_-_2"}) == 0);
    const std::string written = *read_file(cli.project.path() / "crm-lookups.toml");
    REQUIRE(cli.run({"import", "action.customer_2", "custom_-_2"}) == 1);
    REQUIRE(cli.err() ==
            "Error: custom_-_2 is managed already as action.customer (crm-lookups.toml:3:1); "
            "nothing was written\n");
    REQUIRE(*read_file(cli.project.path() / "crm-lookups.toml") == written);

    // The manifest entry gone, the state still records it.
    std::filesystem::remove(cli.project.path() / "crm-lookups.toml");
    REQUIRE(cli.run({"import", "action.cust", "custom_-_2"}) == 1);
    REQUIRE(cli.err() ==
            "Error: custom_-_2 is in the state already as action.customer; to give it a new "
            "address: dactl state mv action.customer action.cust; nothing was written\n");
    REQUIRE(cli.run({"import", "action.customer", "custom_-_1"}) == 1);
    REQUIRE(cli.err() ==
            "Error: action.customer is in the state already (custom_-_2); choose another "
            "address, or dactl state rm action.customer; nothing was written\n");
}

TEST_CASE("import --into takes only a manifest of the project, before reading anything",
          "[cli][import][hostile]") {
    CliHarness cli;
    seed(cli);
    const std::string give =
        "; give a .toml file inside the project, relative to it, e.g. manifests/adopted.toml; "
        "nothing was written\n";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"../x.toml", "it is outside the project, where dactl would never read it"},
        {"dactl.toml", "dactl.toml holds the project's settings, not actions"},
        {"notes.md", "dactl reads only .toml files as manifests"},
    };
    for (const auto& [into, why] : cases) {
        REQUIRE(cli.run({"import", "action.customer", "custom_-_2", "--into", into}) == 1);
        CHECK(cli.err() == "Error: --into \"" + into + "\": " + why + give);
    }
    CHECK(cli.provider_requests == 0);
    CHECK_FALSE(std::filesystem::exists(cli.project.path().parent_path() / "x.toml"));
}
