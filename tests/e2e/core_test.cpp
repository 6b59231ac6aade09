// End-to-end: the dactl binary against genesys-emulator, for the core of
// issue 3: plan, apply, convergence, request budgets and the hard cases.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "tests/support/emulator.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

// The stored action, as the admin API dumps it.
rapidjson::Document stored(const Emulator& emulator, const std::string& id) {
    rapidjson::Document document;
    document.Parse(emulator.admin("GET", "/__emulator/actions/" + id).c_str());
    return document;
}

std::string stored_text(const Emulator& emulator, const std::string& id) {
    return emulator.admin("GET", "/__emulator/actions/" + id);
}

int timeout_of(const Emulator& emulator, const std::string& id) {
    rapidjson::Document action = stored(emulator, id);
    const auto& config = action["config"];
    return config.HasMember("timeoutSeconds") ? config["timeoutSeconds"].GetInt() : 0;
}

std::string manifest(const std::string& label, const std::string& name, int timeout) {
    return "[action." + label + "]\nname = \"" + name +
           "\"\ntimeout_seconds = " + std::to_string(timeout) + "\n";
}

}  // namespace

TEST_CASE("plan over 300 actions costs one token and three pages", "[e2e]") {
    Emulator emulator(seed_json(many_actions(300)));
    TempDir project;
    project.write("a.toml",
                  manifest("first", "Action 0001", 15) + manifest("last", "Action 0300", 3));

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "plan", "--no-color"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out ==
            "~ action.first: \"Action 0001\" (custom_-_0001)\n"
            "    ~ timeout_seconds: 3 -> 15\n"
            "    called by no published flow\n"
            "\n"
            "Plan: 1 to change, 1 unchanged.\n");
    // One more request per changed action (the flows that call it) and, as a
    // timeout changes, one analytics query (no traffic: the limit is not read).
    REQUIRE(emulator.counts() ==
            std::map<std::string, int>{
                {"POST /oauth/token", 1},
                {"GET /api/v2/integrations/actions", 3},
                {"GET /api/v2/architect/dependencytracking/consumingresources", 1},
                {"POST /api/v2/analytics/actions/aggregates/query", 1}});
}

TEST_CASE("a plan of 1000 unchanged actions stays at 11 requests with impact on",
          "[e2e][budget][impact]") {
    std::vector<SeedAction> actions = many_actions(1000);
    std::string declared;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        declared += manifest("a" + std::to_string(i), actions[i].name, 3);
    }
    Emulator emulator(seed_json(actions));
    TempDir project;
    project.write("a.toml", declared);

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "plan", "--no-color"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out ==
            "No changes. The live actions match the manifests.\n\n"
            "Plan: 0 to change, 1000 unchanged.\n");
    // No change: no flows, no analytics, no limits read.
    REQUIRE(emulator.counts() ==
            std::map<std::string, int>{{"POST /oauth/token", 1},
                                       {"GET /api/v2/integrations/actions", 10}});
}

TEST_CASE("apply changes exactly the planned field and confirms it", "[e2e]") {
    std::vector<SeedAction> actions = many_actions(3);
    actions[0].headers = {{"Accept", "application/json"},
                          {"Authorization", "Bearer ${credentials.token}"}};
    actions[0].translation_map = {{"status", "$.status"}};
    Emulator emulator(seed_json(actions));
    TempDir project;
    project.write("a.toml", manifest("one", "Action 0001", 20) + manifest("two", "Action 0002", 3));
    const std::string before = stored_text(emulator, "custom_-_0001");
    const std::string untouched = stored_text(emulator, "custom_-_0003");

    ProcessResult run =
        emulator.dactl({"-C", project.path().string(), "apply", "--auto-approve", "--no-color"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out ==
            "~ action.one: \"Action 0001\" (custom_-_0001)\n"
            "    ~ timeout_seconds: 3 -> 20\n"
            "\n"
            "Plan: 1 to change, 1 unchanged.\n"
            "action.one: applied, version 1 -> 2\n"
            "\n"
            "Apply complete: 1 changed, 1 unchanged.\n");
    // The listing, then the write confirmed by one read of the list by id.
    REQUIRE(emulator.counts() ==
            std::map<std::string, int>{{"POST /oauth/token", 1},
                                       {"GET /api/v2/organizations/me", 1},
                                       {"GET /api/v2/integrations/actions", 2},
                                       {"PATCH /api/v2/integrations/actions/{id}", 1}});
    // Everything but the timeout and the version is byte for byte as before.
    std::string expected = before;
    expected.replace(expected.find("\"timeoutSeconds\":3"), 18, "\"timeoutSeconds\":20");
    expected.replace(expected.find("\"version\":1"), 11, "\"version\":2");
    REQUIRE(stored_text(emulator, "custom_-_0001") == expected);
    REQUIRE(stored_text(emulator, "custom_-_0003") == untouched);

    Result<std::optional<State>> state = read_state(state_directory(project.path()));
    REQUIRE(state.ok());
    REQUIRE((*state)->actions.size() == 2);
    REQUIRE((*state)->actions[0].version == 2);

    SECTION("a second plan shows nothing to do") {
        ProcessResult again =
            emulator.dactl({"-C", project.path().string(), "plan", "--detailed-exitcode"});
        REQUIRE(again.exit_code == 0);
        REQUIRE(again.out ==
                "No changes. The live actions match the manifests.\n\nPlan: 0 to change, 2 "
                "unchanged.\n");
    }
}

TEST_CASE("apply takes 'yes' from a pipe and refuses an ended input before any request", "[e2e]") {
    Emulator emulator(seed_json(many_actions(2)));
    TempDir project;
    project.write("a.toml", manifest("one", "Action 0001", 20));
    const std::string dir = project.path().string();

    SECTION("echo yes | dactl apply") {
        ProcessOptions piped;
        piped.input = "yes\n";
        ProcessResult run = emulator.dactl({"-C", dir, "apply", "--no-color"}, piped);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        REQUIRE(run.out ==
                "~ action.one: \"Action 0001\" (custom_-_0001)\n"
                "    ~ timeout_seconds: 3 -> 20\n"
                "\n"
                "Plan: 1 to change, 0 unchanged.\n"
                "\n"
                "Apply these changes to 1 action? Only 'yes' will be accepted: \n"
                "\n"
                "action.one: applied, version 1 -> 2\n"
                "\n"
                "Apply complete: 1 changed, 0 unchanged.\n");
        REQUIRE(timeout_of(emulator, "custom_-_0001") == 20);
    }
    SECTION("an empty pipe, /dev/null or a closed descriptor") {
        const std::string expected =
            "Error: apply needs confirmation, and standard input is closed; review the plan and "
            "pass --auto-approve, or answer 'yes' on standard input (echo yes | dactl apply); "
            "nothing was sent to the org\n";
        ProcessResult empty = emulator.dactl({"-C", dir, "apply"});
        REQUIRE(empty.exit_code == 1);
        REQUIRE(empty.err == expected);
        for (const char* redirect : {"</dev/null", "<&-"}) {
            ProcessOptions options;
            options.environment = emulator.dactl_environment();
            options.unset = {"GENESYSCLOUD_REGION", "DACTL_LOGIN_URL"};
            ProcessResult shell =
                run_process({"/bin/sh", "-c", std::string("\"$0\" -C \"$1\" apply ") + redirect,
                             DACTL_BINARY, dir},
                            options);
            INFO(redirect);
            REQUIRE(shell.exit_code == 1);
            REQUIRE(shell.err == expected);
        }
        REQUIRE(emulator.counts().empty());
        REQUIRE(timeout_of(emulator, "custom_-_0001") == 3);
    }
}

TEST_CASE("templates served as URIs survive a timeout change byte for byte", "[e2e]") {
    std::vector<SeedAction> actions = many_actions(2);
    actions[0].request_template =
        "{\n  \"q\": \"${input.q}\",\n  \"quote\": \"\\\"x\\\"\", \"zoë\": 1\n}";
    actions[0].success_template = "#set($a = \"b\")\n${a}\\n\n";
    Emulator emulator(seed_json(actions), {"--templates-as-uris"});
    TempDir project;
    project.write("a.toml", manifest("one", "Action 0001", 9));
    rapidjson::Document before = stored(emulator, "custom_-_0001");

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "apply", "--auto-approve"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    rapidjson::Document after = stored(emulator, "custom_-_0001");
    REQUIRE(std::string(after["config"]["request"]["requestTemplate"].GetString()) ==
            before["config"]["request"]["requestTemplate"].GetString());
    REQUIRE(std::string(after["config"]["response"]["successTemplate"].GetString()) ==
            before["config"]["response"]["successTemplate"].GetString());
    REQUIRE(timeout_of(emulator, "custom_-_0001") == 9);
    // Plan: no template fetched (timeouts only); apply: both fetched to write them back.
    REQUIRE(emulator.counts() == std::map<std::string, int>{
                                     {"POST /oauth/token", 1},
                                     {"GET /api/v2/organizations/me", 1},
                                     {"GET /api/v2/integrations/actions", 2},
                                     {"GET /api/v2/integrations/actions/{id}/templates/{file}", 2},
                                     {"PATCH /api/v2/integrations/actions/{id}", 1}});
}

TEST_CASE("TLS to a plain HTTP port says the server may be plain HTTP", "[e2e]") {
    Emulator emulator(seed_json(many_actions(1)));
    TempDir project;
    project.write("a.toml", manifest("first", "Action 0001", 15));
    std::string url = emulator.base_url();
    url.replace(0, 4, "https");
    ProcessOptions options;
    options.environment["DACTL_API_URL"] = url;

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "plan"}, options);

    INFO(run.err);
    REQUIRE(run.exit_code == 1);
    REQUIRE(run.err.starts_with("Error: POST " + url + "/oauth/token: no answer: OpenSSL/"));
    REQUIRE(
        run.err.ends_with("wrong version number; the server may speak plain HTTP, not TLS "
                          "(use an http:// URL for it)\n"));
}

TEST_CASE("an ambiguous name lists the candidates and changes nothing", "[e2e]") {
    std::vector<SeedAction> actions = many_actions(3);
    actions[1].name = "Get Order";
    actions[1].category = "Orders Web Services";
    actions[2].name = "Get Order";
    actions[2].category = "Legacy Orders";
    Emulator emulator(seed_json(actions));
    TempDir project;
    project.write("a.toml", manifest("order", "Get Order", 9));

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "apply", "--auto-approve"});

    REQUIRE(run.exit_code == 1);
    REQUIRE(run.out.empty());
    REQUIRE(run.err ==
            "a.toml:2:1: action.order: 2 live actions are named \"Get Order\"; select one by id "
            "instead:\n"
            "    custom_-_0002  category \"Orders Web Services\"\n"
            "    custom_-_0003  category \"Legacy Orders\"\n"
            "Error: the plan cannot be made; nothing was changed\n");
    REQUIRE(emulator.counts().count("PATCH /api/v2/integrations/actions/{id}") == 0);
}

TEST_CASE("custom authentication and built-in actions are refused at plan time", "[e2e]") {
    // Both shapes of a custom authentication action's id: only the listing tells it apart.
    for (const std::string shape : {"prefixed", "plain"}) {
        std::vector<SeedAction> actions = many_actions(1);
        SeedAction auth;
        auth.id = "customAuth_-_77";
        auth.name = "Refresh Token";
        auth.custom_auth = true;
        SeedAction builtin;
        builtin.id = "static_-_date";
        builtin.name = "Get Date";
        actions.push_back(auth);
        actions.push_back(builtin);
        Emulator emulator(seed_json(actions), {"--auth-ids", shape});
        TempDir project;
        project.write("a.toml", manifest("auth", "Refresh Token", 9) +
                                    "[action.date]\nname = \"Get Date\"\ncategory = \"Time\"\n");

        ProcessResult run = emulator.dactl({"-C", project.path().string(), "plan"});

        const std::string id = shape == "plain" ? "custom_-_77" : "customAuth_-_77";
        INFO(shape);
        REQUIRE(run.exit_code == 1);
        REQUIRE(run.err ==
                "a.toml:2:1: action.auth: \"Refresh Token\" (" + id +
                    ") is a custom authentication action; the API lists those only on request "
                    "and refuses a timeout on them, so dactl does not manage them: remove the "
                    "declaration\n"
                    "a.toml:4:1: action.date: static_-_date \"Get Date\" is a built-in action and "
                    "cannot be changed; remove category or match the live values\n"
                    "Error: the plan cannot be made; nothing was changed\n");
    }
}

TEST_CASE("an action selected by id can be renamed", "[e2e]") {
    Emulator emulator(seed_json(many_actions(2)));
    TempDir project;
    project.write("a.toml", "[action.one]\nid = \"custom_-_0002\"\nname = \"Renamed Lookup\"\n");

    ProcessResult run =
        emulator.dactl({"-C", project.path().string(), "apply", "--auto-approve", "--no-color"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out.rfind("~ action.one: \"Action 0002\" (custom_-_0002)\n"
                          "    ~ name: \"Action 0002\" -> \"Renamed Lookup\"\n",
                          0) == 0);
    REQUIRE(std::string(stored(emulator, "custom_-_0002")["name"].GetString()) == "Renamed Lookup");
}

TEST_CASE("a concurrent save (409) is retried on top of it", "[e2e]") {
    Emulator emulator(seed_json(many_actions(2)), {"--conflict-next", "1"});
    TempDir project;
    project.write("a.toml", manifest("one", "Action 0001", 12));

    ProcessResult run =
        emulator.dactl({"-C", project.path().string(), "apply", "--auto-approve", "--no-color"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out.find("action.one: applied, version 1 -> 3\n") != std::string::npos);
    REQUIRE(timeout_of(emulator, "custom_-_0001") == 12);
    REQUIRE(emulator.counts()["PATCH /api/v2/integrations/actions/{id}"] == 2);
}

TEST_CASE("stale reads after a write are waited out", "[e2e]") {
    Emulator emulator(seed_json(many_actions(2)), {"--stale-read-ms", "1200"});
    TempDir project;
    project.write("a.toml",
                  manifest("one", "Action 0001", 12) + manifest("two", "Action 0002", 14));

    ProcessResult run =
        emulator.dactl({"-C", project.path().string(), "apply", "--auto-approve", "--no-color"});

    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out.find("Apply complete: 2 changed, 0 unchanged.\n") != std::string::npos);
    // Both writes are read back together, again after each delay until they show:
    // the listing, then 2 to 6 reads by id, never one action at a time.
    std::map<std::string, int> counts = emulator.counts();
    REQUIRE(counts["GET /api/v2/integrations/actions"] >= 3);
    REQUIRE(counts["GET /api/v2/integrations/actions"] <= 7);
    REQUIRE(counts.count("GET /api/v2/integrations/actions/{id}") == 0);
}

TEST_CASE("an invalid project sends nothing to the org", "[e2e]") {
    Emulator emulator(seed_json(many_actions(1)));
    TempDir project;
    project.write("a.toml", "[action.one]\nname = \"Action 0001\"\ntimeout_seconds = 0\n");

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "plan"});

    REQUIRE(run.exit_code == 1);
    REQUIRE(emulator.requests().empty());
}

TEST_CASE("apply costs a write per change and a read per group of them", "[e2e][budget]") {
    struct Case {
        int actions;     // M
        int changes;     // K
        int every;       // the changed actions are every `every`-th from the first
        int confirming;  // the reads that confirm them
    };
    // The budget: 1 token + 1 org + ceil(M/100) pages + K PATCHes +
    // min(ceil(M/100), ceil(K/50)) confirming reads (here: exactly).
    const std::vector<Case> cases = {
        {1000, 984, 1, 10},  // ten pages, not twenty reads of 50 ids
        {1000, 100, 10, 2},  // spread over ten pages: two reads of 50 ids
        {250, 120, 1, 2},    // page 1 whole, then 20 on page 2 by id
        {40, 40, 1, 1},
    };
    for (const Case& c : cases) {
        INFO(c.actions << " actions, " << c.changes << " changes");
        // Both limits lifted: the counts, not the pacing, are under test.
        Emulator emulator(seed_json(many_actions(c.actions)), {"--rate-limit", "0"});
        TempDir project;
        project.write("dactl.toml", "[api]\nrequests_per_minute = 10000\n");
        std::string manifests;
        for (int i = 0; i < c.changes; ++i) {
            char number[16];
            std::snprintf(number, sizeof number, "%04d", 1 + i * c.every);
            manifests += manifest(std::string("a") + number, std::string("Action ") + number, 9);
        }
        project.write("a.toml", manifests);

        ProcessResult run = emulator.dactl(
            {"-C", project.path().string(), "apply", "--auto-approve", "--parallelism", "10"});

        REQUIRE(run.exit_code == 0);
        REQUIRE(run.out.find("Apply complete: " + std::to_string(c.changes) + " changed") !=
                std::string::npos);
        const int pages = (c.actions + 99) / 100;
        REQUIRE(c.confirming <= std::min(pages, (c.changes + 49) / 50));
        REQUIRE(emulator.counts() == std::map<std::string, int>{
                                         {"POST /oauth/token", 1},
                                         {"GET /api/v2/organizations/me", 1},
                                         {"GET /api/v2/integrations/actions", pages + c.confirming},
                                         {"PATCH /api/v2/integrations/actions/{id}", c.changes}});
    }
}

TEST_CASE("a saved plan is re-read in one listing and confirmed a page a request",
          "[e2e][budget]") {
    Emulator emulator(seed_json(many_actions(300)), {"--rate-limit", "0"});
    TempDir project;
    project.write("dactl.toml", "[api]\nrequests_per_minute = 10000\n");
    std::string manifests;
    for (int i = 1; i <= 120; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "%04d", i);
        manifests += manifest(std::string("a") + number, std::string("Action ") + number, 9);
    }
    project.write("a.toml", manifests);
    const std::string plan = (project.path() / "plan.json").string();
    REQUIRE(emulator.dactl({"-C", project.path().string(), "plan", "--out", plan}).exit_code == 0);
    emulator.admin("DELETE", "/__emulator/requests");

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "apply", plan});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    // 1 token + 1 org + the listing (3 pages of 100) + 120 PATCHes + the confirming
    // reads, a listed page each (the 120 were on pages 1 and 2).
    REQUIRE(emulator.counts() ==
            std::map<std::string, int>{{"POST /oauth/token", 1},
                                       {"GET /api/v2/organizations/me", 1},
                                       {"GET /api/v2/integrations/actions", 3 + 2},
                                       {"PATCH /api/v2/integrations/actions/{id}", 120}});
}

TEST_CASE("state mv after a label rename keeps drift quiet - state rm sends nothing",
          "[e2e][state]") {
    Emulator emulator(seed_json(many_actions(2)));
    TempDir project;
    project.write("a.toml", manifest("one", "Action 0001", 20) + manifest("two", "Action 0002", 3));
    const std::string dir = project.path().string();
    REQUIRE(emulator.dactl({"-C", dir, "apply", "--auto-approve"}).exit_code == 0);
    emulator.clear_log();

    ProcessResult moved = emulator.dactl({"-C", dir, "state", "mv", "action.one", "action.first"});
    INFO(moved.err);
    REQUIRE(moved.exit_code == 0);
    REQUIRE(moved.out ==
            "Moved action.one to action.first in the state; its history came along. Rename it "
            "in the manifests too. The org was not touched.\n");
    ProcessResult removed = emulator.dactl({"-C", dir, "state", "rm", "action.two"});
    REQUIRE(removed.exit_code == 0);
    REQUIRE(emulator.counts().empty());

    project.write("a.toml", manifest("first", "Action 0001", 20));
    ProcessResult drift = emulator.dactl({"-C", dir, "drift", "--no-audit"});
    INFO(drift.err);
    REQUIRE(drift.exit_code == 0);
    REQUIRE(drift.out ==
            "No drift. The org, the manifests and the last apply agree.\n\nDrift: 0 drifted, 1 in "
            "sync.\n");
    ProcessResult listed = emulator.dactl({"-C", dir, "state", "list"});
    INFO(listed.out);
    REQUIRE(listed.out.find("\naction.first  custom_-_0001        2  ") != std::string::npos);
    REQUIRE(listed.out.find("action.two") == std::string::npos);
}

TEST_CASE("import adopts one action in four requests - plan then has nothing to do",
          "[e2e][import]") {
    Emulator emulator(seed_json(many_actions(120)));
    TempDir project;
    const std::string dir = project.path().string();

    ProcessResult imported =
        emulator.dactl({"-C", dir, "import", "action.lookup", "custom_-_0077"});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    REQUIRE(imported.out ==
            "Imported custom_-_0077 \"Action 0077\" (version 1) as action.lookup into orders.toml "
            "and the state. The org was not touched.\n");
    // One read by id, not the 120-action listing; the integrations (does it run a
    // function?); the org's identity for the state.
    REQUIRE(emulator.counts() ==
            std::map<std::string, int>{{"POST /oauth/token", 1},
                                       {"GET /api/v2/organizations/me", 1},
                                       {"GET /api/v2/integrations", 1},
                                       {"GET /api/v2/integrations/actions", 1}});
    REQUIRE(*read_file(project.path() / "orders.toml") ==
            "# \"Action 0077\", category \"Orders\", exported at version 1\n"
            "[action.lookup]\n"
            "id = \"custom_-_0077\"\n"
            "timeout_seconds = 3\n");

    ProcessResult plan = emulator.dactl({"-C", dir, "plan", "--detailed-exitcode"});
    REQUIRE(plan.exit_code == 0);
    ProcessResult drift = emulator.dactl({"-C", dir, "drift", "--no-audit"});
    REQUIRE(drift.exit_code == 0);
    REQUIRE(drift.out ==
            "No drift. The org, the manifests and the last apply agree.\n\nDrift: 0 drifted, 1 in "
            "sync.\n");
}

TEST_CASE("apply --target changes only the named actions", "[e2e][target]") {
    Emulator emulator(seed_json(many_actions(3)));
    TempDir project;
    project.write("a.toml", manifest("one", "Action 0001", 20) +
                                manifest("two", "Action 0002", 30) +
                                manifest("three", "Action 0003", 40));
    const std::string dir = project.path().string();

    ProcessResult run = emulator.dactl(
        {"-C", dir, "apply", "--auto-approve", "--target", "action.t*", "--no-color"});

    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out.find("Partial plan: only action.t*; the other actions of the manifests were "
                         "not read in detail or planned.\n") != std::string::npos);
    REQUIRE(timeout_of(emulator, "custom_-_0001") == 3);
    REQUIRE(timeout_of(emulator, "custom_-_0002") == 30);
    REQUIRE(timeout_of(emulator, "custom_-_0003") == 40);
    REQUIRE(emulator.counts().at("PATCH /api/v2/integrations/actions/{id}") == 2);
    ProcessResult plan = emulator.dactl({"-C", dir, "plan", "--detailed-exitcode", "--no-color"});
    REQUIRE(plan.exit_code == 2);
    REQUIRE(plan.out ==
            "~ action.one: \"Action 0001\" (custom_-_0001)\n"
            "    ~ timeout_seconds: 3 -> 20\n"
            "    called by no published flow\n"
            "\n"
            "Plan: 1 to change, 2 unchanged.\n");
}
