// --target on plan, apply, drift, export and insights against a FakeProvider:
// only the named actions are read in detail, planned and written, and every
// view says the result is partial.

#include <catch2/catch.hpp>

#include "engine/plan/plan_codec.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "tests/support/builders.h"
#include "tests/support/cli_harness.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

constexpr const char* k_manifest =
    "[action.order_status]\nname = \"Get Order Status\"\ntimeout_seconds = 15\n"
    "request.template = \"${input.rawRequest}\"\n\n"
    "[action.order_history]\nname = \"Get Order History\"\ntimeout_seconds = 20\n"
    "request.template = \"${input.rawRequest}\"\n\n"
    "[action.customer]\nname = \"Get Customer\"\ntimeout_seconds = 10\n"
    "request.template = \"${input.rawRequest}\"\n";

void seed(CliHarness& cli) {
    cli.project.write("actions.toml", k_manifest);
    for (const auto& [id, name] :
         {std::pair<std::string, std::string>{"custom_-_1", "Get Order Status"},
          {"custom_-_2", "Get Order History"},
          {"custom_-_3", "Get Customer"}}) {
        cli.org.put(with(with(make_live(id, name, 3), Field::timeout_seconds, 3),
                         Field::request_template, "${input.rawRequest}"));
    }
    cli.org.templates_as_uris(true);
}

}  // namespace

TEST_CASE("plan --target plans only the named actions and says it is partial", "[cli][target]") {
    CliHarness cli;
    seed(cli);

    REQUIRE(cli.run({"plan", "--target", "action.customer", "--no-color"}) == 0);

    REQUIRE(cli.out() ==
            "~ action.customer: \"Get Customer\" (custom_-_3)\n"
            "    ~ timeout_seconds: 3 -> 10\n"
            "    called by no published flow\n"
            "\n"
            "Plan: 1 to change, 0 unchanged.\n"
            "Partial plan: only action.customer; the other actions of the manifests were not "
            "read in detail or planned.\n");
    // The listing, then the templates of the target only.
    REQUIRE(cli.org.calls() == std::vector<std::string>{"list", "templates custom_-_3",
                                                        "flows custom_-_3", "aggregates"});

    SECTION("globs and bare labels, repeated") {
        REQUIRE(cli.run({"plan", "--target", "order_*", "--target", "customer", "--format",
                         "json"}) == 0);
        REQUIRE(cli.out().find("\"targets\": [\n    \"order_*\",\n    \"customer\"\n  ]") !=
                std::string::npos);
        REQUIRE(cli.out().find("\"to_change\": 3") != std::string::npos);
        REQUIRE(cli.run({"plan", "--target", "order_*", "--format", "markdown"}) == 0);
        // Markdown shows the pattern as typed: its _ and * escaped.
        REQUIRE(cli.out().find("> Partial plan: only action.order\\_\\*; the other actions of the "
                               "manifests were not read in detail or planned.\n") !=
                std::string::npos);
    }
    SECTION("a target that names nothing") {
        REQUIRE(cli.run({"plan", "--target", "action.custmer"}) == 1);
        REQUIRE(cli.err() ==
                "Error: no action.custmer in the manifests; did you mean action.customer?\n");
        REQUIRE(cli.run({"plan", "--target", "pay*"}) == 1);
        REQUIRE(cli.err() == "Error: no action.pay* in the manifests\n");
        REQUIRE(cli.provider_requests == 1);
    }
}

TEST_CASE("apply --target writes only the targets and keeps the others' state", "[cli][target]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    const State first = read_state(state_directory(cli.project.path())).value().value();
    std::string raised = k_manifest;
    raised.replace(raised.find("timeout_seconds = 15"), 20, "timeout_seconds = 25");
    raised.replace(raised.find("timeout_seconds = 10"), 20, "timeout_seconds = 30");
    cli.project.write("actions.toml", raised);

    REQUIRE(cli.run({"apply", "--auto-approve", "--target", "customer", "--no-color"}) == 0);

    REQUIRE(cli.out() ==
            "~ action.customer: \"Get Customer\" (custom_-_3)\n"
            "    ~ timeout_seconds: 10 -> 30\n"
            "\n"
            "Plan: 1 to change, 0 unchanged.\n"
            "Partial plan: only action.customer; the other actions of the manifests were not "
            "read in detail or planned.\n"
            "action.customer: applied, version 4 -> 5\n"
            "\n"
            "Apply complete: 1 changed, 0 unchanged.\n");
    REQUIRE(cli.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
    REQUIRE(cli.org.stored("custom_-_3").get(Field::timeout_seconds) == Value(30));
    const State after = read_state(state_directory(cli.project.path())).value().value();
    REQUIRE(after.actions.size() == 3);
    const StateAction& kept = *after.find("action.order_status");
    const StateAction& was = *first.find("action.order_status");
    REQUIRE(kept.version == was.version);
    REQUIRE(kept.applied_at == was.applied_at);
    REQUIRE(kept.managed == was.managed);
    REQUIRE(kept.after == was.after);
    REQUIRE(after.find("action.customer")->version == 5);

    // The untargeted change is still pending.
    REQUIRE(cli.run({"plan", "--detailed-exitcode"}) == 2);
    REQUIRE(cli.out().find("~ action.order_status:") != std::string::npos);
}

TEST_CASE("a saved partial plan records its targets - show and apply honour them",
          "[cli][target]") {
    CliHarness cli;
    seed(cli);
    const std::string file = (cli.project.path() / "partial.plan").string();
    REQUIRE(cli.run({"plan", "--target", "order_status", "--out", file}) == 0);
    REQUIRE(read_saved_plan(file).value().plan.targets == std::vector<std::string>{"order_status"});

    REQUIRE(cli.run({"show", file, "--no-color"}) == 0);
    REQUIRE(cli.out().find("Plan: 1 to change, 0 unchanged.\n"
                           "Partial plan: only action.order_status; the other actions of the "
                           "manifests were not read in detail or planned.\n") != std::string::npos);

    REQUIRE(cli.run({"apply", file, "--target", "customer"}) == 1);
    REQUIRE(cli.err() ==
            "Error: --target applies to a fresh plan; a saved plan applies the targets it was "
            "made with (dactl show " +
                file + ")\n");

    REQUIRE(cli.run({"apply", file}) == 0);
    REQUIRE(cli.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
    REQUIRE(cli.org.stored("custom_-_2").get(Field::timeout_seconds) == Value(3));
    REQUIRE(read_state(state_directory(cli.project.path())).value()->actions.size() == 1);
}

TEST_CASE("drift, export and insights take --target too", "[cli][target]") {
    CliHarness cli;
    seed(cli);
    REQUIRE(cli.run({"apply", "--auto-approve"}) == 0);
    cli.org.edit_out_of_band("custom_-_1", Field::timeout_seconds, 45);
    cli.org.edit_out_of_band("custom_-_3", Field::timeout_seconds, 45);

    REQUIRE(cli.run({"drift", "--no-audit", "--target", "customer", "--no-color"}) == 2);
    REQUIRE(cli.out().find("action.order_status") == std::string::npos);
    REQUIRE(cli.out().find("Drift: 1 drifted, 0 in sync.\n") != std::string::npos);
    REQUIRE(cli.out().find("Partial check: only action.customer; the other actions of the "
                           "manifests were not compared.\n") != std::string::npos);
    REQUIRE(cli.run({"drift", "--no-audit", "--target", "order_history"}) == 0);

    const auto out = cli.project.path() / "exported";
    REQUIRE(cli.run({"export", "--out", out.string(), "--target", "get_order_*"}) == 0);
    const std::string text = *read_file(out / "orders.toml");
    REQUIRE(text.find("[action.get_order_history]") != std::string::npos);
    REQUIRE(text.find("[action.get_order_status]") != std::string::npos);
    REQUIRE(text.find("[action.get_customer]") == std::string::npos);
    const auto elsewhere = cli.project.path() / "none";
    REQUIRE(cli.run({"export", "--out", elsewhere.string(), "--target", "action.pay*"}) == 1);
    REQUIRE(cli.err() ==
            "Error: --target action.pay* names none of the labels export gives the org's actions; "
            "nothing was written\n");
    REQUIRE_FALSE(std::filesystem::exists(elsewhere));

    REQUIRE(cli.run({"insights", "--target", "customer", "--format", "json"}) == 0);
    REQUIRE(cli.out().find("\"address\": \"action.customer\"") != std::string::npos);
    REQUIRE(cli.out().find("\"address\": \"action.order_status\"") == std::string::npos);
}

TEST_CASE("a target that names every action is no partial run", "[cli][target]") {
    CliHarness cli;
    seed(cli);
    const int drift_exit = cli.run({"drift", "--no-audit", "--no-color"});
    const std::string whole_drift = cli.out();
    REQUIRE(cli.run({"plan", "--no-color"}) == 0);
    const std::string whole = cli.out();
    REQUIRE(whole.find("Partial") == std::string::npos);
    for (const char* every : {"*", "action.*", "**"}) {
        INFO(every);
        REQUIRE(cli.run({"plan", "--target", every, "--no-color"}) == 0);
        CHECK(cli.out() == whole);
        REQUIRE(cli.run({"plan", "--target", "customer", "--target", every, "--format", "json"}) ==
                0);
        CHECK(cli.out().find("\"targets\": []") != std::string::npos);
        REQUIRE(cli.run({"drift", "--no-audit", "--no-color", "--target", every}) == drift_exit);
        CHECK(cli.out() == whole_drift);
    }
}
