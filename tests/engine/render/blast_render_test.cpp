// The blast radius in words: plan's lines under an action, insights' section
// in text and Markdown, the notes, the limit's sources.
#include <catch2/catch.hpp>

#include "engine/render/impact_render.h"
#include "tests/support/builders.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

constexpr std::int64_t k_quarter = 15 * 60'000;
constexpr std::int64_t k_monday = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

LiveAction on(const std::string& id, const std::string& name, const std::string& url, int timeout) {
    return with(with(make_live(id, name), Field::request_url_template, Value(url)),
                Field::timeout_seconds, Value(std::int64_t{timeout}));
}

// Orders: a (4,500 a quarter hour) and b (900), at 5 s; a raised to 8 s.
BlastRadius orders(ConcurrencyLimit limit) {
    static const std::vector<LiveAction> live{
        on("a", "Order Status", "https://orders.example.com/a", 5),
        on("b", "Order History", "https://orders.example.com/b", 5)};
    static const Peaks peaks{{"a", {4500, 4500 * 4300, k_monday + 40 * k_quarter, k_quarter}},
                             {"b", {900, 900 * 200, k_monday + 41 * k_quarter, k_quarter}}};
    BlastInputs inputs{&live, &peaks, {{"a", 8}}, {{"a", "action.status"}}, std::nullopt};
    return blast_radius(inputs, std::move(limit), {k_monday, k_monday + 7 * 96 * k_quarter});
}

}  // namespace

TEST_CASE("plan's lines under a changed action: the host, then its own share", "[render][impact]") {
    const BlastRadius radius = orders({40, LimitSource::org, ""});
    REQUIRE(blast_lines(radius, "a") ==
            std::vector<std::string>{
                "if https://orders.example.com/ hangs, its 2 actions would hold 30 -> 45 of the "
                "org's 40 concurrent executions: over the limit",
                "this action: 300 runs a minute at its peak x 8 s = 40 slots (25 at 5 s); in use "
                "at that peak today: 21.5"});
    REQUIRE(blast_lines(radius, "zzz").empty());
}

TEST_CASE("the notes: the arithmetic, the limit's source, a warning per host over it",
          "[render][impact]") {
    const std::string arithmetic =
        "Worst case if a back-end hangs = each of its actions' runs a second in its busiest 15 "
        "minutes (2025-12-01T00:00:00Z to 2025-12-08T00:00:00Z) x its timeout, summed per host "
        "(docs/impact.md). ";
    const std::vector<NoteLine> notes = blast_notes(orders({40, LimitSource::org, ""}), false);
    REQUIRE(notes.size() == 2);
    REQUIRE(notes[0].plain() == arithmetic + "Limit: 40 concurrent executions, read from the org.");
    REQUIRE(notes[1].plain() ==
            "warning: over the limit: if https://orders.example.com/ hangs, its 2 actions would "
            "hold 45 of the org's 40 concurrent executions, and every data action of the org, in "
            "every flow, is refused until it answers. This plan takes it there (30 now): keep the "
            "timeout short and retry in the flow, make the call asynchronous, or ask Genesys for "
            "a higher limit.");
    REQUIRE(blast_notes(orders({100, LimitSource::absent, ""}), true).size() == 1);
    REQUIRE(limit_source_text({50, LimitSource::failed, "HTTP 503"}) ==
            "Limit: 50 concurrent executions, [insights] concurrency_limit in dactl.toml "
            "(default 50): the org's limits could not be read (HTTP 503).");
    REQUIRE(limit_source_text({50, LimitSource::configured, ""}) ==
            "Limit: 50 concurrent executions, [insights] concurrency_limit in dactl.toml "
            "(default 50).");
}

TEST_CASE("insights' section in text and Markdown", "[render][impact]") {
    const BlastRadius radius = orders({40, LimitSource::org, ""});
    REQUIRE(blast_section_text(radius, Palette()) ==
            "Blast radius: what each back-end's actions would hold of the org's 40 concurrent "
            "executions if it hung\n"
            "HOST                         ACTIONS  IN USE AT PEAK  WORST CASE          "
            "RECOMMENDED\n"
            "https://orders.example.com/        2            21.7          30  45 (over the "
            "limit)\n"
            "    action.status: 300 runs a minute at its peak (2025-12-01T10:00:00Z) x 5 s = 25 "
            "slots; at the recommended 8 s: 40 slots\n"
            "    Order History: 60 runs a minute at its peak (2025-12-01T10:15:00Z) x 5 s = 5 "
            "slots\n");
    REQUIRE(blast_section_markdown(radius) ==
            "### Blast radius: what each back-end's actions would hold of the org's 40 concurrent "
            "executions if it hung\n\n"
            "| Host | Actions | In use at peak | Worst case | Recommended |\n"
            "|---|---:|---:|---:|---:|\n"
            "| `https://orders.example.com/` | 2 | 21.7 | 30 | 45 (over the limit) |\n\n"
            "| Host | Action | Runs a minute at peak | Timeout | Slots | Recommended | Slots then "
            "|\n"
            "|---|---:|---:|---:|---:|---:|---:|\n"
            "| `https://orders.example.com/` | action.status | 300 | 5 s | 25 | 8 s | 40 |\n"
            "| `https://orders.example.com/` | Order History | 60 | 5 s | 5 |  |  |\n");
    BlastRadius idle = radius;
    idle.hosts.clear();
    REQUIRE(blast_section_text(idle, Palette()) ==
            "Blast radius: what each back-end's actions would hold of the org's 40 concurrent "
            "executions if it hung: no action ran in the window.\n");
}
