// Settings as JSON, their PATCH rules, and the switches' counters.

#include "tests/emulator/settings.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/switches.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

Json parsed(const std::string& text) {
    Result<Json> value = parse_json(text);
    REQUIRE(value.ok());
    return *value;
}

std::string refusal(const std::string& patch) {
    Settings settings;
    Result<SettingsChange> change = apply_settings_patch(settings, parsed(patch));
    REQUIRE_FALSE(change.ok());
    REQUIRE(settings == Settings{});
    return std::to_string(change.error().http_status) + " " + change.error().api_code + ": " +
           change.error().message;
}

}  // namespace

TEST_CASE("the default settings as the admin API shows them", "[emulator][settings]") {
    REQUIRE(
        write_json(settings_to_json(Settings{})) ==
        R"({"rateLimit":{"requests":300,"windowSeconds":60,"clientRequests":3000},"rateTimeScale":1.0,"latencyMs":{"min":0,"max":0},)"
        R"("failEvery":{"n":0,"status":503},"dropEvery":0,"staleReadMs":0,"conflictNextPatches":0,)"
        R"("templatesAsUris":false,"orgMeForbidden":false,"timeScale":1.0,"tokenTtlSeconds":86400,)"
        R"("analyticsTimeoutErrorType":"REQUEST_TIMEOUT","analyticsPercentiles":true,)"
        R"("analyticsMaxIntervalDays":7,"analyticsMaxBuckets":0,"analyticsForbidden":false,"auditsForbidden":false,)"
        R"("auditServiceMapped":true,"auditPropertyNames":"dotted","functionTimeouts":"smaller",)"
        R"("draftVersions":"rise","dependencyTracking":"operational",)"
        R"("orgLimits":"present","concurrentExecutionsMax":50})");
}

TEST_CASE("a settings patch changes only what it names", "[emulator][settings]") {
    Settings settings;
    Result<SettingsChange> change = apply_settings_patch(
        settings,
        parsed(R"({"rateLimit": {"requests": 5}, "latencyMs": {"min": 20}, "failEvery": {"n": 3},
                             "dropEvery": 4, "staleReadMs": 100, "conflictNextPatches": 2,
                             "templatesAsUris": true, "timeScale": 0.01, "tokenTtlSeconds": 300})"));
    REQUIRE(change.ok());
    REQUIRE(change->rate_limit);
    REQUIRE(change->fail_every);
    REQUIRE(change->drop_every);
    Settings expected;
    expected.rate_limit_requests = 5;
    expected.latency_min_ms = 20;
    expected.latency_max_ms = 20;
    expected.fail_every = 3;
    expected.drop_every = 4;
    expected.stale_read_ms = 100;
    expected.conflict_next_patches = 2;
    expected.templates_as_uris = true;
    expected.time_scale = 0.01;
    expected.token_ttl_seconds = 300;
    REQUIRE(settings == expected);
}

TEST_CASE("bad settings are refused and change nothing", "[emulator][settings]") {
    REQUIRE(refusal(R"({"colour": 1})") ==
            "400 invalid.property: colour is not a setting (rateLimit, rateTimeScale, latencyMs, "
            "failEvery, "
            "dropEvery, "
            "staleReadMs, conflictNextPatches, templatesAsUris, orgMeForbidden, timeScale, "
            "tokenTtlSeconds, analyticsTimeoutErrorType, analyticsPercentiles, "
            "analyticsMaxIntervalDays, analyticsMaxBuckets, analyticsForbidden, auditsForbidden, "
            "auditServiceMapped, "
            "auditPropertyNames, functionTimeouts, draftVersions, dependencyTracking, orgLimits, "
            "concurrentExecutionsMax)");
    REQUIRE(refusal(R"({"dropEvery": 2, "rateLimit": {"requests": -1}})") ==
            "400 invalid.value: rateLimit.requests must be an integer from 0 to 1000000000");
    REQUIRE(refusal(R"({"rateLimit": {"perMinute": 1}})") ==
            "400 invalid.property: rateLimit.perMinute is not a setting");
    REQUIRE(refusal(R"({"failEvery": {"n": 2, "status": 200}})") ==
            "400 invalid.value: failEvery.status must be an integer from 400 to 599");
    REQUIRE(refusal(R"({"latencyMs": {"min": 50, "max": 10}})") ==
            "400 invalid.value: latencyMs.max must not be less than latencyMs.min");
    REQUIRE(refusal(R"({"templatesAsUris": "yes"})") ==
            "400 invalid.value: templatesAsUris must be true or false");
    REQUIRE(refusal(R"({"timeScale": -1})") ==
            "400 invalid.value: timeScale must be a number from 0 to 1000");
    REQUIRE(refusal(R"({"tokenTtlSeconds": 0})") ==
            "400 invalid.value: tokenTtlSeconds must be an integer from 1 to 172800");
    REQUIRE(refusal(R"({"draftVersions": "sometimes"})") ==
            "400 invalid.value: draftVersions must be rise or fixed");
    REQUIRE(refusal("[]") == "400 bad.request: The settings must be a JSON object");
}

TEST_CASE("every Nth request fails and every Mth is dropped, counted from when set",
          "[emulator][settings]") {
    Settings settings;
    settings.fail_every = 3;
    settings.fail_status = 502;
    settings.drop_every = 2;
    Switches switches(settings);
    Randomness randomness;
    std::vector<std::string> seen;
    for (int i = 0; i < 6; ++i) {
        RequestFaults faults = switches.next_request(randomness);
        seen.push_back(
            std::string(faults.fail_status ? std::to_string(*faults.fail_status) : "ok") +
            (faults.drop ? "+drop" : ""));
    }
    REQUIRE(seen == std::vector<std::string>{"ok", "ok+drop", "502", "ok+drop", "ok", "502+drop"});
    switches.next_request(randomness);
    REQUIRE(switches.patch(parsed(R"({"failEvery": {"n": 2}})")).ok());
    REQUIRE_FALSE(switches.next_request(randomness).fail_status);
    REQUIRE(switches.next_request(randomness).fail_status == 502);
}

TEST_CASE("extra latency is drawn within its range", "[emulator][settings]") {
    Settings settings;
    settings.latency_min_ms = 5;
    settings.latency_max_ms = 9;
    Switches switches(settings);
    Randomness randomness;
    for (int i = 0; i < 50; ++i) {
        const auto latency = switches.next_request(randomness).extra_latency.count();
        REQUIRE(latency >= 5);
        REQUIRE(latency <= 9);
    }
}

TEST_CASE("conflicts are taken one by one, once per action", "[emulator][settings]") {
    Settings settings;
    settings.conflict_next_patches = 2;
    Switches switches(settings);
    REQUIRE(switches.take_conflict("a"));
    REQUIRE(switches.settings().conflict_next_patches == 1);
    REQUIRE_FALSE(switches.take_conflict("a"));
    REQUIRE(switches.settings().conflict_next_patches == 1);
    REQUIRE(switches.take_conflict("b"));
    REQUIRE_FALSE(switches.take_conflict("c"));
    REQUIRE(switches.patch(*parse_json(R"({"conflictNextPatches": 1})")));
    REQUIRE(switches.take_conflict("a"));
}
