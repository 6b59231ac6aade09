// The analytics query dactl insights makes: its body, its answer, its retries.
#include <catch2/catch.hpp>

#include "providers/genesys/aggregate_codec.h"
#include "providers/genesys/genesys_provider.h"
#include "tests/support/provider_fixture.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;

namespace {

constexpr std::int64_t k_start = 1'795'478'400'000;  // 2026-11-24T00:00:00Z
constexpr std::int64_t k_day = 86'400'000;

using Fixture = ProviderFixture;

const AggregateQuery k_failures{{k_start, k_start + 7 * k_day},
                                {"actionId", "errorType", "responseStatus"},
                                std::string("P1D")};

}  // namespace

TEST_CASE("the aggregates query asks for every action's tTotalExecution", "[provider][insights]") {
    REQUIRE(
        encode_aggregate_query(k_failures) ==
        "{\n"
        "  \"interval\": \"2026-11-24T00:00:00.000Z/2026-12-01T00:00:00.000Z\",\n"
        "  \"metrics\": [\n    \"tTotalExecution\"\n  ],\n"
        "  \"groupBy\": [\n    \"actionId\",\n    \"errorType\",\n    \"responseStatus\"\n  ],\n"
        "  \"filter\": {\n"
        "    \"type\": \"and\",\n"
        "    \"predicates\": [\n"
        "      {\n"
        "        \"type\": \"dimension\",\n"
        "        \"dimension\": \"actionId\",\n"
        "        \"operator\": \"exists\"\n"
        "      }\n"
        "    ]\n"
        "  },\n"
        "  \"granularity\": \"P1D\"\n"
        "}\n");
}

TEST_CASE("the answer's groups, buckets and stats are read - decimals rounded, p95 optional",
          "[provider][insights]") {
    Result<std::vector<AggregateGroup>> groups = decode_aggregates(R"({"results": [
        {"group": {"actionId": "a1", "errorType": "REQUEST_TIMEOUT"},
         "data": [{"interval": "2026-11-24T00:00:00.000Z/2026-11-25T00:00:00.000Z",
                   "metrics": [{"metric": "tTotalExecution",
                                "stats": {"max": 3000.4, "min": 12.0, "count": 7, "sum": 9000, "p99": 2999}}]}]}]})");
    REQUIRE(groups);
    REQUIRE(groups->size() == 1);
    const AggregateGroup& group = (*groups)[0];
    REQUIRE(group.group == std::map<std::string, std::string>{{"actionId", "a1"},
                                                              {"errorType", "REQUEST_TIMEOUT"}});
    REQUIRE(group.buckets.size() == 1);
    REQUIRE(group.buckets[0].interval == TimeWindow{k_start, k_start + k_day});
    REQUIRE(group.buckets[0].stats ==
            ExecutionStats{7, 12, 3000, 9000, std::nullopt, std::int64_t{2999}});
    REQUIRE(decode_aggregates("{}")->empty());
    REQUIRE(decode_aggregates(R"({"results": []})")->empty());
}

TEST_CASE("an answer that is not an aggregates answer is refused, naming what is wrong",
          "[provider][insights]") {
    REQUIRE(decode_aggregates("[]").error().message == "the answer is not a JSON object");
    REQUIRE(decode_aggregates(R"({"results": {}})").error().message ==
            "the answer has results that are not an array");
    REQUIRE(decode_aggregates(R"({"results": [{"group": {}}]})").error().message ==
            "the answer has a result without data");
    REQUIRE(
        decode_aggregates(R"({"results": [{"data": [{"interval": "yesterday", "metrics": []}]}]})")
            .error()
            .message == "the answer has a bucket interval that is not START/END: \"yesterday\"");
    REQUIRE(
        decode_aggregates(
            R"({"results": [{"data": [{"interval": "2026-11-24T00:00:00Z/2026-11-25T00:00:00Z", "metrics": [{"metric": "tTotalExecution", "stats": {"max": 1}}]}]}]})")
            .error()
            .message == "the answer has stats without a count");
}

TEST_CASE("the query is one POST, retried like a read after a 503", "[provider][insights]") {
    Fixture fixture;
    fixture.transport.push(503,
                           R"({"message": "busy", "code": "service.unavailable", "status": 503})");
    fixture.transport.push(json_answer(200, "{}"));
    Result<std::vector<AggregateGroup>> groups =
        fixture.provider.analytics().query_action_aggregates(k_failures);
    REQUIRE(groups);
    REQUIRE(groups->empty());
    REQUIRE(fixture.transport.lines() ==
            std::vector<std::string>{"POST https://login/oauth/token",
                                     "POST https://api/api/v2/analytics/actions/aggregates/query",
                                     "POST https://api/api/v2/analytics/actions/aggregates/query"});
    REQUIRE(fixture.transport.requests()[1].body == encode_aggregate_query(k_failures));
}

TEST_CASE("a 403 is handed back as forbidden, a garbled answer named", "[provider][insights]") {
    Fixture fixture;
    fixture.transport.push(
        403,
        R"({"message": "You are missing the following permission(s): integrations:action:view", "code": "missing.permissions", "status": 403})");
    Result<std::vector<AggregateGroup>> refused =
        fixture.provider.analytics().query_action_aggregates(k_failures);
    REQUIRE_FALSE(refused);
    REQUIRE(refused.error().kind == ErrorKind::forbidden);
    REQUIRE(refused.error().http_status == 403);
    fixture.transport.push(json_answer(200, R"({"results": 3})"));
    REQUIRE(fixture.provider.analytics().query_action_aggregates(k_failures).error().message ==
            "querying the analytics: the answer has results that are not an array");
}

TEST_CASE("a 400 that names the interval is an interval refused, other 400s are not",
          "[provider][insights]") {
    Fixture fixture;
    fixture.transport.push(
        400, R"({"message": "The interval exceeds the maximum of 3 days", "code": "bad.request"})");
    Result<std::vector<AggregateGroup>> refused =
        fixture.provider.analytics().query_action_aggregates(k_failures);
    REQUIRE(refused.error().kind == ErrorKind::interval_refused);
    REQUIRE(refused.error().message == "The interval exceeds the maximum of 3 days");
    fixture.transport.push(400, R"({"message": "metrics is required", "code": "bad.request"})");
    REQUIRE(fixture.provider.analytics().query_action_aggregates(k_failures).error().kind ==
            ErrorKind::bad_request);
}

TEST_CASE("statistics that cannot be true are refused, naming the action and the value",
          "[provider][insights][hostile]") {
    const auto answer = [](const std::string& stats) {
        return R"({"results": [{"group": {"actionId": "custom_-_9"}, "data": [{"interval": )"
               R"("2026-11-24T00:00:00Z/2026-11-25T00:00:00Z", "metrics": [{"metric": )"
               R"("tTotalExecution", "stats": )" +
               stats + "}]}]}]}";
    };
    const std::string tail =
        "; dactl reports no statistics that cannot be true (run insights again later, or over "
        "another --since)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"count": 10, "max": 900, "p99": -40})", "p99 -40, which is below zero"},
        {R"({"count": 10, "max": 900, "p95": 950, "p99": 960})",
         "p95 950, which is above the max of 900"},
        {R"({"count": 10, "max": 900, "p95": 800, "p99": 700})",
         "p95 800, which is above the p99 of 700"},
        {R"({"count": 10, "max": 1e308})", "max 1e+308, which is more than a latency can be"},
        {R"({"count": -5, "max": 900})", "count -5, which is below zero"},
        {R"({"count": 1e20, "max": 900})", "count 1e+20, which is more than a count can be"},
        {R"({"count": 2.5, "max": 900})", "count 2.5, which is not a whole number"},
        {R"({"count": 10, "min": 950, "max": 900})", "min 950, which is above the max of 900"},
        {R"({"count": 10, "max": 900, "sum": 100000})",
         "sum 100000, which is more than 10 executions of at most 900 ms take"},
        {R"({"count": 10, "max": "900"})", "max \"900\", which is not a number"},
    };
    for (const auto& [stats, message] : cases) {
        Result<std::vector<AggregateGroup>> groups = decode_aggregates(answer(stats));
        REQUIRE_FALSE(groups.ok());
        CHECK(groups.error().kind == ErrorKind::invalid_response);
        CHECK(groups.error().message ==
              "the analytics of action custom_-_9 give " + message + tail);
    }
    // The same numbers, possible: read, rounded to whole milliseconds.
    Result<std::vector<AggregateGroup>> fine = decode_aggregates(answer(
        R"({"count": 10, "min": 100.4, "max": 900, "sum": 4000, "p95": 850, "p99": 900.6})"));
    REQUIRE(fine.ok());
    CHECK(fine->at(0).buckets.at(0).stats == ExecutionStats{10, 100, 900, 4000, 850, 901});
}

TEST_CASE("a 400 that names buckets or the granularity is a granularity refused",
          "[provider][insights][capacity]") {
    ProviderFixture fixture;
    fixture.transport.push(400,
                           R"({"message": "The granularity PT15M makes 672 buckets over the )"
                           R"(interval, more than the maximum of 200", "code": "invalid.value"})");
    fixture.transport.push(400, R"({"message": "Granularity too fine", "code": "bad.request"})");
    const AggregateQuery query{{0, 86'400'000}, {"actionId"}, std::string("PT15M")};
    REQUIRE(fixture.provider.analytics().query_action_aggregates(query).error().kind ==
            ErrorKind::granularity_refused);
    REQUIRE(fixture.provider.analytics().query_action_aggregates(query).error().kind ==
            ErrorKind::granularity_refused);
}
