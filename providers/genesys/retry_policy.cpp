#include "providers/genesys/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "engine/util/time_text.h"
#include "providers/genesys/action_codec.h"

namespace dactl::genesys {

namespace {

constexpr std::chrono::milliseconds k_first_backoff{500};
constexpr std::chrono::milliseconds k_longest_backoff{30000};
constexpr double k_jitter_share = 0.25;

// Answers that say the request was not handled, this time: the API's own
// 408 client.timeout and a gateway's 502, 503 or 504.
bool is_transient_failure(int status) {
    return status == 408 || status == 502 || status == 503 || status == 504;
}

}  // namespace

std::chrono::milliseconds backoff_delay(int attempt, double jitter) {
    const int doublings = std::clamp(attempt - 1, 0, 16);
    const auto base = std::min(std::chrono::milliseconds(k_first_backoff.count() << doublings),
                               k_longest_backoff);
    const double factor = 1.0 + k_jitter_share * std::clamp(jitter, -1.0, 1.0);
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(std::llround(static_cast<double>(base.count()) * factor)));
}

std::optional<std::chrono::seconds> retry_after(const http::Response& response) {
    const std::string text = response.header("Retry-After");
    if (std::optional<std::int64_t> until = parse_http_date(text)) {
        // Against the answer's own Date when it has one: the server's clock, not ours.
        const std::int64_t now = parse_http_date(response.header("Date"))
                                     .value_or(epoch_ms(std::chrono::system_clock::now()));
        return std::chrono::seconds(std::max<std::int64_t>(0, (*until - now + 999) / 1000));
    }
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    return std::chrono::seconds(std::stol(text));
}

RetryDecision decide_retry(const Result<http::Response>& answer, int attempt, RetryRule rule,
                           const RetryLimits& limits, double jitter) {
    const bool attempts_left = rule != RetryRule::once && attempt < limits.max_attempts;
    if (!answer) {
        const ErrorKind kind = answer.error().kind;
        const bool lost = kind == ErrorKind::transport || kind == ErrorKind::timeout;
        if (lost && rule == RetryRule::transient && attempts_left) {
            return WaitThenRetry{backoff_delay(attempt, jitter), false};
        }
        return Finish{};
    }
    const int status = answer->status;
    if (status == 429) {
        const std::optional<std::chrono::seconds> asked = retry_after(*answer);
        if (asked && *asked > limits.max_retry_after) {
            Error error = decode_error(*answer, "");
            error.kind = ErrorKind::rate_limited;
            error.message = "rate limited: the API asked to wait " +
                            std::to_string(asked->count()) + " s, more than the " +
                            std::to_string(limits.max_retry_after.count()) + " s allowed";
            return error;
        }
        if (!attempts_left) {
            return Finish{};
        }
        return WaitThenRetry{
            asked ? std::chrono::milliseconds(*asked) : backoff_delay(attempt, jitter), true};
    }
    if (is_transient_failure(status) && rule == RetryRule::transient && attempts_left) {
        return WaitThenRetry{backoff_delay(attempt, jitter), false};
    }
    return Finish{};
}

}  // namespace dactl::genesys
