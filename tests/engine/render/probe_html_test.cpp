#include <catch2/catch.hpp>

#include "engine/render/probe_render.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;
using std::chrono::milliseconds;

TEST_CASE("the probe page charts each action with both timeouts marked", "[probe_html]") {
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

    std::string html = render_probe_html(report, "2026-11-28T15:35:39Z");

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
