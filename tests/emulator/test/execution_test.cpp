// POST .../test and .../execute: seeded latency, timeouts and failures.

#include "tests/emulator/execution.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

ActionEntry with_timeout(std::optional<int> timeout) {
    ActionEntry entry;
    entry.action = Json::object();
    entry.action.set("id", "custom_-_1");
    Json config = Json::object();
    if (timeout) {
        config.set("timeoutSeconds", *timeout);
    }
    entry.action.set("config", config);
    return entry;
}

std::string one() {
    return action_path("custom_-_0001");
}

}  // namespace

TEST_CASE("a call past the timeout times out after the timeout, scaled", "[emulator][execution]") {
    ExecutionPlan late = plan_execution(with_timeout(3), 5000, 0.01);
    REQUIRE(late.timed_out);
    REQUIRE(late.timeout_seconds == 3);
    REQUIRE(late.wait == Milliseconds(30));
    ExecutionPlan in_time = plan_execution(with_timeout(3), 2000, 0.5);
    REQUIRE_FALSE(in_time.timed_out);
    REQUIRE(in_time.wait == Milliseconds(1000));
    ExecutionPlan exact = plan_execution(with_timeout(3), 3000, 1.0);
    REQUIRE_FALSE(exact.timed_out);
}

TEST_CASE("without timeoutSeconds the service default of 60 s applies", "[emulator][execution]") {
    ExecutionPlan plan = plan_execution(with_timeout(std::nullopt), 59'000, 0.0);
    REQUIRE(plan.timeout_seconds == 60);
    REQUIRE_FALSE(plan.timed_out);
    REQUIRE(plan.wait == Milliseconds(0));
    REQUIRE(plan_execution(with_timeout(std::nullopt), 61'000, 0.0).timed_out);
}

TEST_CASE("test answers a TestExecutionResult after the seeded latency", "[emulator][execution]") {
    TestServer server(small_seed());
    server.login();
    const auto start = std::chrono::steady_clock::now();
    Reply reply =
        server.api("POST", action_path("custom_-_0003") + "/test", R"({"customerId": "42"})");
    REQUIRE(std::chrono::steady_clock::now() - start >= Milliseconds(50));
    REQUIRE(reply.status == 200);
    Json result = body_json(reply);
    REQUIRE(result.find("success")->as_bool());
    REQUIRE(result.find("operations")->as_array().size() == 3);
    REQUIRE(
        write_json(result.find("operations")->as_array()[1]) ==
        R"({"step":2,"name":"Execute HTTP request","success":true,"result":{"status":200,"latencyMs":50}})");
    Reply executed = server.api("POST", one() + "/execute", "{}");
    REQUIRE(executed.status == 200);
    REQUIRE(executed.body == R"({"status":"UNKNOWN"})");
}

TEST_CASE("past its timeout, test fails in a 200 and execute answers 504",
          "[emulator][execution]") {
    Settings settings;
    settings.time_scale = 0.01;
    TestServer server(small_seed(), settings);
    REQUIRE(server
                .admin("PATCH", "/__emulator/actions/custom_-_0001",
                       R"({"_emulator": {"latencyMs": [5000, 5000]}})")
                .status == 200);
    const auto start = std::chrono::steady_clock::now();
    Reply tested = server.api("POST", one() + "/test", "{}");
    REQUIRE(std::chrono::steady_clock::now() - start >= Milliseconds(30));
    REQUIRE(tested.status == 200);
    Json result = body_json(tested);
    REQUIRE_FALSE(result.find("success")->as_bool());
    const Json& error = *result.find("error");
    REQUIRE(error.string_or("code", "") == "request.timeout");
    REQUIRE(error.string_or("message", "") ==
            "The request to the remote endpoint timed out after 3 seconds");
    REQUIRE(error.string_or("contextId", "") == tested.header("inin-correlation-id"));
    REQUIRE(result.find("operations")->as_array().back().find("success")->as_bool() == false);

    Reply executed = server.api("POST", one() + "/execute", "{}");
    REQUIRE(executed.status == 504);
    REQUIRE(body_json(executed).string_or("code", "") == "request.timeout");
}

TEST_CASE("a seeded failure makes test fail and execute answer 500", "[emulator][execution]") {
    TestServer server(small_seed());
    server.admin("PATCH", "/__emulator/actions/custom_-_0001",
                 R"({"_emulator": {"failure": "backend said no"}})");
    Json result = body_json(server.api("POST", one() + "/test", "{}"));
    REQUIRE_FALSE(result.find("success")->as_bool());
    REQUIRE(result.find("error")->string_or("message", "") == "backend said no");
    Reply executed = server.api("POST", one() + "/execute", "{}");
    REQUIRE(executed.status == 500);
    REQUIRE(body_json(executed).string_or("message", "") == "backend said no");
}

TEST_CASE("test and execute refuse bad requests", "[emulator][execution]") {
    TestServer server(small_seed());
    REQUIRE(server.api("POST", action_path("custom_-_9999") + "/test", "{}").status == 404);
    REQUIRE(server.api("GET", one() + "/execute").status == 405);
    Reply bad = server.api("POST", one() + "/test", "{");
    REQUIRE(bad.status == 400);
    REQUIRE(body_json(bad).string_or("code", "") == "bad.request");
}
