#include <catch2/catch.hpp>

#include "engine/render/plan_render.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

Plan sample_plan() {
    Plan plan;
    plan.changes.push_back(ActionChange{"action.fetch_history",
                                        "custom_-_3f1c",
                                        "FetchCustomerHistory",
                                        "CRM",
                                        3,
                                        {{Field::timeout_seconds, 3, 15}}});
    plan.changes.push_back(ActionChange{
        "action.order_status",
        "custom_-_9a0b",
        "Lookup \"Order\" Status",
        "Orders Web Services",
        12,
        {{Field::name, "Lookup \"Order\" Status", "Lookup Order Status"},
         {Field::timeout_seconds, Value{}, 20},
         {Field::request_url_template, "https://old.example.com/${input.id}",
          "https://orders.example.com/orders/${input.orderId}"},
         {Field::request_headers,
          StringMap{{"Accept", "text/plain"}, {"Authorization", "Bearer abc"}, {"X-Old", "1"}},
          StringMap{{"Accept", "application/json"},
                    {"Authorization", "Bearer xyz"},
                    {"X-Api-Key", "k-123"}}},
         {Field::request_template, Value{}, "{\n  \"id\": \"${input.orderId}\"\n}\n"},
         {Field::response_success_template, "{\"status\": ${status}}",
          "{\"status\": ${status}, \"note\": \"Zoë\"}"}}});
    plan.unchanged = {"action.a", "action.b"};
    return plan;
}

}  // namespace

TEST_CASE("render_plan_text shows every kind of change", "[render]") {
    check_golden("engine/render/golden/plan.txt", render_plan_text(sample_plan(), Palette()));
}

TEST_CASE("render_plan_text masks secret header values", "[render]") {
    std::string text = render_plan_text(sample_plan(), Palette());
    REQUIRE(text.find("abc") == std::string::npos);
    REQUIRE(text.find("xyz") == std::string::npos);
    REQUIRE(text.find("k-123") == std::string::npos);
}

TEST_CASE("render_plan_text shows template references in secret-looking headers",
          "[render][secrets]") {
    Plan plan;
    plan.changes.push_back(ActionChange{
        "action.a",
        "custom_-_1",
        "A",
        "Orders",
        2,
        {{Field::request_headers, StringMap{{"Authorization", "Bearer literal-1"}},
          StringMap{{"Authorization", "Bearer ${credentials.token}"}, {"X-Api-Key", "k-1"}}}}});

    REQUIRE(render_plan_text(plan, Palette()) ==
            "~ action.a: \"A\" (custom_-_1)\n"
            "    ~ request.headers:\n"
            "        ~ \"Authorization\": (sensitive) -> \"Bearer ${credentials.token}\"\n"
            "        + \"X-Api-Key\": (sensitive)\n"
            "\n"
            "Plan: 1 to change, 0 unchanged.\n");
}

TEST_CASE("render_plan_text colours only when asked", "[render]") {
    check_golden("engine/render/golden/plan_color.txt",
                 render_plan_text(sample_plan(), Palette(Color::on)));
    REQUIRE(render_plan_text(sample_plan(), Palette()).find('\x1b') == std::string::npos);
}

TEST_CASE("render_plan_text says when nothing changes", "[render]") {
    Plan plan;
    plan.unchanged = {"action.a", "action.b", "action.c"};
    REQUIRE(render_plan_text(plan, Palette()) ==
            "No changes. The live actions match the manifests.\n"
            "\n"
            "Plan: 0 to change, 3 unchanged.\n");
}
