#include <catch2/catch.hpp>

#include "engine/render/markdown_text.h"
#include "engine/render/plan_render.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

Plan sample_plan() {
    Plan plan;
    plan.changes.push_back(
        ActionChange{"action.order",
                     "custom_-_1",
                     "Orders | <Lookup>",
                     "Orders",
                     3,
                     {{Field::timeout_seconds, 3, 15},
                      {Field::request_headers, StringMap{{"Authorization", "Bearer a"}, {"X", "1"}},
                       StringMap{{"Authorization", "Bearer b"}, {"X", "2"}}},
                      {Field::response_success_template, "```\n{}\n", "{}\n"}}});
    plan.unchanged = {"action.other"};
    return plan;
}

}  // namespace

TEST_CASE("the Markdown plan has a summary, a table and diff blocks", "[markdown]") {
    std::string text = render_plan_markdown(sample_plan());
    check_golden("engine/render/golden/plan.md", text);
    REQUIRE(text.find("Bearer") == std::string::npos);
}

TEST_CASE("the Markdown plan for no changes is one short paragraph", "[markdown]") {
    Plan plan;
    plan.unchanged = {"action.a", "action.b"};
    REQUIRE(render_plan_markdown(plan) ==
            "### dactl plan: no changes\n\nThe live actions match the manifests (2 unchanged).\n");
}

TEST_CASE("the Markdown plan stays under the limit by shortening the middle", "[markdown]") {
    Plan plan;
    for (int i = 0; i < 2000; ++i) {
        std::string n = std::to_string(10000 + i);
        plan.changes.push_back(
            ActionChange{"action.a" + n,
                         "custom_-_" + n,
                         "Action " + n,
                         "C",
                         1,
                         {{Field::request_template, "line\n" + n + "\n", "other\n"}}});
    }
    std::string text = render_plan_markdown(plan);
    REQUIRE(text.size() <= k_markdown_limit);
    REQUIRE(text.rfind("### dactl plan: 2000 to change, 0 unchanged\n", 0) == 0);
    REQUIRE(text.find("`action.a10000`") != std::string::npos);
    REQUIRE(text.find("`action.a11999`") != std::string::npos);
    REQUIRE(text.find("more actions left out to keep this under the size limit") !=
            std::string::npos);
    REQUIRE(text.find("were left out to keep this under 60000 characters") != std::string::npos);
}

TEST_CASE("fenced picks a fence longer than any backtick run", "[markdown]") {
    REQUIRE(fenced("a\n", "diff") == "```diff\na\n```\n");
    REQUIRE(fenced("````\n", "diff") == "`````diff\n````\n`````\n");
}
