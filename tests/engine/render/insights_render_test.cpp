// The views of an insights report and of --since-apply: text, Markdown, JSON
// and the HTML page, compared whole with golden files.

#include "engine/render/insights_render.h"

#include <catch2/catch.hpp>

#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

constexpr std::int64_t k_day = 86'400'000;
constexpr std::int64_t k_start = 1'795'478'400'000;  // 2026-11-24T00:00:00Z

std::vector<DayCount> days(std::int64_t executions, std::int64_t timeouts) {
    std::vector<DayCount> out;
    for (int i = 0; i < 7; ++i) {
        out.push_back({k_start + i * k_day, executions, i % 2 == 0 ? timeouts : timeouts / 2});
    }
    return out;
}

Insight insight(std::optional<std::string> address, std::string id, std::string name,
                std::optional<int> current, std::int64_t executions, std::int64_t timeouts,
                std::optional<std::int64_t> p99, std::int64_t max) {
    Insight out;
    out.address = std::move(address);
    out.id = std::move(id);
    out.name = std::move(name);
    out.current_timeout = current;
    out.executions = executions;
    out.timeouts = timeouts;
    out.failures = timeouts;
    out.p95_ms = p99 ? std::optional<std::int64_t>(*p99 - 300) : std::nullopt;
    out.p99_ms = p99;
    out.percentiles_measured = p99.has_value();
    out.max_ms = max;
    out.chunks_with_traffic = executions > 0 ? 1 : 0;
    if (timeouts > 0) {
        out.failure_kinds.push_back({"REQUEST_TIMEOUT", "504", timeouts, true});
    }
    out.days = days(executions / 7, timeouts / 7);
    judge(out, 1.5);
    return out;
}

InsightsReport sample_report() {
    InsightsReport report;
    report.window = {k_start, k_start + 7 * k_day};
    report.queries = 2;
    report.insights = {
        insight("action.customer_history", "custom_-_9a0b", "FetchCustomerHistory", 3, 840, 362,
                3000, 3000),
        insight(std::nullopt, "custom_-_8c9d", "Check Fraud | Score", 3, 280, 14, 3000, 3000),
        insight("action.order_status", "custom_-_3f1c", "Lookup Order Status", 3, 2100, 0, 2690,
                2700),
        insight("action.loyalty_tier", "custom_-_5d6e", "Get Loyalty Tier", std::nullopt, 3500, 0,
                std::nullopt, 500),
        insight("action.order_status_v2", "custom_-_7f80", "Get Order Status", 20, 0, 0,
                std::nullopt, 0)};
    report.insights[1].failure_kinds.push_back({"EXECUTION_ERROR", "500", 3, false});
    report.insights[1].failures += 3;
    return report;
}

SinceApplyReport sample_since() {
    SinceApplyReport report;
    report.applied_at_ms = k_start + 3 * k_day;
    report.before = {k_start + k_day, k_start + 3 * k_day};
    report.after = {k_start + 3 * k_day, k_start + 5 * k_day};
    report.queries = 4;
    const Insight slow_before = insight("action.b", "b", "B", 3, 100, 40, 3000, 3000);
    const Insight slow_after = insight("action.b", "b", "B", 3, 110, 35, 3000, 3000);
    const Insight fixed_before = insight("action.a", "a", "A", 8, 100, 30, 3000, 3000);
    const Insight fixed_after = insight("action.a", "a", "A", 8, 120, 0, 3900, 4100);
    report.actions = {
        {slow_before, slow_after, Change::still_timing_out},
        {fixed_before, fixed_after, Change::fixed},
        {Insight{}, insight("action.c", "c", "C", 8, 3, 0, 100, 100), Change::not_enough_traffic}};
    report.actions[2].before.address = "action.c";
    return report;
}

}  // namespace

TEST_CASE("the insights text view", "[render][insights]") {
    check_golden("engine/render/golden/insights.txt",
                 render_insights_text(sample_report(), Palette(Color::off)));
}

TEST_CASE("the insights Markdown view", "[render][insights]") {
    check_golden("engine/render/golden/insights.md", render_insights_markdown(sample_report()));
}

TEST_CASE("the insights Markdown view stays under GitHub's limit, worst first",
          "[render][insights]") {
    InsightsReport report = sample_report();
    const Insight worst = report.insights.front();
    report.insights.clear();
    for (int i = 0; i < 2000; ++i) {
        Insight copy = worst;
        copy.address = "action.lookup_" + std::to_string(10000 + i);
        report.insights.push_back(copy);
    }

    const std::string text = render_insights_markdown(report);

    REQUIRE(text.size() <= k_markdown_limit);
    REQUIRE(text.find("`action.lookup_10000`") != std::string::npos);
    REQUIRE(text.find("`action.lookup_11999`") == std::string::npos);
    // The count of the rows left out is said.
    std::size_t shown = 0;
    for (std::size_t at = text.find("\n| `action.lookup_"); at != std::string::npos;
         at = text.find("\n| `action.lookup_", at + 1)) {
        ++shown;
    }
    REQUIRE(shown > 100);
    REQUIRE(text.find("\n\n" + std::to_string(2000 - shown) +
                      " more actions, the least urgent, are left out here (GitHub takes at most "
                      "65,536 characters); the job log and --format json have every one.\n") !=
            std::string::npos);
    // Small enough, nothing is left out.
    REQUIRE(render_insights_markdown(sample_report()).find("left out") == std::string::npos);
}

TEST_CASE("the insights JSON document", "[render][insights]") {
    check_golden("engine/render/golden/insights.json", encode_insights_output(sample_report()));
}

TEST_CASE("the insights HTML page", "[render][insights]") {
    check_golden("engine/render/golden/insights.html",
                 render_insights_html(sample_report(), "2026-12-01T12:00:00Z"));
}

TEST_CASE("a configured timeout list is named in the text view", "[render][insights]") {
    InsightsReport report = sample_report();
    report.timeout_error_types = std::vector<std::string>{"REQUEST_TIMEOUT", "SLOW"};
    const std::string text = render_insights_text(report, Palette(Color::off));
    REQUIRE(text.ends_with(
        "Timeouts: the errorType values REQUEST_TIMEOUT, SLOW ([insights] timeout_error_types in "
        "dactl.toml).\n"));
    REQUIRE(encode_insights_output(report).find(
                "\"timeout_error_types\": [\n    \"REQUEST_TIMEOUT\",\n    \"SLOW\"\n  ],") !=
            std::string::npos);
}

TEST_CASE("the --since-apply views", "[render][insights]") {
    check_golden("engine/render/golden/since_apply.txt",
                 render_since_apply_text(sample_since(), Palette(Color::off)));
    check_golden("engine/render/golden/since_apply.md",
                 render_since_apply_markdown(sample_since()));
    check_golden("engine/render/golden/since_apply.json",
                 encode_since_apply_output(sample_since()));
}

TEST_CASE("a report of an environment names it in every view, and is otherwise the same",
          "[render][insights]") {
    InsightsReport report = sample_report();
    const std::string text = render_insights_text(report, Palette(Color::off));
    const std::string markdown = render_insights_markdown(report);
    const std::string json = encode_insights_output(report);
    const std::string html = render_insights_html(report, "2026-12-01T12:00:00Z");
    report.environment = "prod";
    REQUIRE(render_insights_text(report, Palette(Color::off)) == "Environment: prod\n\n" + text);
    REQUIRE(render_insights_markdown(report) ==
            "### dactl insights for prod" +
                markdown.substr(std::string("### dactl insights").size()));
    const std::string command = "  \"command\": \"insights\",\n";
    std::string with = json;
    with.insert(with.find(command) + command.size(), "  \"environment\": \"prod\",\n");
    REQUIRE(encode_insights_output(report) == with);
    std::string titled = html;
    for (std::size_t at = titled.find("dactl insights report"); at != std::string::npos;
         at = titled.find("dactl insights report", at + 1)) {
        titled.insert(at + std::string("dactl insights report").size(), " for prod");
    }
    REQUIRE(render_insights_html(report, "2026-12-01T12:00:00Z") == titled);

    SinceApplyReport since = sample_since();
    const std::string since_text = render_since_apply_text(since, Palette(Color::off));
    const std::string since_markdown = render_since_apply_markdown(since);
    since.environment = "test";
    REQUIRE(render_since_apply_text(since, Palette(Color::off)) ==
            "Environment: test\n\n" + since_text);
    REQUIRE(render_since_apply_markdown(since) ==
            "### dactl insights --since-apply for test" +
                since_markdown.substr(std::string("### dactl insights --since-apply").size()));
    REQUIRE(encode_since_apply_output(since).find(command + "  \"environment\": \"test\",\n") !=
            std::string::npos);
}
