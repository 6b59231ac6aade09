#pragma once
// Settings: the emulator's switches for what the real service may do and for
// faults, set on the command line and through PATCH /__emulator/settings.

#include <string>

#include "engine/util/result.h"
#include "tests/emulator/json_value.h"
#include "tests/emulator/rate_limiter.h"

namespace dactl::emulator {

struct Settings {
    int rate_limit_requests = 300;  ///< per token (per client id at /oauth/token); 0: off
    int rate_limit_window_seconds = 60;
    int client_rate_limit_requests = 3000;  ///< per OAuth client across its tokens; 0: off
    /// Real seconds per emulated second for the rate limits' windows, Retry-After and the
    /// request log's times: 0.05 makes the API's minute last 3 s.
    double rate_time_scale = 1.0;
    int latency_min_ms = 0;  ///< extra latency of every /api/v2 and /oauth answer, uniform
    int latency_max_ms = 0;
    int fail_every = 0;  ///< every Nth counted request answers fail_status; 0: off
    int fail_status = 503;
    int drop_every = 0;              ///< every Nth counted request gets no answer; 0: off
    int stale_read_ms = 0;           ///< reads after a write show the action before it
    int conflict_next_patches = 0;   ///< actions whose next PATCH meets a foreign save (409)
    bool templates_as_uris = false;  ///< config answers carry template URIs, not text
    bool org_me_forbidden = false;   ///< GET /api/v2/organizations/me answers 403
    double time_scale = 1.0;         ///< multiplies the seeded test/execute latencies
    int token_ttl_seconds = 86400;
    /// The errorType analytics give a run that timed out (undocumented by the vendor).
    std::string analytics_timeout_error_type = "REQUEST_TIMEOUT";
    bool analytics_percentiles = true;    ///< stats carry p95 and p99 (unconfirmed)
    int analytics_max_interval_days = 7;  ///< a longer query interval answers 400; 0: no limit
    /// A query whose granularity makes more buckets than this answers 400
    /// (the real maximum is unconfirmed); 0: no limit.
    int analytics_max_buckets = 0;
    bool analytics_forbidden = false;     ///< the aggregates query answers 403
    bool audits_forbidden = false;        ///< the audit query answers 403
    bool audit_service_mapped = true;     ///< the service mapping offers Integrations
    bool audit_dotted_properties = true;  ///< propertyChanges name API paths, else bare names
    /// A function action's config.timeoutSeconds above 15 answers 400 (unconfirmed;
    /// default: accepted, and runs stop at the smaller of the two timeouts).
    bool function_timeouts_over_15_refused = false;
    /// Every write to a draft (PATCH .../draft, PUT .../draft/function) raises
    /// its version (unconfirmed; "draftVersions": "rise"), or none does ("fixed").
    bool draft_writes_raise_version = true;

    /// What dependency tracking answers (GET /api/v2/architect/dependencytracking/...):
    /// "operational" (200), "rebuilding" (206: the org's dependency data is being
    /// rebuilt, results may be incomplete) or "forbidden" (403).
    std::string dependency_tracking = "operational";
    /// GET /api/v2/organizations/limits/namespaces/integrations: "present" (default),
    /// "absent" (no actions.concurrent.executions.max among them) or "forbidden" (403);
    /// the namespace and the keys' placement are unconfirmed.
    std::string org_limits = "present";
    int concurrent_executions_max = 50;  ///< the documented default

    bool operator==(const Settings&) const = default;
};

/// Which counter-based switches a change set (their counters restart).
struct SettingsChange {
    bool rate_limit = false;
    bool fail_every = false;
    bool drop_every = false;
    bool conflict_next_patches = false;
};

/// The limits the rate limiter keeps under `settings`.
RateLimits rate_limits(const Settings& settings);

/// The settings as the admin API shows them: {"rateLimit": {"requests", "windowSeconds",
/// "clientRequests"}, "rateTimeScale",
/// "latencyMs": {"min", "max"}, "failEvery": {"n", "status"}, "dropEvery", "staleReadMs",
/// "conflictNextPatches", "templatesAsUris", "orgMeForbidden", "timeScale", "tokenTtlSeconds",
/// "analyticsTimeoutErrorType", "analyticsPercentiles", "analyticsMaxIntervalDays",
/// "analyticsMaxBuckets",
/// "analyticsForbidden", "auditsForbidden", "auditServiceMapped", "auditPropertyNames"
/// ("dotted" or "bare"), "functionTimeouts" ("smaller" or "refuse-over-15"), "draftVersions"
/// ("rise" or "fixed"), "dependencyTracking" ("operational", "rebuilding" or "forbidden"),
/// "orgLimits"
/// ("present", "absent" or "forbidden"), "concurrentExecutionsMax"}.
Json settings_to_json(const Settings& settings);

/// Applies any subset of that JSON to `settings` (members of the nested objects may be
/// left out). Fails with 400 "invalid.property" for an unknown member or
/// "invalid.value" for a value out of range, leaving `settings` unchanged.
Result<SettingsChange> apply_settings_patch(Settings& settings, const Json& patch);

}  // namespace dactl::emulator
