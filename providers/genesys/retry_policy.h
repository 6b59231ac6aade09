#pragma once
// When the client tries a request again, and how long it waits first.

#include <chrono>
#include <optional>
#include <variant>

#include "engine/model/project.h"
#include "engine/util/result.h"
#include "providers/http/transport.h"

namespace dactl::genesys {

/// Which failures a request may be retried after.
enum class RetryRule {
    transient,        ///< reads and logins: 429, 408, 502/503/504, no answer, timeouts
    rate_limit_only,  ///< writes: only 429, where the API says nothing was done
    once,             ///< optional reads: one attempt, whatever it answers
};

struct RetryLimits {
    int max_attempts = k_default_max_attempts;
    std::chrono::seconds max_retry_after{180};
};

/// Stop trying and hand the answer (or failure) back as it is.
struct Finish {};
/// Wait this long, then send the request again.
struct WaitThenRetry {
    std::chrono::milliseconds delay{0};
    bool rate_limited = false;  ///< the API asked for the wait (429)
};

using RetryDecision = std::variant<Finish, WaitThenRetry, Error>;

/// What to do after attempt number `attempt` (from 1) got `answer`. A 429 waits
/// exactly its Retry-After seconds (or the backoff when it has none), and is an
/// ErrorKind::rate_limited Error when that exceeds max_retry_after. Other
/// retries wait backoff_delay. Finish once max_attempts are spent. `jitter` is
/// a number in [-1, 1].
RetryDecision decide_retry(const Result<http::Response>& answer, int attempt, RetryRule rule,
                           const RetryLimits& limits, double jitter);

/// The backoff before attempt `attempt + 1`: 500 ms doubled each attempt, at
/// most 30 s, then changed by `jitter` x 25 %.
std::chrono::milliseconds backoff_delay(int attempt, double jitter);

/// The whole seconds of the Retry-After header (a number of seconds, or an HTTP
/// date: the seconds from the answer's Date, or from now, rounded up; 0 when
/// past), or nothing when absent or neither.
std::optional<std::chrono::seconds> retry_after(const http::Response& response);

}  // namespace dactl::genesys
