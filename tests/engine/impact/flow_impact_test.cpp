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
