// End-to-end: the pipeline features (issue 4) against genesys-emulator.

#include <catch2/catch.hpp>

#include "engine/util/file_io.h"
#include "tests/support/emulator.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

std::string manifest(const std::string& label, const std::string& name, int timeout) {
    return "[action." + label + "]\nname = \"" + name +
           "\"\ntimeout_seconds = " + std::to_string(timeout) + "\n";
}

// Templates that are hard to carry through TOML: quotes, backslashes,
// newlines, ''' runs, non-ASCII, control characters, Velocity syntax.
std::vector<SeedAction> hostile_org(int count) {
    std::vector<SeedAction> actions = many_actions(count);
    const std::vector<std::string> templates = {
        "{\n  \"q\": \"${input.q}\",\n  \"path\": \"C:\\\\temp\\\\x\"\n}\n",
        "#set($x = '''triple''')\n${x}",
        "Zoë “quoted” — ünïcödé ✓\n\ttab\n",
        "ends with a quote'",
        "line\r\nwindows\r\n",
        "bell\x07 and nul-free control\x1b[0m",
        "$esc.jsonString(${input.name}) \\n literal backslash-n",
        "",
    };
    for (std::size_t i = 0; i < actions.size(); ++i) {
        actions[i].name = "Lookup #" + std::to_string(i) + (i % 7 == 0 ? " (\"special\")" : "");
        actions[i].category = i % 3 == 0 ? "Orders Web Services" : (i % 3 == 1 ? "CRM" : "Zoë’s");
        actions[i].request_template = templates[i % templates.size()];
        actions[i].success_template = templates[(i + 3) % templates.size()];
        actions[i].headers = {{"Accept", "application/json"}, {"X-Trace", "a\"b\\c"}};
        actions[i].translation_map = {{"status", "$.status"}, {"odd key", "$['x y']"}};
        actions[i].timeout_seconds = i % 5 == 0 ? 0 : static_cast<int>(1 + i % 60);
    }
    return actions;
}

}  // namespace

TEST_CASE("export then plan shows no changes on a hostile org of 300", "[e2e][export]") {
    // 300 actions with URI templates cost 600 template reads: lift the rate
    // limits (the emulator's and dactl's pacing) so the test runs in seconds.
    Emulator emulator(seed_json(hostile_org(300)), {"--templates-as-uris", "--rate-limit", "0"});
    TempDir out;
    out.write("m/dactl.toml", "[api]\nrequests_per_minute = 10000\n");

    ProcessResult exported = emulator.dactl({"-C", out.path().string() + "/m", "export", "--out",
                                             out.path().string() + "/m", "--fields", "all"});
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    REQUIRE(exported.out.rfind("Exported 300 actions into 3 files in ", 0) == 0);

    ProcessResult plan = emulator.dactl(
        {"-C", out.path().string() + "/m", "plan", "--detailed-exitcode", "--no-color"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 0);
    REQUIRE(
        plan.out ==
        "No changes. The live actions match the manifests.\n\nPlan: 0 to change, 300 unchanged.\n");
    REQUIRE(emulator.counts().at("GET /api/v2/integrations/actions/{id}/templates/{file}") == 1200);
}

TEST_CASE("a saved plan is refused when someone saved the action since", "[e2e][saved]") {
    Emulator emulator(seed_json(many_actions(3)));
    TempDir project;
    project.write("a.toml",
                  manifest("one", "Action 0001", 12) + manifest("two", "Action 0002", 14));
    const std::string plan_file = (project.path() / "reviewed.plan").string();
    REQUIRE(emulator.dactl({"-C", project.path().string(), "plan", "--out", plan_file}).exit_code ==
            0);
    emulator.admin("PATCH", "/__emulator/actions/custom_-_0002", R"({"category": "Moved"})");
    emulator.clear_log();

    ProcessResult run = emulator.dactl({"-C", project.path().string(), "apply", plan_file});

    REQUIRE(run.exit_code == 1);
    REQUIRE(run.err ==
            "Error: saved plan is stale: action.two changed in the org, version 1 -> 2; run plan "
            "again\n");
    REQUIRE(emulator.counts().count("PATCH /api/v2/integrations/actions/{id}") == 0);
}
