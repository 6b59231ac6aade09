// Rules over a listed org: matching, bounds, precedence, conflicts, and the plan.

#include <algorithm>
#include <map>

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"
#include "engine/plan/planner.h"
#include "engine/render/palette.h"
#include "engine/render/plan_render.h"
#include "tests/support/builders.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

LiveAction action(const std::string& id, const std::string& name, const std::string& url,
                  std::optional<int> timeout) {
    LiveAction live = with(make_live(id, name), Field::request_url_template, url);
    live.fields[Field::request_type] = Value("GET");
    live.integration_id = "int-rest";
    if (timeout) {
        live.fields[Field::timeout_seconds] = Value(*timeout);
    }
    return live;
}

std::vector<LiveAction> org_of_four() {
    return {action("custom_-_1", "Get Order", "https://orders.example.com/o/${id}", 5),
            action("custom_-_2", "Get Refund", "https://orders.example.com/r/${id}", 30),
            action("custom_-_3", "Get Invoice", "https://orders.example.com/i/${id}", std::nullopt),
            action("custom_-_4", "Get Weather", "https://weather.example.com/${city}", 3)};
}

// The project of `text` (rules and actions) planned against `live`.
struct Planned {
    Project project;
    Planning planning;
};

Planned plan_text(const std::string& text, std::vector<LiveAction> live) {
    LoadResult loaded = load_sources({{"rules.toml", text}});
    REQUIRE(loaded.diagnostics.format().empty());
    Planned planned{std::move(loaded.project), {}};
    Result<Resolution> resolved = resolve(planned.project, std::move(live), {});
    REQUIRE(resolved);
    planned.planning = plan_resolved(std::move(resolved).value());
    return planned;
}

const std::string k_orders =
    "[rule.orders_backend]\n"
    "match = { url = \"https://orders.example.com/*\" }\n"
    "timeout_seconds = { at_least = 15 }\n";

}  // namespace

TEST_CASE("an at_least rule raises the matching actions below it, and only those",
          "[plan][rules]") {
    Planned planned = plan_text(k_orders, org_of_four());
    const Plan& plan = planned.planning.plan;

    REQUIRE(planned.planning.diagnostics.format().empty());
    REQUIRE(plan.governed == 3);
    REQUIRE(render_plan_text(plan, Palette()) ==
            "~ action.get_order: \"Get Order\" (custom_-_1)\n"
            "    ~ timeout_seconds: 5 -> 15   (rule.orders_backend: at least 15)\n"
            "\n"
            "Plan: 1 to change, 2 unchanged; 3 actions governed by rules.\n");
    REQUIRE(plan.changes[0].fields[0].rule == "rule.orders_backend");
    REQUIRE(plan.changes[0].fields[0].policy == "at least 15");
    // The one at 30 is kept (managed at 30); the unset one counts as the service
    // default of 60 s, within the bounds: governed, nothing to change, nothing set.
    REQUIRE(plan.unchanged == std::vector<std::string>{"action.get_invoice", "action.get_refund"});
    const Binding* invoice = nullptr;
    for (const Binding& binding : planned.planning.org().bindings) {
        invoice = binding.live->id == "custom_-_3" ? &binding : invoice;
    }
    REQUIRE(invoice->desired->managed.empty());
}

TEST_CASE("rules match on every key, with globs - never custom-auth or built-in actions",
          "[plan][rules]") {
    LiveAction order = org_of_four()[0];
    order.category = "Payments";
    Rule rule;
    rule.label = "r";
    rule.timeout.at_least = 10;
    const auto matches = [&](MatchKey key, const std::string& pattern) {
        rule.match = {MatchTerm{key, pattern, {}}};
        return rule.matches(order);
    };
    REQUIRE(matches(MatchKey::name, "Get *"));
    REQUIRE(matches(MatchKey::name, "Get Orde?"));
    REQUIRE_FALSE(matches(MatchKey::name, "get order"));  // case-sensitive
    REQUIRE(matches(MatchKey::category, "Payments"));
    REQUIRE_FALSE(matches(MatchKey::category, "Pay"));
    REQUIRE(matches(MatchKey::url, "https://orders.example.com/*"));
    REQUIRE(matches(MatchKey::url, "https://[a-z]rders.example.com/*"));
    REQUIRE(matches(MatchKey::integration_id, "int-*"));
    REQUIRE(matches(MatchKey::request_type, "GET"));
    REQUIRE_FALSE(matches(MatchKey::request_type, "POST"));

    rule.match = {MatchTerm{MatchKey::name, "Get *", {}}, MatchTerm{MatchKey::category, "X", {}}};
    REQUIRE_FALSE(rule.matches(order));  // every term must hold

    rule.match = {MatchTerm{MatchKey::name, "*", {}}};
    LiveAction built_in = order;
    built_in.id = "static_-_1";
    REQUIRE_FALSE(rule.matches(built_in));
    // Custom authentication actions never reach a rule: the listing leaves them out.
}

TEST_CASE("several rules combine: the highest at_least, the lowest at_most", "[plan][rules]") {
    Planned planned = plan_text(k_orders +
                                    "[rule.refunds]\n"
                                    "match = { name = \"Get Re*\" }\n"
                                    "timeout_seconds = { at_least = 20, at_most = 25 }\n"
                                    "[rule.orders_low]\n"
                                    "match = { name = \"Get Order\" }\n"
                                    "timeout_seconds = { at_least = 8 }\n",
                                org_of_four());
    REQUIRE(planned.planning.diagnostics.format().empty());
    REQUIRE(render_plan_text(planned.planning.plan, Palette()) ==
            "~ action.get_order: \"Get Order\" (custom_-_1)\n"
            "    ~ timeout_seconds: 5 -> 15   (rule.orders_backend: at least 15)\n"
            "\n"
            "~ action.get_refund: \"Get Refund\" (custom_-_2)\n"
            "    ~ timeout_seconds: 30 -> 25   (rule.refunds: at least 20, at most 25)\n"
            "\n"
            "Plan: 2 to change, 1 unchanged; 3 actions governed by rules.\n");
}

TEST_CASE("two exact values that differ, or bounds that cannot both hold, are errors naming both",
          "[plan][rules]") {
    Planned exact = plan_text(
        "[rule.a]\nmatch = { name = \"Get Order\" }\ntimeout_seconds = 45\n"
        "[rule.b]\nmatch = { url = \"https://orders.*\" }\ntimeout_seconds = 30\n",
        org_of_four());
    REQUIRE(exact.planning.diagnostics.format() ==
            "rules.toml:4:1: custom_-_1 \"Get Order\": rule.a (rules.toml:1) asks for exactly 45 "
            "and rule.b (rules.toml:4) asks for exactly 30; the two rules cannot both hold\n");

    Planned crossed = plan_text(
        "[rule.floor]\nmatch = { name = \"Get Order\" }\ntimeout_seconds = { at_least = 20 }\n"
        "[rule.cap]\nmatch = { url = \"https://orders.*\" }\ntimeout_seconds = { at_most = 10 }\n",
        org_of_four());
    REQUIRE(crossed.planning.diagnostics.format() ==
            "rules.toml:1:1: custom_-_1 \"Get Order\": rule.cap (rules.toml:4) asks for at most "
            "10 and rule.floor (rules.toml:1) asks for at least 20; the two rules cannot both "
            "hold\n");
}

TEST_CASE("a manifest value outside a matching rule's bounds is an error naming both places",
          "[plan][rules]") {
    Planned planned = plan_text(k_orders +
                                    "[action.order]\n"
                                    "name = \"Get Order\"\n"
                                    "timeout_seconds = 10\n",
                                org_of_four());
    REQUIRE(planned.planning.diagnostics.format() ==
            "rules.toml:6:1: action.order: timeout_seconds = 10 breaks rule.orders_backend "
            "(rules.toml:1), which asks for at least 15; change one of them\n");
}

TEST_CASE("a declared action without a timeout is governed for it - its own keys stay its own",
          "[plan][rules]") {
    Planned planned = plan_text(k_orders +
                                    "[action.order]\n"
                                    "name = \"Get Order\"\n"
                                    "category = \"Sales\"\n",
                                org_of_four());
    REQUIRE(planned.planning.diagnostics.format().empty());
    const std::vector<ActionChange>& changes = planned.planning.plan.changes;
    REQUIRE(changes.size() == 1);
    REQUIRE(changes[0].address == "action.order");
    REQUIRE(changes[0].fields ==
            std::vector<FieldChange>{{Field::category, Value("Orders"), Value("Sales")},
                                     {Field::timeout_seconds, Value(5), Value(15),
                                      "rule.orders_backend", "at least 15"}});
}

TEST_CASE("a rule that matches nothing is a warning", "[plan][rules]") {
    Planned planned = plan_text(
        "[rule.none]\nmatch = { category = \"Nowhere\" }\ntimeout_seconds = { at_least = 9 }\n",
        org_of_four());
    REQUIRE(planned.planning.diagnostics.format() ==
            "rules.toml:1:1: warning: rule.none matches no action in the org\n");
    REQUIRE(planned.planning.plan.governed == 0);
}

TEST_CASE("an undeclared action whose label is taken gets the next free one", "[plan][rules]") {
    Planned planned = plan_text(k_orders +
                                    "[action.get_order]\n"
                                    "name = \"Get Refund\"\n",
                                org_of_four());
    REQUIRE(planned.planning.plan.changes.at(0).address == "action.get_order_2");
}

TEST_CASE("governed actions sharing a name get the same addresses in any listing order",
          "[plan][rules]") {
    std::vector<LiveAction> live = {
        action("custom_-_b", "Lookup", "https://orders.example.com/b", 5),
        action("custom_-_a", "Lookup", "https://orders.example.com/a", 5)};
    const auto addresses = [](const Planned& planned) {
        std::map<std::string, std::string> by_id;
        for (const ActionChange& change : planned.planning.plan.changes) {
            by_id[change.id] = change.address;
        }
        return by_id;
    };
    const std::map<std::string, std::string> listed = addresses(plan_text(k_orders, live));
    std::reverse(live.begin(), live.end());
    REQUIRE(addresses(plan_text(k_orders, live)) == listed);
    REQUIRE(listed == std::map<std::string, std::string>{{"custom_-_a", "action.lookup"},
                                                         {"custom_-_b", "action.lookup_2"}});
}

TEST_CASE("a governed action keeps the address the state records for its id", "[plan][rules]") {
    LoadResult loaded = load_sources({{"rules.toml", k_orders}});
    // custom_-_b was applied as action.lookup when it was the only "Lookup";
    // custom_-_a came later and takes the next label, not b's.
    Result<Resolution> resolved =
        resolve(loaded.project,
                {action("custom_-_a", "Lookup", "https://orders.example.com/a", 5),
                 action("custom_-_b", "Lookup", "https://orders.example.com/b", 5)},
                {{"custom_-_b", "action.lookup"}});
    REQUIRE(resolved);
    REQUIRE(resolved->org.binding_of("action.lookup")->live->id == "custom_-_b");
    REQUIRE(resolved->org.binding_of("action.lookup_2")->live->id == "custom_-_a");
}
