#include "providers/genesys/retry_policy.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;
using std::chrono::milliseconds;

namespace {

Result<http::Response> status(int code, http::Headers headers = {}) {
    http::Response response;
    response.status = code;
    response.headers = std::move(headers);
    return response;
}

std::optional<milliseconds> wait_of(const RetryDecision& decision) {
    if (const auto* wait = std::get_if<WaitThenRetry>(&decision)) {
        return wait->delay;
    }
    return std::nullopt;
}

const RetryLimits k_limits{5, std::chrono::seconds(180)};

}  // namespace

TEST_CASE("backoff doubles from 500 ms, with at most 25 % jitter, up to 30 s", "[retry]") {
    CHECK(backoff_delay(1, 0.0) == milliseconds(500));
    CHECK(backoff_delay(2, 0.0) == milliseconds(1000));
    CHECK(backoff_delay(3, 0.0) == milliseconds(2000));
    CHECK(backoff_delay(4, 0.0) == milliseconds(4000));
    CHECK(backoff_delay(1, 1.0) == milliseconds(625));
    CHECK(backoff_delay(1, -1.0) == milliseconds(375));
    CHECK(backoff_delay(3, 0.5) == milliseconds(2250));
    CHECK(backoff_delay(10, 0.0) == milliseconds(30000));
    CHECK(backoff_delay(1000, 1.0) == milliseconds(37500));
}

TEST_CASE("Retry-After is read as whole seconds", "[retry]") {
    CHECK(retry_after(*status(429, {{"retry-after", "42"}})) == std::chrono::seconds(42));
    CHECK(retry_after(*status(429, {{"Retry-After", "0"}})) == std::chrono::seconds(0));
    CHECK_FALSE(retry_after(*status(429)).has_value());
    CHECK_FALSE(retry_after(*status(429, {{"Retry-After", "soon"}})).has_value());
    CHECK_FALSE(retry_after(*status(429, {{"Retry-After", "-1"}})).has_value());
    CHECK_FALSE(retry_after(*status(429, {{"Retry-After", "99999999999"}})).has_value());
}

TEST_CASE("Retry-After as an HTTP date counts from the answer's Date", "[retry]") {
    const http::Headers dated = {{"Date", "Wed, 21 Oct 2015 07:28:00 GMT"}};
    auto with = [&](const char* value) {
        http::Headers headers = dated;
        headers.emplace_back("Retry-After", value);
        return retry_after(*status(429, headers));
    };
    CHECK(with("Wed, 21 Oct 2015 07:28:30 GMT") == std::chrono::seconds(30));
    CHECK(with("Wed, 21 Oct 2015 07:27:00 GMT") == std::chrono::seconds(0));
    CHECK_FALSE(with("Wed, 21 Foo 2015 07:28:30 GMT").has_value());
    CHECK_FALSE(with("Wed, 21 Oct 2015 07:28:30 CET").has_value());
    // Without a Date: from now; a date long past waits nothing.
    CHECK(retry_after(*status(429, {{"Retry-After", "Thu, 01 Jan 1970 00:00:00 GMT"}})) ==
          std::chrono::seconds(0));
}

TEST_CASE("reads retry 429, 408, gateway failures and lost answers", "[retry]") {
    CHECK(wait_of(decide_retry(status(429, {{"Retry-After", "7"}}), 1, RetryRule::transient,
                               k_limits, 0.9)) == milliseconds(7000));
    CHECK(wait_of(decide_retry(status(429), 2, RetryRule::transient, k_limits, 0.0)) ==
          milliseconds(1000));
    for (int code : {408, 502, 503, 504}) {
        CHECK(wait_of(decide_retry(status(code), 1, RetryRule::transient, k_limits, 0.0)) ==
              milliseconds(500));
    }
    for (ErrorKind kind : {ErrorKind::transport, ErrorKind::timeout}) {
        CHECK(wait_of(decide_retry(make_error(kind, "x"), 2, RetryRule::transient, k_limits,
                                   0.0)) == milliseconds(1000));
    }
    for (int code : {200, 400, 401, 403, 404, 409, 413, 500, 501}) {
        CHECK(std::holds_alternative<Finish>(
            decide_retry(status(code), 1, RetryRule::transient, k_limits, 0.0)));
    }
    CHECK(std::holds_alternative<Finish>(decide_retry(make_error(ErrorKind::invalid_response, "x"),
                                                      1, RetryRule::transient, k_limits, 0.0)));
}

TEST_CASE("writes retry only 429", "[retry]") {
    CHECK(wait_of(decide_retry(status(429, {{"Retry-After", "3"}}), 1, RetryRule::rate_limit_only,
                               k_limits, 0.0)) == milliseconds(3000));
    for (int code : {408, 502, 503, 504}) {
        CHECK(std::holds_alternative<Finish>(
            decide_retry(status(code), 1, RetryRule::rate_limit_only, k_limits, 0.0)));
    }
    for (ErrorKind kind : {ErrorKind::transport, ErrorKind::timeout}) {
        CHECK(std::holds_alternative<Finish>(
            decide_retry(make_error(kind, "x"), 1, RetryRule::rate_limit_only, k_limits, 0.0)));
    }
}

TEST_CASE("retries stop after max_attempts", "[retry]") {
    CHECK(wait_of(decide_retry(status(503), 4, RetryRule::transient, k_limits, 0.0)).has_value());
    CHECK(std::holds_alternative<Finish>(
        decide_retry(status(503), 5, RetryRule::transient, k_limits, 0.0)));
    CHECK(std::holds_alternative<Finish>(
        decide_retry(status(429, {{"Retry-After", "1"}}), 5, RetryRule::transient, k_limits, 0.0)));
}

TEST_CASE("a Retry-After over the limit fails at once", "[retry]") {
    RetryDecision decision =
        decide_retry(status(429, {{"Retry-After", "181"}, {"ININ-Correlation-Id", "c-1"}}), 1,
                     RetryRule::transient, k_limits, 0.0);
    const Error* error = std::get_if<Error>(&decision);
    REQUIRE(error != nullptr);
    CHECK(error->kind == ErrorKind::rate_limited);
    CHECK(error->message ==
          "rate limited: the API asked to wait 181 s, more than the 180 s allowed");
    CHECK(error->http_status == 429);
    CHECK(error->correlation_id == "c-1");
    CHECK(wait_of(decide_retry(status(429, {{"Retry-After", "180"}}), 1, RetryRule::transient,
                               k_limits, 0.0)) == milliseconds(180000));
}
