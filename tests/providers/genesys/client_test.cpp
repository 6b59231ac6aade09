#include "providers/genesys/client.h"

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "engine/util/digest.h"
#include "tests/support/fake_transport.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;
using std::chrono::milliseconds;

namespace {

const std::string k_token_answer =
    R"({"access_token": "tok-1", "token_type": "bearer", "expires_in": 3600})";
const std::string k_secret = "very-secret-value";

// A client over a FakeTransport with a clock that only moves when told.
struct Harness {
    FakeTransport transport;
    std::atomic<std::int64_t> clock_ms{1000000};
    std::vector<milliseconds> sleeps;
    std::vector<std::string> log;
    std::mutex mutex;
    GenesysClient client;

    explicit Harness(int max_attempts = 5, int requests_per_minute = 300, int tokens = 1,
                     int client_requests_per_minute = 0)
        : client(transport, {"https://api.example.com", "https://login.example.com"},
                 {"client-1", k_secret},
                 options(max_attempts, requests_per_minute, tokens, client_requests_per_minute)) {}

    ClientOptions options(int max_attempts, int requests_per_minute, int tokens,
                          int client_requests_per_minute) {
        ClientOptions options;
        options.max_attempts = max_attempts;
        options.tokens = tokens;
        options.log = [this](std::string_view line) {
            std::lock_guard lock(mutex);
            log.emplace_back(line);
        };
        options.sleep = [this](milliseconds delay) {
            std::lock_guard lock(mutex);
            sleeps.push_back(delay);
            clock_ms += delay.count();
        };
        options.now = [this] {
            return std::chrono::steady_clock::time_point(milliseconds(clock_ms.load()));
        };
        if (requests_per_minute != 300 || client_requests_per_minute != 0) {
            RequestPacer::Hooks hooks;
            hooks.now = options.now;
            hooks.sleep_until = [this, sleep = options.sleep,
                                 now = options.now](RequestPacer::Clock::time_point until) {
                sleep(std::chrono::duration_cast<milliseconds>(until - now()));
            };
            options.pacer = std::make_shared<RequestPacer>(
                requests_per_minute, hooks, std::chrono::seconds(60), client_requests_per_minute);
        }
        return options;
    }

    void advance(std::chrono::seconds by) { clock_ms += milliseconds(by).count(); }
};

std::string token_answer(const std::string& token, int expires_in) {
    return R"({"access_token": ")" + token + R"(", "expires_in": )" + std::to_string(expires_in) +
           "}";
}

}  // namespace

TEST_CASE("the client logs in once and sends the bearer token", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.set_handler([](const http::Request&) { return json_answer(200, "{}"); });
    for (int i = 0; i < 3; ++i) {
        Result<http::Response> answer =
            harness.client.get("/api/v2/integrations/actions?x=" + std::to_string(i));
        REQUIRE(answer.ok());
        CHECK(answer->body == "{}");
    }
    const auto requests = harness.transport.requests();
    REQUIRE(requests.size() == 4);
    const http::Request& login = requests[0];
    CHECK(login.method == "POST");
    CHECK(login.url == "https://login.example.com/oauth/token");
    CHECK(header_of(login, "Authorization") == "Basic Y2xpZW50LTE6dmVyeS1zZWNyZXQtdmFsdWU=");
    CHECK(header_of(login, "Content-Type") == "application/x-www-form-urlencoded");
    CHECK(login.body == "grant_type=client_credentials");
    for (int i = 1; i < 4; ++i) {
        CHECK(requests[i].method == "GET");
        CHECK(requests[i].url ==
              "https://api.example.com/api/v2/integrations/actions?x=" + std::to_string(i - 1));
        CHECK(header_of(requests[i], "Authorization") == "Bearer tok-1");
        CHECK(header_of(requests[i], "Accept") == "application/json");
        CHECK(header_of(requests[i], "Content-Type") == "(absent)");
        CHECK(requests[i].body.empty());
    }
    CHECK(harness.client.requests_sent() == 4);
}

TEST_CASE("the token is renewed shortly before it expires", "[client]") {
    Harness harness;
    harness.transport.set_handler([&](const http::Request& request) {
        if (request.url == "https://login.example.com/oauth/token") {
            return json_answer(
                200, token_answer("tok-" + std::to_string(harness.transport.count()), 3600));
        }
        return json_answer(200, "{}");
    });
    REQUIRE(harness.client.get("/a").ok());
    harness.advance(std::chrono::seconds(3299));  // a 1 h token is renewed 5 min early
    REQUIRE(harness.client.get("/b").ok());
    harness.advance(std::chrono::seconds(1));
    REQUIRE(harness.client.get("/c").ok());
    CHECK(harness.transport.lines() ==
          std::vector<std::string>{"POST https://login.example.com/oauth/token",
                                   "GET https://api.example.com/a", "GET https://api.example.com/b",
                                   "POST https://login.example.com/oauth/token",
                                   "GET https://api.example.com/c"});
    CHECK(header_of(harness.transport.requests()[4], "Authorization") == "Bearer tok-4");
}

TEST_CASE("a 401 gets a fresh login and another try, twice at most", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, token_answer("old", 86400)));
    harness.transport.push(
        json_answer(401, R"({"message": "expired", "code": "credentials.expired"})"));
    harness.transport.push(json_answer(200, token_answer("new", 86400)));
    harness.transport.push(json_answer(200, "{}"));
    REQUIRE(harness.client.get("/a").ok());
    const auto requests = harness.transport.requests();
    REQUIRE(requests.size() == 4);
    CHECK(header_of(requests[1], "Authorization") == "Bearer old");
    CHECK(requests[2].url == "https://login.example.com/oauth/token");
    CHECK(header_of(requests[3], "Authorization") == "Bearer new");

    harness.transport.push(json_answer(401, R"({"message": "no", "code": "bad.credentials"})"));
    harness.transport.push(json_answer(200, token_answer("newer", 86400)));
    harness.transport.push(json_answer(401, R"({"message": "again", "code": "bad.credentials"})"));
    harness.transport.push(json_answer(200, token_answer("newest", 86400)));
    harness.transport.push(
        json_answer(401, R"({"message": "still no", "code": "bad.credentials"})"));
    Result<http::Response> refused = harness.client.get("/b");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::unauthorized);
    CHECK(refused.error().message == "still no");
    CHECK(harness.transport.count() == 9);
    CHECK(header_of(harness.transport.requests()[8], "Authorization") == "Bearer newest");
}

TEST_CASE("a retry carries the token renewed while it waited", "[client]") {
    Harness harness;
    // A 1 s token is renewed after 900 ms; the backoffs of two 503s wait longer.
    harness.transport.push(json_answer(200, token_answer("first", 1)));
    harness.transport.push(
        json_answer(503, R"({"message": "busy", "code": "service.unavailable"})"));
    harness.transport.push(
        json_answer(503, R"({"message": "busy", "code": "service.unavailable"})"));
    harness.transport.push(json_answer(200, token_answer("second", 3600)));
    harness.transport.push(json_answer(200, "{}"));
    REQUIRE(harness.client.get("/a").ok());
    CHECK(harness.transport.lines() ==
          std::vector<std::string>{"POST https://login.example.com/oauth/token",
                                   "GET https://api.example.com/a", "GET https://api.example.com/a",
                                   "POST https://login.example.com/oauth/token",
                                   "GET https://api.example.com/a"});
    CHECK(header_of(harness.transport.requests()[2], "Authorization") == "Bearer first");
    CHECK(header_of(harness.transport.requests()[4], "Authorization") == "Bearer second");
}

TEST_CASE("a failed login is unauthorized, with the description and never the secret", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(
        401, R"({"error": "invalid_client", "description": "Invalid client credentials"})"));
    Result<http::Response> answer = harness.client.get("/a");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::unauthorized);
    CHECK(answer.error().message ==
          "logging in at https://login.example.com failed: Invalid client credentials");
    CHECK(answer.error().http_status == 401);
    CHECK(harness.transport.count() == 1);

    harness.transport.push(json_answer(
        400, R"({"error": "invalid_grant", "error_description": "bad secret very-secret-value"})"));
    Result<http::Response> echoed = harness.client.get("/a");
    REQUIRE_FALSE(echoed.ok());
    CHECK(echoed.error().message ==
          "logging in at https://login.example.com failed: bad secret (sensitive)");
}

TEST_CASE("a login answer that is not a token fails clearly", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, R"({"token_type": "bearer"})"));
    Result<http::Response> answer = harness.client.get("/a");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::invalid_response);
    CHECK(answer.error().message ==
          "logging in at https://login.example.com failed: the login answer has no access_token");
}

TEST_CASE("the login is retried after a gateway failure", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(503, R"({"message": "busy"})"));
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(200, "{}"));
    REQUIRE(harness.client.get("/a").ok());
    CHECK(harness.transport.count() == 3);
    CHECK(harness.sleeps.size() == 1);
}

TEST_CASE("a 429 waits exactly Retry-After", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(
        429,
        R"({"message": "Rate limit exceeded the maximum. Retry the request in [7] seconds", "code": "too.many.requests.retry.after", "status": 429})",
        {{"Retry-After", "7"}}));
    harness.transport.push(json_answer(200, "{}"));
    REQUIRE(harness.client.get("/a").ok());
    CHECK(harness.sleeps == std::vector<milliseconds>{milliseconds(7000)});
    CHECK(harness.transport.count() == 3);
}

TEST_CASE("a 429 asking for more than 180 s fails without waiting", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(
        json_answer(429, R"({"message": "later", "code": "too.many.requests.retry.after"})",
                    {{"Retry-After", "600"}}));
    Result<http::Response> answer = harness.client.get("/a");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::rate_limited);
    CHECK(answer.error().message ==
          "rate limited: the API asked to wait 600 s, more than the 180 s allowed");
    CHECK(answer.error().api_code == "too.many.requests.retry.after");
    CHECK(harness.sleeps.empty());
    CHECK(harness.transport.count() == 2);
}

TEST_CASE("GETs back off exponentially with jitter, bounded by max_attempts", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(
        json_answer(503, R"({"message": "down", "code": "service.unavailable"})"));
    harness.transport.push(Result<http::Response>(make_error(ErrorKind::transport, "reset")));
    harness.transport.push(json_answer(502, "<html>bad gateway</html>"));
    harness.transport.push(Result<http::Response>(make_error(ErrorKind::timeout, "slow")));
    harness.transport.push(json_answer(504, R"({"message": "late", "code": "request.timeout"})"));
    Result<http::Response> answer = harness.client.get("/a");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::server);
    CHECK(answer.error().message == "late");
    CHECK(answer.error().http_status == 504);
    CHECK(harness.transport.count() == 6);
    REQUIRE(harness.sleeps.size() == 4);
    std::int64_t base = 500;
    for (const milliseconds delay : harness.sleeps) {
        INFO(delay.count());
        CHECK(delay.count() >= base * 3 / 4);
        CHECK(delay.count() <= base * 5 / 4);
        base *= 2;
    }
}

TEST_CASE("other client errors are not retried", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(404,
                                       R"({"message": "Action not found", "code": "not.found"})",
                                       {{"ININ-Correlation-Id", "c-404"}}));
    Result<http::Response> answer =
        harness.client.get("/api/v2/integrations/actions/x?includeConfig=true");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::not_found);
    CHECK(answer.error().describe() ==
          "Action not found (HTTP 404 not.found, correlation id c-404)");
    CHECK(harness.transport.count() == 2);
    CHECK(harness.sleeps.empty());
}

TEST_CASE("PATCH sends JSON and is not retried after 5xx or a lost answer", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(503, R"({"message": "down"})"));
    Result<http::Response> failed =
        harness.client.patch("/api/v2/integrations/actions/a", "{\"version\":1}");
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::server);
    const auto requests = harness.transport.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].method == "PATCH");
    CHECK(requests[1].url == "https://api.example.com/api/v2/integrations/actions/a");
    CHECK(header_of(requests[1], "Content-Type") == "application/json");
    CHECK(header_of(requests[1], "Authorization") == "Bearer tok-1");
    CHECK(requests[1].body == "{\"version\":1}");

    harness.transport.push(
        Result<http::Response>(make_error(ErrorKind::transport, "PATCH x: no answer")));
    Result<http::Response> lost = harness.client.patch("/x", "{}");
    REQUIRE_FALSE(lost.ok());
    CHECK(lost.error().kind == ErrorKind::transport);
    CHECK(lost.error().message == "PATCH x: no answer");

    harness.transport.push(Result<http::Response>(make_error(ErrorKind::timeout, "PATCH x: slow")));
    CHECK(harness.client.patch("/x", "{}").error().kind == ErrorKind::timeout);
    CHECK(harness.transport.count() == 4);
    CHECK(harness.sleeps.empty());
}

TEST_CASE("PATCH is retried after 429 and reports a stale version as a conflict", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(429, "{}", {{"Retry-After", "2"}}));
    harness.transport.push(json_answer(
        409, R"({"message": "Version does not match current version.", "code": "conflict"})"));
    Result<http::Response> answer = harness.client.patch("/x", "{}");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::conflict);
    CHECK(harness.sleeps == std::vector<milliseconds>{milliseconds(2000)});
    CHECK(harness.transport.count() == 3);
}

TEST_CASE("the request log has one line per request and no secrets", "[client]") {
    Harness harness;
    harness.transport.set_handler([&](const http::Request& request) {
        harness.clock_ms += 12;
        if (request.method == "POST") {
            return json_answer(200, k_token_answer);
        }
        if (request.url.find("busy") != std::string::npos && harness.transport.count() == 2) {
            return json_answer(503, "{}");
        }
        return json_answer(200, "{\"access_token\": \"tok-1\"}");
    });
    REQUIRE(harness.client.get("/api/v2/integrations/actions?pageSize=100&busy=1").ok());
    CHECK(harness.log ==
          std::vector<std::string>{
              "POST https://login.example.com/oauth/token -> 200 (12 ms)",
              "GET https://api.example.com/api/v2/integrations/actions?pageSize=100&busy=1 -> 503 "
              "(12 ms, token 1 65dcf16e)",
              "  retrying in " + std::to_string(harness.sleeps.at(0).count()) +
                  " ms (attempt 2 of 5)",
              "GET https://api.example.com/api/v2/integrations/actions?pageSize=100&busy=1 -> 200 "
              "(12 ms, token 1 65dcf16e)"});
    for (const std::string& line : harness.log) {
        CHECK(line.find("tok-1") == std::string::npos);
        CHECK(line.find(k_secret) == std::string::npos);
        CHECK(line.find("Y2xpZW50") == std::string::npos);
    }
}

TEST_CASE("the log names lost answers", "[client]") {
    Harness harness(1);
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(Result<http::Response>(make_error(ErrorKind::timeout, "GET x: slow")));
    CHECK_FALSE(harness.client.get("/a").ok());
    harness.transport.push(
        Result<http::Response>(make_error(ErrorKind::transport, "GET x: reset")));
    CHECK_FALSE(harness.client.get("/b").ok());
    CHECK(harness.log ==
          std::vector<std::string>{
              "POST https://login.example.com/oauth/token -> 200 (0 ms)",
              "GET https://api.example.com/a -> timed out (0 ms, token 1 65dcf16e)",
              "GET https://api.example.com/b -> no answer (0 ms, token 1 65dcf16e)"});
}

TEST_CASE("concurrent callers share one login", "[client]") {
    Harness harness;
    std::atomic<int> logins{0};
    harness.transport.set_handler([&](const http::Request& request) {
        if (request.method == "POST") {
            ++logins;
            std::this_thread::sleep_for(milliseconds(20));
            return json_answer(200, k_token_answer);
        }
        return json_answer(200, "{}");
    });
    std::atomic<int> succeeded{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                if (harness.client.get("/a").ok()) {
                    ++succeeded;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(logins == 1);
    CHECK(succeeded == 200);
    CHECK(harness.transport.count() == 201);
    CHECK(harness.log.size() == 201);
}

TEST_CASE("every request is paced, the login and retries included", "[client][pacer]") {
    Harness harness(5, 1);
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(503, R"({"message": "busy"})"));
    harness.transport.push(json_answer(200, "{}"));
    harness.transport.push(json_answer(200, k_token_answer));
    REQUIRE(harness.client.get("/a").ok());
    // The login used the token endpoint's budget of 1 and the first GET the
    // token's; the retry waits for the GET's start to leave the 60 s window.
    REQUIRE(harness.sleeps.size() == 2);
    const milliseconds backoff = harness.sleeps[0];
    CHECK(harness.sleeps[1] == milliseconds(60000) - backoff);
    CHECK(harness.log.at(3) == "  paced: waited " + std::to_string(60000 - backoff.count()) +
                                   " ms to stay within 1 requests per minute of token 1 65dcf16e");
    CHECK(harness.transport.count() == 3);
}

TEST_CASE("after a 429 the next requests are spread out, not fired at once", "[client][pacer]") {
    Harness harness(5, 6);  // spread: one request every 10 s
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(429, R"({"message": "slow down"})", {{"Retry-After", "7"}}));
    harness.transport.set_handler([](const http::Request&) { return json_answer(200, "{}"); });
    REQUIRE(harness.client.get("/a").ok());
    CHECK(harness.sleeps == std::vector<milliseconds>{milliseconds(7000)});  // exactly Retry-After
    REQUIRE(harness.client.get("/b").ok());
    REQUIRE(harness.client.get("/c").ok());
    CHECK(harness.sleeps ==
          std::vector<milliseconds>{milliseconds(7000), milliseconds(10000), milliseconds(10000)});
}

TEST_CASE("a 408 is retried for reads and handed back for writes", "[client]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(
        json_answer(408, R"({"message": "timed out", "code": "client.timeout"})"));
    harness.transport.push(json_answer(200, "{}"));
    REQUIRE(harness.client.get("/a").ok());
    CHECK(harness.transport.count() == 3);
    CHECK(harness.sleeps.size() == 1);

    harness.transport.push(json_answer(408, R"({"message": "timed out", "code": "client.timeout"})",
                                       {{"ININ-Correlation-Id", "c-408"}}));
    Result<http::Response> write = harness.client.patch("/x", "{}");
    REQUIRE_FALSE(write.ok());
    CHECK(write.error().kind == ErrorKind::timeout);
    CHECK(write.error().describe() == "timed out (HTTP 408 client.timeout, correlation id c-408)");
    CHECK(harness.transport.count() == 4);
}

TEST_CASE("after the interrupt no call starts, except one that must finish",
          "[client][interrupt]") {
    std::atomic<bool> interrupted{false};
    FakeTransport transport;
    ClientOptions options;
    options.interrupted = &interrupted;
    options.sleep = [](milliseconds) {};
    GenesysClient client(transport, {"https://api.example.com", "https://login.example.com"},
                         {"client-1", k_secret}, options);
    transport.push(json_answer(200, k_token_answer));
    transport.push(json_answer(200, "{}"));
    REQUIRE(client.get("/a").ok());

    interrupted = true;
    Result<http::Response> refused = client.get("/b?x=1");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::cancelled);
    CHECK(refused.error().message == "interrupted: GET /b was not sent");
    CHECK(transport.count() == 2);

    transport.push(json_answer(200, "{}"));
    REQUIRE(client.remove("/draft", OnInterrupt::finish).ok());
    CHECK(transport.lines().back() == "DELETE https://api.example.com/draft");
    // Such a call is not cut off by the interrupt either.
    CHECK(transport.requests().back().interrupted == nullptr);
}

TEST_CASE("the interrupt ends the retries of a call in flight", "[client][interrupt]") {
    std::atomic<bool> interrupted{false};
    FakeTransport transport;
    ClientOptions options;
    options.interrupted = &interrupted;
    options.sleep = [](milliseconds) {};
    GenesysClient client(transport, {"https://api.example.com", "https://login.example.com"},
                         {"client-1", k_secret}, options);
    transport.push(json_answer(200, k_token_answer));
    transport.set_handler([&](const http::Request& request) -> Result<http::Response> {
        CHECK(request.interrupted == &interrupted);  // cut off in flight after the grace
        interrupted = true;                          // Ctrl-C while the server stalls
        return json_answer(503, R"({"message": "Service Unavailable"})");
    });

    Result<http::Response> answer = client.get("/a");

    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::server);
    CHECK(transport.count() == 2);  // the login and one attempt: no retry after the interrupt
}

TEST_CASE("the client's errors never carry its secret, its Basic credentials or its tokens",
          "[client][secrets]") {
    auto redactor = std::make_shared<Redactor>();
    FakeTransport transport;
    ClientOptions options;
    options.redactor = redactor;
    options.sleep = [](milliseconds) {};
    const std::string basic = "Y2xpZW50LTE6dmVyeS1zZWNyZXQtdmFsdWU=";  // client-1:very-secret-value
    GenesysClient client(transport, {"https://api.example.com", "https://login.example.com"},
                         {"client-1", k_secret}, options);
    transport.push(json_answer(
        401, R"({"error": "invalid_client", "description": "got Basic )" + basic + R"("})"));
    Result<http::Response> login = client.get("/a");
    REQUIRE_FALSE(login.ok());
    CHECK(login.error().message ==
          "logging in at https://login.example.com failed: got Basic (sensitive)");

    transport.push(json_answer(200, token_answer("tok-abcdefgh-1", 3600)));
    transport.push(json_answer(400, R"({"message": "bad header Bearer tok-abcdefgh-1"})"));
    Result<http::Response> echoed = client.get("/a");
    REQUIRE_FALSE(echoed.ok());
    CHECK(echoed.error().message == "bad header Bearer (sensitive)");
    CHECK(redactor->redact("x tok-abcdefgh-1 " + k_secret + " " + basic) ==
          "x (sensitive) (sensitive) (sensitive)");
}

namespace {

std::string fingerprint_of(const std::string& token) {
    Sha256 digest;
    digest.update(token);
    return digest.hex_digest().substr(0, 8);
}

// A handler issuing tok-1, tok-2, ... at each login and answering 200 to the rest,
// recording which token each API request carried.
struct PoolOrg {
    Harness& harness;
    std::vector<std::string> carried;
    std::string refused;  ///< answers 401 to this token

    explicit PoolOrg(Harness& chosen) : harness(chosen) {
        harness.transport.set_handler([this](const http::Request& request) {
            if (request.method == "POST") {
                return json_answer(200, token_answer("tok-" + std::to_string(++logins), 3600));
            }
            const std::string token = request.headers.at(0).second.substr(7);
            carried.push_back(token);
            return token == refused ? json_answer(401, R"({"message": "expired"})")
                                    : json_answer(200, "{}");
        });
    }
    int logins = 0;
};

}  // namespace

TEST_CASE("the pool logs in again only when one token's budget would make a request wait",
          "[client][pool]") {
    Harness harness(5, 2, 2);
    PoolOrg org(harness);
    for (int i = 0; i < 4; ++i) {
        REQUIRE(harness.client.get("/a").ok());
    }
    CHECK(org.logins == 2);
    CHECK(org.carried == std::vector<std::string>{"tok-1", "tok-1", "tok-2", "tok-2"});
    CHECK(harness.sleeps.empty());
    // The pool is full: the next request waits for the first token's window.
    REQUIRE(harness.client.get("/a").ok());
    CHECK(org.logins == 2);
    CHECK(harness.sleeps == std::vector<milliseconds>{milliseconds(60000)});
    CHECK(org.carried.back() == "tok-1");
    CHECK(harness.client.logins() == 2);
    CHECK(std::count(harness.log.begin(), harness.log.end(),
                     "  token 2 " + fingerprint_of("tok-2") + " in use: 2 held, at most 2") == 1);
}

TEST_CASE("no token is added when the client's budget, not the token's, is the limit",
          "[client][pool]") {
    Harness harness(5, 2, 3, 3);
    PoolOrg org(harness);
    for (int i = 0; i < 4; ++i) {
        REQUIRE(harness.client.get("/a").ok());
    }
    // The third request went with a second token; the fourth found the client's
    // 3 used, so a third token would not have helped: it waited 60 s instead.
    CHECK(org.logins == 2);
    CHECK(org.carried == std::vector<std::string>{"tok-1", "tok-1", "tok-2", "tok-2"});
    CHECK(harness.sleeps == std::vector<milliseconds>{milliseconds(60000)});
}

TEST_CASE("a token refused mid-run is renewed alone, when it is needed", "[client][pool]") {
    Harness harness(5, 2, 2);
    PoolOrg org(harness);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(harness.client.get("/a").ok());
    }
    REQUIRE(org.carried == std::vector<std::string>{"tok-1", "tok-1", "tok-2"});
    harness.advance(std::chrono::seconds(61));
    org.refused = "tok-1";
    // tok-1 is refused: the retry goes with tok-2, which stays; no login yet.
    REQUIRE(harness.client.get("/b").ok());
    CHECK(org.logins == 2);
    CHECK(org.carried == std::vector<std::string>{"tok-1", "tok-1", "tok-2", "tok-1", "tok-2"});
    // tok-2's budget is spent after /c: the next request renews the refused slot.
    REQUIRE(harness.client.get("/c").ok());
    CHECK(org.logins == 2);
    REQUIRE(harness.client.get("/d").ok());
    CHECK(org.logins == 3);
    CHECK(org.carried.back() == "tok-3");
    CHECK(harness.sleeps.empty());
}

TEST_CASE("Retry-After is counted on the API's clock, scaled to the real one", "[client][pool]") {
    Harness harness;
    harness.transport.push(json_answer(200, k_token_answer));
    harness.transport.push(json_answer(429, R"({"message": "slow"})", {{"Retry-After", "40"}}));
    harness.transport.push(json_answer(200, "{}"));
    ClientOptions scaled = harness.options(5, 300, 1, 0);
    scaled.time_scale = 0.05;
    GenesysClient client(harness.transport,
                         {"https://api.example.com", "https://login.example.com"},
                         {"client-1", k_secret}, scaled);
    REQUIRE(client.get("/a").ok());
    CHECK(harness.sleeps == std::vector<milliseconds>{milliseconds(2000)});
}

TEST_CASE("a 429 holds back its token - the retry goes with another at once", "[client][pool]") {
    Harness harness(5, 300, 2);
    int logins = 0;
    std::vector<std::string> carried;
    harness.transport.set_handler([&](const http::Request& request) {
        if (request.method == "POST") {
            return json_answer(200, token_answer("tok-" + std::to_string(++logins), 3600));
        }
        carried.push_back(request.headers.at(0).second.substr(7));
        return carried.size() == 1
                   ? json_answer(429, R"({"message": "slow"})", {{"Retry-After", "30"}})
                   : json_answer(200, "{}");
    });
    REQUIRE(harness.client.get("/a").ok());
    CHECK(carried == std::vector<std::string>{"tok-1", "tok-2"});
    CHECK(harness.sleeps.empty());
    CHECK(harness.log.at(3) == "  rate limited: waiting 30000 ms (attempt 2 of 5) on token 1 " +
                                   fingerprint_of("tok-1"));
    // tok-1 stays held back for its 30 s; tok-2 serves meanwhile.
    REQUIRE(harness.client.get("/b").ok());
    CHECK(carried.back() == "tok-2");
    harness.advance(std::chrono::seconds(31));
    REQUIRE(harness.client.get("/c").ok());
    CHECK(carried.back() == "tok-1");
    CHECK(logins == 2);
}
