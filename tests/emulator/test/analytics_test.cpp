// The Analytics API's action aggregates over seeded traffic, execute calls and
// the admin API's runs, with the switches of what the real service may do.

#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/emulator/analytics_api.h"
#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

// `days` days up to a minute from now.
std::string last_days(int days) {
    const auto soon = std::chrono::duration_cast<std::chrono::milliseconds>(
                          (WallClock::now() + std::chrono::minutes(1)).time_since_epoch())
                          .count();
    return format_instant(soon - std::int64_t{days} * 86'400'000) + "/" + format_instant(soon);
}

std::string query(const std::string& group_by, const std::string& extra = "",
                  const std::string& interval = last_days(7)) {
    return R"({"interval": ")" + interval + R"(", "metrics": ["tTotalExecution"], "groupBy": [)" +
           group_by +
           R"(], "filter": {"type": "and", "predicates": [{"dimension": "actionId", "operator": "exists"}]})" +
           extra + "}";
}

Reply aggregates(TestServer& server, const std::string& body) {
    return server.api("POST", std::string(k_aggregates_path), body);
}

std::string error_line(const Reply& reply) {
    Json body = body_json(reply);
    return std::to_string(reply.status) + " " + body.string_or("code", "") + ": " +
           body.string_or("message", "");
}

// "group values: count min max p95 p99" per result, one line each.
std::string stats_lines(const Reply& reply) {
    REQUIRE(reply.status == 200);
    Json body = body_json(reply);
    std::string lines;
    const Json* results = body.find("results");
    if (results == nullptr) {
        return "(no results: " + write_json(body) + ")";
    }
    for (const Json& result : results->as_array()) {
        std::string group;
        for (const auto& [name, value] : result.find("group")->as_object()) {
            group += (group.empty() ? "" : " ") + name + "=" + value.as_string();
        }
        for (const Json& bucket : result.find("data")->as_array()) {
            const Json& stats = *bucket.find("metrics")->as_array()[0].find("stats");
            lines += group + ": count " + write_json(*stats.find("count")) + " min " +
                     write_json(*stats.find("min")) + " max " + write_json(*stats.find("max"));
            for (const char* name : {"p95", "p99"}) {
                if (const Json* value = stats.find(name)) {
                    lines += std::string(" ") + name + " " + write_json(*value);
                }
            }
            lines += "\n";
        }
    }
    return lines;
}

std::string traffic(const std::string& id, int count, const std::string& latency,
                    const std::string& extra = "") {
    return R"({"actionId": ")" + id + R"(", "count": )" + std::to_string(count) +
           R"(, "fromSecondsAgo": 7200, "toSecondsAgo": 3600, "latencyMs": )" + latency + extra +
           "}";
}

std::string seed_with_traffic() {
    std::string seed = small_seed();
    const std::string plain = R"("_emulator": {"latencyMs": [50, 50]})";
    const std::size_t at = seed.find(plain);
    REQUIRE(at != std::string::npos);
    return seed.replace(at, plain.size(),
                        R"("_emulator": {"latencyMs": [50, 50], "traffic": {"days": 7, )"
                        R"("perDay": 10, "latencyMs": [100, 199]}})");
}

// "HH:MM count" of every bucket of every result, one line each.
std::string bucket_lines(const Reply& reply) {
    REQUIRE(reply.status == 200);
    std::string lines;
    const Json body = body_json(reply);
    REQUIRE(body.find("results") != nullptr);
    for (const Json& result : body.find("results")->as_array()) {
        for (const Json& bucket : result.find("data")->as_array()) {
            const std::string interval = bucket.string_or("interval", "");
            const Json& stats = *bucket.find("metrics")->as_array()[0].find("stats");
            lines += interval.substr(11, 5) + " " + write_json(*stats.find("count")) + "\n";
        }
    }
    return lines;
}

}  // namespace

TEST_CASE("a seeded daily peak shows in 15-minute buckets", "[emulator][analytics]") {
    std::string seed = small_seed();
    const std::string plain = R"("_emulator": {"latencyMs": [50, 50]})";
    seed.replace(seed.find(plain), plain.size(),
                 R"("_emulator": {"latencyMs": [50, 50], "traffic": {"days": 7, "perDay": 96, )"
                 R"("peak": {"perMinute": 4, "startUtc": "10:00", "minutes": 30}}})");
    TestServer server(seed);
    // Two whole days in the past, from midnight UTC: 96 runs a day spread
    // evenly (one a quarter hour) plus 10:00-10:30 at 4 a minute.
    const std::int64_t today = now_ms() / 86'400'000 * 86'400'000;
    const std::string interval =
        format_instant(today - 3 * 86'400'000LL) + "/" + format_instant(today - 86'400'000LL);
    const std::string lines = bucket_lines(
        aggregates(server, query(R"("actionId")", R"(, "granularity": "PT15M")", interval)));
    std::map<std::string, int> seen;
    std::istringstream in(lines);
    for (std::string at, count; in >> at >> count;) {
        seen[count == "1" ? "one run" : at + " " + count] += 1;
    }
    REQUIRE(seen == std::map<std::string, int>{{"one run", 188}, {"10:00 61", 2}, {"10:15 61", 2}});
}

TEST_CASE("a daily peak is checked like the rest of a seed", "[emulator][analytics]") {
    std::string seed = small_seed();
    const std::string plain = R"("_emulator": {"latencyMs": [50, 50]})";
    seed.replace(seed.find(plain), plain.size(),
                 R"("_emulator": {"traffic": {"peak": {"perMinute": 4, "startUtc": "25:00"}}})");
    REQUIRE_THROWS_WITH(TestServer(seed), Catch::Contains("_emulator.traffic.peak.startUtc must be "
                                                          "a time of day \"HH:MM\" (UTC)"));
}

TEST_CASE("seeded traffic is aggregated per action", "[emulator][analytics]") {
    TestServer server(seed_with_traffic());
    REQUIRE(stats_lines(aggregates(server, query(R"("actionId")"))) ==
            "actionId=custom_-_0003: count 70 min 100 max 197 p95 193 p99 197\n");
}

TEST_CASE("runs past the timeout are cut off at it with the timeout error type",
          "[emulator][analytics]") {
    TestServer server(small_seed());
    REQUIRE(
        server.admin("POST", "/__emulator/traffic", traffic("custom_-_0001", 300, "[1000, 3999]"))
            .body == R"({"added":300})");
    REQUIRE(
        stats_lines(aggregates(server, query(R"("actionId", "errorType", "responseStatus")"))) ==
        "actionId=custom_-_0001 errorType=NONE responseStatus=200: count 202 min 1005 max 2992 "
        "p95 2852 p99 2980\n"
        "actionId=custom_-_0001 errorType=REQUEST_TIMEOUT responseStatus=504: count 98 min "
        "3000 max 3000 p95 3000 p99 3000\n");
    server.settings(
        R"({"analyticsTimeoutErrorType": "GATEWAY_TIMEOUT", "analyticsPercentiles": false})");
    REQUIRE(stats_lines(aggregates(server, query(R"("errorType")"))) ==
            "errorType=GATEWAY_TIMEOUT: count 98 min 3000 max 3000\n"
            "errorType=NONE: count 202 min 1005 max 2992\n");
}

TEST_CASE("failures, daily buckets and filters", "[emulator][analytics]") {
    TestServer server(small_seed());
    server.admin("POST", "/__emulator/traffic",
                 traffic("custom_-_0003", 100, "[10, 10]", R"(, "failureRate": 0.5)"));
    server.admin("POST", "/__emulator/traffic", traffic("custom_-_0001", 10, "[20, 20]"));
    const std::string only_crm =
        R"({"interval": ")" + last_days(2) +
        R"(", "metrics": ["tTotalExecution"], "groupBy": ["responseStatus"], "filter": {"type": "or", "predicates": [{"dimension": "actionId", "value": "custom_-_0003"}]}})";
    const std::string lines = stats_lines(aggregates(server, only_crm));
    REQUIRE(lines.starts_with("responseStatus=200: count "));
    REQUIRE(lines.find("\nresponseStatus=500: count ") != std::string::npos);
    REQUIRE(stats_lines(aggregates(
                server, query(R"("actionId")", R"(, "granularity": "P1D")", last_days(3)))) ==
            "actionId=custom_-_0001: count 10 min 20 max 20 p95 20 p99 20\n"
            "actionId=custom_-_0003: count 100 min 10 max 10 p95 10 p99 10\n");
    REQUIRE(server.admin("DELETE", "/__emulator/traffic").status == 204);
    REQUIRE(aggregates(server, query(R"("actionId")")).body == "{}");
}

TEST_CASE("execute calls are recorded, test calls are not", "[emulator][analytics]") {
    TestServer server(small_seed());
    REQUIRE(server.api("POST", action_path("custom_-_0003") + "/test", "{}").status == 200);
    REQUIRE(aggregates(server, query(R"("actionId")")).body == "{}");
    REQUIRE(server.api("POST", action_path("custom_-_0003") + "/execute", "{}").status == 200);
    REQUIRE(stats_lines(aggregates(server, query(R"("actionId")"))) ==
            "actionId=custom_-_0003: count 1 min 50 max 50 p95 50 p99 50\n");
}

TEST_CASE("bad queries are refused", "[emulator][analytics]") {
    TestServer server(small_seed());
    REQUIRE(error_line(aggregates(server, query(R"("actionId")", "", last_days(8))))
                .ends_with(" exceeds the maximum of 7 days for this query"));
    server.settings(R"({"analyticsMaxIntervalDays": 0})");
    REQUIRE(aggregates(server, query(R"("actionId")", "", last_days(30))).status == 200);
    REQUIRE(
        error_line(aggregates(server, query(R"("queueId")"))) ==
        "400 invalid.value: groupBy dimension \"queueId\" is not one of actionCategory, actionId, "
        "actionName, correlationId, errorType, integrationId, integrationName, "
        "responseStatus");
    REQUIRE(error_line(aggregates(
                server, R"({"interval": ")" + last_days(1) + R"(", "metrics": ["tFoo"]})")) ==
            "400 invalid.value: Invalid metric tFoo: the only metric of action aggregates is "
            "tTotalExecution");
    REQUIRE(
        error_line(
            aggregates(server, R"({"interval": "yesterday", "metrics": ["tTotalExecution"]})")) ==
        "400 invalid.value: interval must be START/END, ISO-8601 instants in UTC with START "
        "before END, e.g. 2026-11-24T00:00:00.000Z/2026-12-01T00:00:00.000Z; got \"yesterday\"");
    REQUIRE(error_line(server.admin("POST", "/__emulator/traffic",
                                    traffic("custom_-_9999", 1, "[1, 1]"))) ==
            "404 not.found: Action custom_-_9999 not found");
    server.settings(R"({"analyticsForbidden": true})");
    REQUIRE(error_line(aggregates(server, query(R"("actionId")"))) ==
            "403 missing.permissions: Unable to perform the requested action. You are missing "
            "the following permission(s): integrations:action:view or bridge:actions:view");
}

TEST_CASE("instants are read and written in UTC", "[emulator][analytics]") {
    REQUIRE(parse_instant("2026-11-24T00:00:00.000Z") == 1'795'478'400'000);
    REQUIRE(parse_instant("2026-11-24T10:20:30Z") == 1'795'478'400'000 + 37'230'000);
    REQUIRE_FALSE(parse_instant("2026-11-24T00:00:00+01:00"));
    REQUIRE_FALSE(parse_instant("2026-13-01T00:00:00Z"));
    REQUIRE(format_instant(1'795'478'400'000 + 37'230'123) == "2026-11-24T10:20:30.123Z");
}

TEST_CASE("analyticsMaxBuckets refuses a granularity that makes more buckets",
          "[emulator][analytics]") {
    TestServer server(seed_with_traffic());
    server.settings(R"({"analyticsMaxBuckets": 200})");
    REQUIRE(error_line(aggregates(server, query(R"("actionId")", R"(, "granularity": "PT15M")"))) ==
            "400 invalid.value: The granularity PT15M makes 672 buckets, more than the maximum "
            "of 200");
    REQUIRE(aggregates(server, query(R"("actionId")", R"(, "granularity": "PT1H")")).status == 200);
    REQUIRE(aggregates(server, query(R"("actionId")")).status == 200);  // one bucket
}
