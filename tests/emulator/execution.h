#pragma once
// POST .../{id}/test and .../{id}/execute: the simulated third-party call,
// its latency and the action's timeout.

#include <cstdint>
#include <optional>
#include <string>

#include "tests/emulator/action_shape.h"
#include "tests/emulator/clock.h"
#include "tests/emulator/http_types.h"

namespace dactl::emulator {

enum class ExecutionKind { test, execute };

/// The service's timeout when an action sets none.
inline constexpr std::int64_t k_default_timeout_seconds = 60;

struct ExecutionPlan {
    int latency_ms = 0;  ///< the third party's simulated latency (unscaled)
    std::int64_t timeout_seconds = k_default_timeout_seconds;
    bool timed_out = false;              ///< latency_ms exceeds the timeout
    Milliseconds wait{0};                ///< how long to wait before answering (scaled)
    std::optional<std::string> failure;  ///< the third party's error, when seeded
};

/// The outcome of one call of `entry` whose third party takes `latency_ms`: timed out when
/// that exceeds the action's timeoutSeconds (60 s when unset); the wait is the shorter of
/// the two, multiplied by `time_scale`.
ExecutionPlan plan_execution(const ActionEntry& entry, int latency_ms, double time_scale);

/// The answer once the wait is over. test: 200 TestExecutionResult (success false with
/// an error when timed out or failed); execute: 200 with the translated result, 504
/// "request.timeout" when timed out, 500 with the seeded message when failed.
HttpResponse execution_answer(ExecutionKind kind, const ActionEntry& entry,
                              const ExecutionPlan& plan, const std::string& context_id);

/// A whole test or execute request on `entry` (the action or its draft): the body must be
/// JSON when present (400 "bad.request" otherwise); waits as plan_execution says for a
/// third party taking `latency_ms`, then answers as execution_answer.
HttpResponse simulate_call(ExecutionKind kind, const HttpRequest& request, const ActionEntry& entry,
                           int latency_ms, double time_scale, const std::string& context_id);

}  // namespace dactl::emulator
