#include "engine/capacity/blast_radius.h"

#include <catch2/catch.hpp>

#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

constexpr std::int64_t k_quarter = 15 * 60'000;

LiveAction on(std::string id, std::string url, std::optional<int> timeout) {
    LiveAction action =
        with(make_live(id, "Action " + id), Field::request_url_template, Value(std::move(url)));
    return timeout ? with(action, Field::timeout_seconds, Value(std::int64_t{*timeout})) : action;
}

AggregateGroup group(const std::string& id, std::vector<std::pair<std::int64_t, std::int64_t>> runs,
                     std::int64_t mean_ms) {
    AggregateGroup result;
    result.group = {{"actionId", id}};
    std::int64_t start = 0;
    for (const auto& [at, count] : runs) {
        start = at;
        ExecutionStats stats{count, mean_ms, mean_ms, count * mean_ms, mean_ms, mean_ms};
        result.buckets.push_back({{start, start + k_quarter}, stats});
    }
    return result;
}

// Four actions on one host, each 60 runs a minute at its peak (900 a quarter
// hour) and 5 s: 5 slots each.
struct OneHost {
    std::vector<LiveAction> live{on("a", "https://orders.example.com/a", 5),
                                 on("b", "https://orders.example.com/b/${input.id}", 5),
                                 on("c", "https://orders.example.com/c", 5),
                                 on("d", "https://orders.example.com:443/d", 5),
                                 on("e", "https://crm.example.com/e", std::nullopt)};
    Peaks peaks;

    OneHost() {
        add_peaks(peaks, {group("a", {{0, 300}, {k_quarter, 900}}, 200),
                          group("b", {{0, 900}}, 200), group("c", {{k_quarter, 900}}, 200),
                          group("d", {{2 * k_quarter, 900}}, 200), group("e", {{0, 15}}, 1000)});
    }

    BlastRadius radius(std::map<std::string, int> after) const {
        BlastInputs inputs{&live, &peaks, std::move(after), {{"a", "action.a"}}, std::nullopt};
        return blast_radius(inputs, {50, LimitSource::org, ""}, {0, 4 * k_quarter});
    }
};

}  // namespace

TEST_CASE("the host of a request URL template, when it is no template itself", "[capacity]") {
    REQUIRE(url_host_prefix("https://orders.example.com/v1/${input.id}") ==
            "https://orders.example.com/");
    REQUIRE(url_host_prefix("http://10.0.0.5:8080?x=1") == "http://10.0.0.5:8080/");
    REQUIRE(url_host_prefix("https://${input.host}/v1").empty());
    REQUIRE(url_host_prefix("arn:aws:lambda:us-east-1:1:function:score").empty());
    REQUIRE(url_host_prefix("/relative/path").empty());
}

TEST_CASE("a peak is an action's busiest quarter hour, its groups summed", "[capacity]") {
    Peaks peaks;
    AggregateGroup ok = group("a", {{0, 100}, {k_quarter, 600}}, 100);
    AggregateGroup timed_out = group("a", {{0, 550}}, 3000);
    timed_out.group["errorType"] = "REQUEST_TIMEOUT";
    ok.group["errorType"] = "NONE";
    add_peaks(peaks, {ok, timed_out});
    REQUIRE(peaks.at("a") == ActionPeak{650, 100 * 100 + 550 * 3000, 0, k_peak_bucket_ms});
    REQUIRE(peaks.at("a").per_minute() == Approx(650.0 / 15));
    REQUIRE(peaks.at("a").in_use() == Approx(1'660'000.0 / 900'000));
    // 650 runs a quarter hour held for 30 s: 650 x 30 / 900 = 21.7, 22 slots.
    REQUIRE(peaks.at("a").slots_at(30) == Approx(650.0 * 30 / 900));
    REQUIRE(rounded_up_slots(peaks.at("a").slots_at(30)) == 22);
    REQUIRE(rounded_up_slots(ActionPeak{4500, 0, 0, k_peak_bucket_ms}.slots_at(8)) == 40);
    REQUIRE(ActionPeak{}.slots_at(60) == 0);
    // 600 a minute raised to 30 s: the 300 slots.
    REQUIRE(ActionPeak{9000, 0, 0, k_peak_bucket_ms}.slots_at(30) == 300);
}

TEST_CASE("the worst case of a host is the sum over its actions, before and after", "[capacity]") {
    const OneHost org;
    const BlastRadius radius = org.radius({{"a", 45}});
    REQUIRE(radius.hosts.size() == 3);
    const HostLoad& orders = radius.hosts[0];
    REQUIRE(orders.host == "https://orders.example.com/");
    REQUIRE(orders.worst_before == 15);  // a, b and c: port 443 is another host
    REQUIRE(orders.worst_after == 55);
    REQUIRE(orders.in_use == Approx(0.6));
    REQUIRE(orders.actions[0].id == "a");
    REQUIRE(orders.actions[0].address == std::optional<std::string>("action.a"));
    REQUIRE(orders.actions[0].slots_before == 5);
    REQUIRE(orders.actions[0].slots_after == 45);
    REQUIRE(orders.actions[0].changed());
    REQUIRE_FALSE(orders.actions[1].changed());
    REQUIRE(radius.hosts[1].host == "https://orders.example.com:443/");
    REQUIRE(radius.hosts[2].host == "https://crm.example.com/");
    // 15 runs at 60 s (unset): 1 slot.
    REQUIRE(radius.hosts[2].worst_after == 1);
    REQUIRE(radius.host_of("b") == &radius.hosts[0]);
    REQUIRE(radius.host_of("zzz") == nullptr);
    REQUIRE(radius.over_after() == std::vector<const HostLoad*>{&radius.hosts[0]});
    REQUIRE(org.radius({{"a", 35}}).over_after().empty());  // 35 + 10 = 45
}

TEST_CASE("a host's worst case rounds up the sum, not each small action", "[capacity]") {
    // Thirty actions each running once a quarter hour at 10 s hold a third of
    // a slot together (30 x 10 / 900), not thirty slots.
    std::vector<LiveAction> live;
    Peaks peaks;
    for (int i = 0; i < 30; ++i) {
        const std::string id = "s" + std::to_string(i);
        live.push_back(on(id, "https://small.example.com/" + id, 10));
        add_peaks(peaks, {group(id, {{0, 1}}, 100)});
    }
    BlastInputs inputs{&live, &peaks, {}, {}, std::nullopt};
    const BlastRadius radius = blast_radius(inputs, {}, {});
    REQUIRE(radius.hosts.size() == 1);
    REQUIRE(radius.hosts[0].worst_before == 1);
    REQUIRE(radius.hosts[0].actions[0].slots_before == Approx(10.0 / 900));
}

TEST_CASE("only the hosts of the chosen actions, and a function's own timeout counts",
          "[capacity]") {
    OneHost org;
    LiveAction scorer = make_live("f", "Score lead");
    scorer.runs_function = true;
    scorer.function = FunctionSetup{};
    scorer.function->timeout_seconds = 10;
    org.live.push_back(with(scorer, Field::timeout_seconds, Value(std::int64_t{30})));
    add_peaks(org.peaks, {group("f", {{0, 900}}, 500)});
    BlastInputs inputs{&org.live, &org.peaks, {{"f", 60}}, {}, std::vector<std::string>{"f"}};
    const BlastRadius radius = blast_radius(inputs, {}, {});
    REQUIRE(radius.hosts.size() == 1);
    REQUIRE(radius.hosts[0].host == "function Score lead");
    // The function stops its runs at 10 s, whatever the action's timeout.
    REQUIRE(radius.hosts[0].worst_before == 10);
    REQUIRE(radius.hosts[0].worst_after == 10);
    REQUIRE_FALSE(radius.hosts[0].changed());
    REQUIRE(stop_seconds(org.live.back()) == 10);
    REQUIRE(stop_seconds(org.live[4]) == 60);
}

TEST_CASE("the org's limit, else the configured one and why", "[capacity]") {
    FakeProvider provider;
    provider.set_concurrency_limit(std::optional<std::int64_t>(120));
    REQUIRE(read_concurrency_limit(provider, 50) == ConcurrencyLimit{120, LimitSource::org, ""});
    provider.set_concurrency_limit(std::optional<std::int64_t>());
    REQUIRE(read_concurrency_limit(provider, 40) == ConcurrencyLimit{40, LimitSource::absent, ""});
    provider.set_concurrency_limit(make_error(ErrorKind::forbidden, "403"));
    REQUIRE(read_concurrency_limit(provider, 50) ==
            ConcurrencyLimit{50, LimitSource::forbidden, ""});
    provider.set_concurrency_limit(make_error(ErrorKind::server, "HTTP 503"));
    REQUIRE(read_concurrency_limit(provider, 50) ==
            ConcurrencyLimit{50, LimitSource::failed, "HTTP 503"});
    REQUIRE(provider.calls() == std::vector<std::string>{"limits", "limits", "limits", "limits"});
}

TEST_CASE("plan's peak window ends on the last quarter hour and spans 7 days", "[capacity]") {
    const TimeWindow window = peak_window(10 * k_quarter + 123);
    REQUIRE(window.end_ms == 10 * k_quarter);
    REQUIRE(window.length_ms() == 7 * 86'400'000LL);
    REQUIRE(peak_query(window) == AggregateQuery{window, {"actionId"}, std::string("PT15M")});
}
