#include "engine/render/probe_render.h"

#include <catch2/catch.hpp>

#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;
using std::chrono::milliseconds;

namespace {

ProbeReport sample_report() {
    ProbeReport report;
    ProbeEntry fast;
    fast.address = "action.fast";
    fast.id = "custom_-_1";
    fast.name = "Fast <one>";
    fast.current_timeout = 3;
    for (int i = 0; i < 20; ++i) {
        fast.samples.push_back(ProbeSample{milliseconds(1200 + 20 * i), true, false, ""});
    }
    fast.stats = summarize(fast.samples);
    fast.recommendation = recommend(fast.stats, 3, 1.5);
    ProbeEntry skipped;
    skipped.address = "action.writes";
    skipped.id = "custom_-_2";
    skipped.name = "Writes";
    skipped.skip = SkipReason::writes;
    skipped.request_type = "POST";
    report.entries = {fast, skipped};
    return report;
}

}  // namespace

TEST_CASE("the probe page charts each action with both timeouts marked", "[probe_html]") {
    std::string html = render_probe_html(sample_report(), "2026-11-28T15:35:39Z");

    check_golden("engine/render/golden/probe.html", html);
    REQUIRE(html.find("<script") == std::string::npos);
    REQUIRE(html.find("http://") == std::string::npos);
    REQUIRE(html.find("Fast &lt;one&gt;") != std::string::npos);
}

TEST_CASE("the chart stacks samples cut off by the timeout and labels both markers",
          "[probe_html]") {
    ProbeEntry slow;
    slow.address = "action.slow";
    slow.current_timeout = 3;
    for (int i = 0; i < 4; ++i) {
        slow.samples.push_back(ProbeSample{milliseconds(3050 + 10 * i), false, true, "timed out"});
    }
    slow.samples.push_back(ProbeSample{milliseconds(2900), true, false, ""});
    slow.stats = summarize(slow.samples);
    slow.recommendation = recommend(slow.stats, 3, 1.5);
    REQUIRE(slow.recommendation.at_least);

    const std::string svg = latency_chart_svg(slow, 7);

    // 0-6 s in 1 s ticks; bins of 0.3 s: 2.9 s in bin 9, the cut-off samples in bin 10.
    REQUIRE(svg.find(R"(<rect class="bar answered" data-bin="9" data-count="1")") !=
            std::string::npos);
    REQUIRE(svg.find(R"(<rect class="bar timed-out" data-bin="10" data-count="4")") !=
            std::string::npos);
    REQUIRE(svg.find(">6 s</text>") != std::string::npos);
    REQUIRE(svg.find(">7 s</text>") == std::string::npos);
    REQUIRE(svg.find(R"(text-anchor="start">current 3 s</text>)") != std::string::npos);
    REQUIRE(svg.find(R"(text-anchor="end">recommended at least 5 s</text>)") != std::string::npos);
    REQUIRE(svg.rfind(R"(<svg id="chart-7")", 0) == 0);
}

TEST_CASE("a probe of an environment names it in every view, and is otherwise the same",
          "[probe_html]") {
    ProbeReport report = sample_report();
    const std::string text = render_probe_text(report, Palette(Color::off));
    const std::string markdown = render_probe_markdown(report);
    const std::string json = encode_probe_output(report);
    const std::string html = render_probe_html(report, "2026-11-28T15:35:39Z");
    report.environment = "prod";
    REQUIRE(render_probe_text(report, Palette(Color::off)) == "Environment: prod\n\n" + text);
    REQUIRE(render_probe_markdown(report) ==
            "### dactl probe for prod" + markdown.substr(std::string("### dactl probe").size()));
    const std::string command = "  \"command\": \"probe\",\n";
    std::string with = json;
    with.insert(with.find(command) + command.size(), "  \"environment\": \"prod\",\n");
    REQUIRE(encode_probe_output(report) == with);
    const std::string titled = render_probe_html(report, "2026-11-28T15:35:39Z");
    REQUIRE(titled.find("<title>dactl probe report for prod</title>") != std::string::npos);
    REQUIRE(titled.find("<h1>dactl probe report for prod</h1>") != std::string::npos);
    REQUIRE(titled.size() == html.size() + 2 * std::string(" for prod").size());
}
