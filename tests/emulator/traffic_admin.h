#pragma once
// POST|DELETE /__emulator/traffic: adds runs of an action to the analytics (as
// if callers had executed it), or forgets every run.

#include "tests/emulator/executions.h"
#include "tests/emulator/http_types.h"
#include "tests/emulator/org.h"

namespace dactl::emulator {

/// POST {"actionId", "count" (1-1,000,000), "fromSecondsAgo" (required),
/// "toSecondsAgo" (default 0, below fromSecondsAgo), "latencyMs": [MIN, MAX]
/// (default the action's `_emulator.latencyMs`), "failureRate" (0-1, default
/// 0), "timeoutSeconds" (default the action's current timeout)}: `count` runs
/// evenly over that span, 201 {"added": count}; 404 for an unknown action, 400
/// for a bad member. DELETE: forgets every run, 204.
HttpResponse handle_traffic_admin(const HttpRequest& request, const Org& org, ExecutionLog& log);

}  // namespace dactl::emulator
