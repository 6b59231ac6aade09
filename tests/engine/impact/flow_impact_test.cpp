// flow_impact: which changed actions' flows are read, and how a refusal is kept.

#include "engine/impact/flow_impact.h"

#include <catch2/catch.hpp>

#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

// A plan changing `count` actions' timeouts, their bases, in a fake org.
struct Planned {
    Plan plan;
    std::map<std::string, LiveAction> bases;
};

Planned planned(std::size_t count) {
    Planned result;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string id = "custom_-_" + std::to_string(i);
        ActionChange change;
        change.address = "action.a" + std::to_string(i);
        change.id = id;
        change.name = "A" + std::to_string(i);
        change.fields.emplace_back(Field::timeout_seconds, Value(3), Value(9));
        result.plan.changes.push_back(change);
        LiveAction base = make_live(id, change.name);
        base.secure = i == 1;
        result.bases.emplace(id, base);
    }
    return result;
}

}  // namespace

TEST_CASE("flows are read for up to 25 changed actions, for all with --impact all", "[impact]") {
    FakeProvider org;
    org.set_flows("custom_-_0", {{{"f1", "Main IVR", "INBOUNDCALLFLOW", "1.0"}}, false});
    Planned two = planned(2);
    FlowImpact impact = flow_impact(org, two.plan, two.bases, ImpactChoice::usual, 4);
    REQUIRE(impact.listing == FlowListing::listed);
    REQUIRE(impact.flows_of("action.a0")->flows.size() == 1);
    REQUIRE(impact.flows_of("action.a1")->flows.empty());
    REQUIRE(impact.changes_timeouts);
    std::vector<std::string> calls = org.calls();
    std::sort(calls.begin(), calls.end());
    REQUIRE(calls == std::vector<std::string>{"flows custom_-_0", "flows custom_-_1 secure"});

    Planned many = planned(26);
    FakeProvider other;
    FlowImpact skipped = flow_impact(other, many.plan, many.bases, ImpactChoice::usual, 4);
    REQUIRE(skipped.listing == FlowListing::over_limit);
    REQUIRE(skipped.changed == 26);
    REQUIRE(other.calls().empty());
    FlowImpact all = flow_impact(other, many.plan, many.bases, ImpactChoice::all, 4);
    REQUIRE(all.listing == FlowListing::listed);
    REQUIRE(all.by_address.size() == 26);
    REQUIRE(other.calls().size() == 26);
    REQUIRE_FALSE(all.changes_timeouts);  // no action there is called by a flow

    FlowImpact none = flow_impact(other, two.plan, two.bases, ImpactChoice::none, 4);
    REQUIRE(none.listing == FlowListing::off);
    REQUIRE(other.calls().size() == 26);
}

TEST_CASE("a failure to read flows is kept, never the plan's", "[impact]") {
    FakeProvider org;
    org.fail_flows(make_error(ErrorKind::server, "the service is unavailable"));
    Planned two = planned(2);
    FlowImpact impact = flow_impact(org, two.plan, two.bases, ImpactChoice::usual, 1);
    REQUIRE(impact.listing == FlowListing::failed);
    REQUIRE(impact.error == "the service is unavailable");
    REQUIRE(impact.by_address.empty());
    REQUIRE(flow_type_words("INQUEUECALLFLOW") == "in-queue call flow");
    REQUIRE(flow_type_words("SOMENEWFLOW") == "somenewflow");
}

TEST_CASE("a plan's timeouts are weighed with one query, the limit read when anything ran",
          "[impact][capacity]") {
    Planned two = planned(2);
    std::vector<LiveAction> live;
    for (const auto& [id, base] : two.bases) {
        live.push_back(with(with(base, Field::timeout_seconds, Value(3)),
                            Field::request_url_template, Value("https://orders.example.com/x")));
    }
    FakeProvider provider;
    provider.set_concurrency_limit(std::optional<std::int64_t>(20));
    const BlastSources sources{&provider, &provider, &live, 50, 10 * 86'400'000LL + 5};

    // Nothing ran: one query, the limit not read, the configured one kept.
    FlowImpact quiet;
    weigh_timeouts(quiet, two.plan, sources, ImpactChoice::usual);
    REQUIRE(provider.calls() == std::vector<std::string>{"aggregates"});
    REQUIRE(provider.aggregate_queries() ==
            std::vector<AggregateQuery>{peak_query(peak_window(sources.now_ms))});
    REQUIRE(quiet.blast_reading == BlastReading::shown);
    REQUIRE(quiet.blast->limit == ConcurrencyLimit{50, LimitSource::configured, ""});
    REQUIRE(quiet.blast->hosts.size() == 1);
    REQUIRE_FALSE(quiet.blast->holds_slots());

    // 900 runs a quarter hour of each at 3 s -> 9 s: 3 + 3 = 6 -> 18 of the org's 20.
    provider.answer_aggregates([](const AggregateQuery&) {
        std::vector<AggregateGroup> groups;
        for (const char* id : {"custom_-_0", "custom_-_1"}) {
            groups.push_back({{{"actionId", id}}, {{{0, 900'000}, {900, 0, 0, 90'000, {}, {}}}}});
        }
        return Result<std::vector<AggregateGroup>>(groups);
    });
    FlowImpact busy;
    weigh_timeouts(busy, two.plan, sources, ImpactChoice::usual);
    REQUIRE(busy.blast->limit == ConcurrencyLimit{20, LimitSource::org, ""});
    REQUIRE(busy.blast->hosts[0].worst_before == 6);
    REQUIRE(busy.blast->hosts[0].worst_after == 18);
    REQUIRE(busy.blast->hosts[0].actions[0].address == std::optional<std::string>("action.a0"));

    // --no-impact, or no timeout among the changes: no request at all.
    const std::size_t calls = provider.calls().size();
    FlowImpact none;
    weigh_timeouts(none, two.plan, sources, ImpactChoice::none);
    Planned renamed = planned(1);
    renamed.plan.changes[0].fields = {FieldChange(Field::name, Value("A"), Value("B"))};
    weigh_timeouts(none, renamed.plan, sources, ImpactChoice::usual);
    REQUIRE(provider.calls().size() == calls);
    REQUIRE(none.blast_reading == BlastReading::off);

    // An analytics refusal is recorded; the plan stands.
    provider.answer_aggregates([](const AggregateQuery&) {
        return Result<std::vector<AggregateGroup>>(make_error(ErrorKind::forbidden, "403"));
    });
    FlowImpact refused;
    weigh_timeouts(refused, two.plan, sources, ImpactChoice::usual);
    REQUIRE(refused.blast_reading == BlastReading::failed);
    REQUIRE(refused.blast_error ==
            "the OAuth client may not read the analytics (it needs integrations:action:view and "
            "the scope analytics)");
    REQUIRE_FALSE(refused.blast);
}

TEST_CASE("plan's peaks are asked for in hours when 15-minute buckets are refused",
          "[impact][capacity]") {
    Planned one = planned(1);
    std::vector<LiveAction> live{with(one.bases.begin()->second, Field::timeout_seconds, Value(3))};
    FakeProvider provider;
    provider.answer_aggregates([](const AggregateQuery& query) {
        if (query.granularity == std::optional<std::string>("PT15M")) {
            return Result<std::vector<AggregateGroup>>(
                make_error(ErrorKind::granularity_refused, "too many buckets"));
        }
        std::vector<AggregateGroup> groups{
            {{{"actionId", "custom_-_0"}}, {{{0, 3'600'000}, {3600, 0, 0, 360'000, {}, {}}}}}};
        return Result<std::vector<AggregateGroup>>(groups);
    });
    FlowImpact impact;
    weigh_timeouts(impact, one.plan, {&provider, &provider, &live, 50, 10 * 86'400'000LL},
                   ImpactChoice::usual);
    REQUIRE(provider.calls() == std::vector<std::string>{"aggregates", "aggregates", "limits"});
    REQUIRE(impact.blast->bucket_ms == 3'600'000);
    // One a second: 3 slots at 3 s, 9 at 9 s.
    REQUIRE(impact.blast->hosts[0].worst_before == 3);
    REQUIRE(impact.blast->hosts[0].worst_after == 9);
}
