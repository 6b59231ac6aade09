#pragma once
// The admin API under /__emulator/: the org, out-of-band edits, the request
// log, the settings and token expiry. Needs no token; never counted or faulted.

#include "tests/emulator/actions_api.h"
#include "tests/emulator/oauth.h"
#include "tests/emulator/rate_limiter.h"
#include "tests/emulator/request_log.h"

namespace dactl::emulator {

inline constexpr std::string_view k_admin_prefix = "/__emulator/";

/// What the admin API works on.
struct AdminServices {
    Org& org;
    Switches& switches;
    RateLimiter& rate_limiter;
    TokenStore& tokens;
    RequestLog& log;
    ExecutionLog& executions;
    AuditLog& audits;
};

/// Answers a request under /__emulator/:
///   GET /org, GET|PATCH /actions/{id} (a PATCH is audited as by the user
///   ?userId=&userName=, by default the emulator's admin, or by ?clientId= alone), GET
///   /actions/{id}/draft, POST /actions, GET|DELETE /requests, GET|PATCH /settings, POST
///   /tokens/expire, POST|DELETE /traffic (add runs to the analytics: add_traffic; forget every
///   run); 404 or 405 otherwise.
HttpResponse handle_admin_api(const HttpRequest& request, const RequestContext& context,
                              AdminServices& services);

}  // namespace dactl::emulator
