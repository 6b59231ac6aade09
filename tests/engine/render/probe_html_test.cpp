#include "engine/render/probe_html.h"

#include <catch2/catch.hpp>

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
    skipped.skipped = "request type POST: pass --allow-writes to probe it";
    report.entries = {fast, skipped};

    std::string html = render_probe_html(report, "2026-11-28T15:35:39Z");

    check_golden("engine/render/golden/probe.html", html);
    REQUIRE(html.find("<script") == std::string::npos);
    REQUIRE(html.find("http://") == std::string::npos);
    REQUIRE(html.find("Fast &lt;one&gt;") != std::string::npos);
}
