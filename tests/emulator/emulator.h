#pragma once
// Emulator: the whole emulated service behind one call, handle(request) ->
// response, free of sockets. The HTTP server and the tests drive it.

#include <functional>
#include <vector>

#include "tests/emulator/action_shape.h"
#include "tests/emulator/audits.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/http_types.h"
#include "tests/emulator/oauth.h"
#include "tests/emulator/org.h"
#include "tests/emulator/organization.h"
#include "tests/emulator/randomness.h"
#include "tests/emulator/rate_limiter.h"
#include "tests/emulator/request_log.h"
#include "tests/emulator/settings.h"
#include "tests/emulator/switches.h"

namespace dactl::emulator {

/// The largest request body the service takes (413 above it).
inline constexpr std::size_t k_max_body_bytes = 512'000;

/// Sees every answered request (the console log); must be thread-safe.
using RequestObserver = std::function<void(const HttpRequest&, const HttpResponse&)>;

struct EmulatorOptions {
    ClientCredentials client;
    Settings settings;
    OrgIdentity organization;
    RequestObserver observer;  ///< may be empty
};

class Emulator {
public:
    /// An emulated org holding `actions`, with the client and settings of `options`;
    /// the analytics hold the traffic the actions' seeds describe, up to now.
    Emulator(std::vector<ActionEntry> actions, EmulatorOptions options);

    /// Answers one request as the service would, from any thread; never throws. Every
    /// answer has an ININ-Correlation-Id header (a UUID v4) and error answers an
    /// ErrorBody whose contextId is that id. Requests outside /__emulator/ are counted:
    /// logged, faulted, delayed and rate limited as the settings say.
    HttpResponse handle(const HttpRequest& request);

private:
    // The steps of handle() for requests outside the admin API.
    HttpResponse handle_counted(const HttpRequest& request, const RequestContext& context);
    HttpResponse route_counted(const HttpRequest& request, const RequestContext& context);
    HttpResponse token_request(const HttpRequest& request, const RequestContext& context);
    HttpResponse api_request(const HttpRequest& request, const RequestContext& context);
    /// The 429 answer when `decision` refuses; nothing when it admits.
    static std::optional<HttpResponse> rate_limited(const RateDecision& decision);

    ClientCredentials m_client;
    OrgIdentity m_organization;
    RequestObserver m_observer;
    Randomness m_randomness;
    Org m_org;
    Switches m_switches;
    RateLimiter m_rate_limiter;
    TokenStore m_tokens;
    RequestLog m_log;
    ExecutionLog m_executions;
    AuditLog m_audits;
    TimePoint m_started;  ///< the request log's times count from here
};

}  // namespace dactl::emulator
