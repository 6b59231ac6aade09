// The fault switches over HTTP: failures, drops, latency, stale reads,
// conflicts, template URIs and the rate limit.

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

std::string one() {
    return action_path("custom_-_0001");
}
constexpr const char* k_list = "/api/v2/integrations/actions";

std::string name_in(const Reply& reply) {
    return body_json(reply).string_or("name", "");
}

long elapsed_ms(std::chrono::steady_clock::time_point start) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - start)
                                 .count());
}

}  // namespace

TEST_CASE("every Nth counted request answers the failure status", "[emulator][faults]") {
    TestServer server(small_seed());
    server.login();  // counted: request 1
    server.settings(R"({"failEvery": {"n": 2}})");
    REQUIRE(server.api("GET", one()).status == 200);
    Reply failed = server.api("GET", one());
    REQUIRE(failed.status == 503);
    Json body = body_json(failed);
    REQUIRE(body.string_or("code", "") == "service.unavailable");
    REQUIRE(body.string_or("message", "") ==
            "Injected failure: the emulator answers every Nth request with HTTP 503");
    REQUIRE(body.string_or("contextId", "") == failed.header("inin-correlation-id"));
    REQUIRE(server.api("GET", one()).status == 200);
    REQUIRE(server.api("GET", one()).status == 503);
}

TEST_CASE("an injected 429 carries Retry-After and the vendor's message", "[emulator][faults]") {
    TestServer server(small_seed());
    server.settings(R"({"failEvery": {"n": 1, "status": 429}})");
    Reply limited = server.send("GET", k_list);
    REQUIRE(limited.status == 429);
    REQUIRE(limited.header("retry-after") == "1");
    REQUIRE(body_json(limited).string_or("message", "") ==
            "Rate limit exceeded the maximum. Retry the request in [1] seconds");
}

TEST_CASE("a failed PATCH changes nothing", "[emulator][faults]") {
    TestServer server(small_seed());
    server.login();
    server.settings(R"({"failEvery": {"n": 1, "status": 500}})");
    REQUIRE(server.api("PATCH", one(), R"({"version": 3, "name": "x"})").status == 500);
    REQUIRE(write_json(*body_json(server.admin("GET", "/__emulator/actions/custom_-_0001"))
                            .find("version")) == "3");
}

TEST_CASE("every Nth counted request is dropped without any answer", "[emulator][faults]") {
    TestServer server(small_seed());
    const std::string token = server.login();
    server.settings(R"({"dropEvery": 2})");
    REQUIRE(server.api("GET", one()).answered);
    Reply dropped = server.api("GET", one());
    REQUIRE_FALSE(dropped.answered);
    // On the wire: the connection closes before a single byte of an answer.
    REQUIRE(raw_exchange(server.port(), "GET " + one() +
                                            " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                            "Authorization: Bearer " +
                                            token + "\r\n\r\n")
                .rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    REQUIRE(raw_exchange(server.port(), "GET " + one() +
                                            " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                            token + "\r\n\r\n") == "");
    Json log = body_json(server.admin("GET", "/__emulator/requests"));
    const auto& requests = log.find("requests")->as_array();
    REQUIRE(requests.size() == 5);
    REQUIRE(requests[2].find("status")->as_integer() == 0);
    REQUIRE(requests[4].find("status")->as_integer() == 0);
}

TEST_CASE("a dropped PATCH was applied: only its answer is lost", "[emulator][faults]") {
    TestServer server(small_seed());
    server.login();
    server.settings(R"({"dropEvery": 1})");
    REQUIRE_FALSE(
        server.api("PATCH", one(), R"({"version": 3, "config": {"timeoutSeconds": 30}})").answered);
    server.settings(R"({"dropEvery": 0})");
    Json stored = body_json(server.api("GET", one() + "?includeConfig=true"));
    REQUIRE(stored.find("version")->as_integer() == 4);
    REQUIRE(stored.find("config")->find("timeoutSeconds")->as_integer() == 30);
}

TEST_CASE("extra latency delays API answers but not the admin API", "[emulator][faults]") {
    TestServer server(small_seed());
    server.login();
    server.settings(R"({"latencyMs": {"min": 400, "max": 400}})");
    auto start = std::chrono::steady_clock::now();
    REQUIRE(server.api("GET", one()).status == 200);
    REQUIRE(elapsed_ms(start) >= 400);
    start = std::chrono::steady_clock::now();
    REQUIRE(server.admin("GET", "/__emulator/settings").status == 200);
    REQUIRE(elapsed_ms(start) < 400);
}

TEST_CASE("latency on one request does not hold up the others", "[emulator][faults]") {
    TestServer server(small_seed());
    const std::string token = server.login();
    server.settings(R"({"latencyMs": {"min": 300, "max": 300}})");
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    clients.reserve(12);
    for (int i = 0; i < 12; ++i) {
        clients.emplace_back([&] {
            server.send("GET", one(), "", {{"Authorization", "Bearer " + token}});
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    // Served one after another, twelve would take 3.6 s.
    REQUIRE(elapsed_ms(start) < 1500);
}

TEST_CASE("after a write, reads of the action are stale for staleReadMs", "[emulator][faults]") {
    TestServer server(small_seed());
    server.settings(R"({"staleReadMs": 1000})");
    REQUIRE(
        server
            .api(
                "PATCH", one(),
                R"({"version": 3, "name": "Renamed", "config": {"request": {"requestTemplate": "new"}}})")
            .status == 200);
    REQUIRE(name_in(server.api("GET", one())) == "Get Order Status");
    REQUIRE(body_json(server.api("GET", k_list))
                .find("entities")
                ->as_array()[0]
                .string_or("name", "") == "Get Order Status");
    REQUIRE(server.api("GET", one() + "/templates/requesttemplate.vm").body.find("Zoë") !=
            std::string::npos);
    REQUIRE(name_in(server.admin("GET", "/__emulator/actions/custom_-_0001")) == "Renamed");
    REQUIRE(name_in(server.api("GET", action_path("custom_-_0003"))) == "Lookup Customer");
    // Writes check the true version, not the stale one.
    REQUIRE(server.api("PATCH", one(), R"({"version": 4, "name": "Renamed again"})").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1050));
    REQUIRE(name_in(server.api("GET", one())) == "Renamed again");
    REQUIRE(server.api("GET", one() + "/templates/requesttemplate.vm").body == "new");
}

TEST_CASE("the next K PATCHes meet a concurrent save", "[emulator][faults]") {
    TestServer server(small_seed());
    server.settings(R"({"conflictNextPatches": 1})");
    Reply conflict = server.api("PATCH", one(), R"({"version": 3, "name": "Mine"})");
    REQUIRE(conflict.status == 409);
    REQUIRE(body_json(conflict).string_or("message", "") ==
            "Version does not match current version.");
    Json stored = body_json(server.api("GET", one()));
    REQUIRE(stored.find("version")->as_integer() == 4);
    REQUIRE(stored.string_or("name", "") == "Get Order Status");
    REQUIRE(server.api("PATCH", one(), R"({"version": 4, "name": "Mine"})").status == 200);
    REQUIRE(write_json(*body_json(server.admin("GET", "/__emulator/settings"))
                            .find("conflictNextPatches")) == "0");
}

TEST_CASE("configs may carry template URIs instead of the text", "[emulator][faults]") {
    Settings settings;
    settings.templates_as_uris = true;
    TestServer server(small_seed(), settings);
    Json request = *body_json(server.api("GET", one() + "?includeConfig=true"))
                        .find("config")
                        ->find("request");
    REQUIRE(request.find("requestTemplate") == nullptr);
    REQUIRE(request.string_or("requestTemplateUri", "") == one() + "/templates/requesttemplate.vm");
    Json patched = body_json(server.api(
        "PATCH", one(), R"({"version": 3, "config": {"request": {"requestTemplate": "t"}}})"));
    REQUIRE(patched.find("config")->find("request")->string_or("requestTemplateUri", "") ==
            one() + "/templates/requesttemplate.vm");
    REQUIRE(server.api("GET", one() + "/templates/requesttemplate.vm").body == "t");
    Json stored = body_json(server.admin("GET", "/__emulator/actions/custom_-_0001"));
    REQUIRE(stored.find("config")->find("request")->string_or("requestTemplate", "") == "t");
    server.settings(R"({"templatesAsUris": false})");
    REQUIRE(body_json(server.api("GET", one() + "?includeConfig=true"))
                .find("config")
                ->find("request")
                ->string_or("requestTemplate", "") == "t");
}

TEST_CASE("the rate limit is per token, with Retry-After and the vendor's body",
          "[emulator][faults]") {
    TestServer server(small_seed());
    const std::string first = server.login();
    server.settings(R"({"rateLimit": {"requests": 3, "windowSeconds": 60}})");
    const std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + first}};
    for (int i = 0; i < 3; ++i) {
        REQUIRE(server.send("GET", one(), "", bearer).status == 200);
    }
    Reply limited = server.send("GET", one(), "", bearer);
    REQUIRE(limited.status == 429);
    REQUIRE(limited.header("retry-after") == "60");
    Json body = body_json(limited);
    REQUIRE(body.string_or("message", "") ==
            "Rate limit exceeded the maximum. Retry the request in [60] seconds");
    REQUIRE(body.string_or("code", "") == "too.many.requests.retry.after");
    REQUIRE(body.find("status")->as_integer() == 429);
    const std::string second = server.login();
    REQUIRE(server.send("GET", one(), "", {{"Authorization", "Bearer " + second}}).status == 200);
    server.settings(R"({"rateLimit": {"requests": 0}})");
    REQUIRE(server.send("GET", one(), "", bearer).status == 200);
}

TEST_CASE(
    "the client's limit spans its tokens - the log names each request's token and "
    "emulated time - one token expires alone",
    "[emulator][faults]") {
    TestServer server(small_seed());
    const std::string first = server.login();
    const std::string second = server.login();
    server.settings(
        R"({"rateLimit": {"requests": 3, "clientRequests": 4}, "rateTimeScale": 0.001})");
    server.admin("DELETE", "/__emulator/requests");
    const auto with = [](const std::string& token) {
        return std::map<std::string, std::string>{{"Authorization", "Bearer " + token}};
    };
    for (int i = 0; i < 3; ++i) {
        REQUIRE(server.send("GET", one(), "", with(first)).status == 200);
    }
    REQUIRE(server.send("GET", one(), "", with(first)).status == 429);
    REQUIRE(server.send("GET", one(), "", with(second)).status == 200);
    Reply client_full = server.send("GET", one(), "", with(second));
    REQUIRE(client_full.status == 429);  // the client's 4, though this token has used 1 of 3
    // 60 emulated seconds last 60 ms here.
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    REQUIRE(server.send("GET", one(), "", with(second)).status == 200);

    Json log = body_json(server.admin("GET", "/__emulator/requests"));
    std::string tokens;
    for (const Json& request : log.find("requests")->as_array()) {
        tokens += std::to_string(request.find("token")->as_integer());
    }
    REQUIRE(tokens == "1111222");
    const auto& requests = log.find("requests")->as_array();
    REQUIRE(requests.back().find("atMs")->as_number() >= 60'000);  // emulated milliseconds

    REQUIRE(server.admin("POST", "/__emulator/tokens/expire", R"({"number": 1})").status == 204);
    REQUIRE(server.send("GET", one(), "", with(first)).status == 401);
    REQUIRE(server.send("GET", one(), "", with(second)).status == 200);
    Reply unknown = server.admin("POST", "/__emulator/tokens/expire", R"({"number": 9})");
    REQUIRE(unknown.status == 404);
    REQUIRE(body_json(unknown).string_or("message", "") == "No token number 9");
    REQUIRE(server.admin("POST", "/__emulator/tokens/expire", R"({"n": 1})").status == 400);
}

TEST_CASE("the admin API is never faulted, limited or logged", "[emulator][faults]") {
    TestServer server(small_seed());
    server.settings(R"({"failEvery": {"n": 1}, "dropEvery": 1, "rateLimit": {"requests": 1}})");
    for (int i = 0; i < 3; ++i) {
        REQUIRE(server.admin("GET", "/__emulator/org").status == 200);
    }
    REQUIRE(body_json(server.admin("GET", "/__emulator/requests"))
                .find("requests")
                ->as_array()
                .empty());
}
