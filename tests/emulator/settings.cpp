#include "tests/emulator/settings.h"

#include <algorithm>
#include <map>

#include "tests/emulator/error_body.h"

namespace dactl::emulator {

namespace {

Json pair_object(const char* first, Json first_value, const char* second, Json second_value) {
    Json object = Json::object();
    object.set(first, std::move(first_value));
    object.set(second, std::move(second_value));
    return object;
}

// Reads an integer within [low, high] into `target`.
Status read_int(const Json& value, const std::string& where, int& target, int low, int high) {
    if (!value.is_integer() || value.as_integer() < low || value.as_integer() > high) {
        return api_error(400, "invalid.value",
                         where + " must be an integer from " + std::to_string(low) + " to " +
                             std::to_string(high));
    }
    target = static_cast<int>(value.as_integer());
    return {};
}

// Reads the members of a nested object such as {"requests": N, "windowSeconds": S}.
Status read_nested(const Json& value, const std::string& where,
                   const std::map<std::string, std::pair<int*, std::pair<int, int>>>& members) {
    if (!value.is_object()) {
        return api_error(400, "invalid.value", where + " must be an object");
    }
    for (const auto& [name, member] : value.as_object()) {
        auto found = members.find(name);
        if (found == members.end()) {
            std::string message = where;
            message += "." + name + " is not a setting";
            return api_error(400, "invalid.property", message);
        }
        const auto& [target, range] = found->second;
        std::string path = where;
        path += "." + name;
        if (Status read = read_int(member, path, *target, range.first, range.second); !read) {
            return read;
        }
    }
    return {};
}

constexpr int k_max = 1'000'000'000;

Status apply_other_member(Settings& settings, const std::string& name, const Json& value) {
    for (auto [flag, target] : {std::pair{"templatesAsUris", &settings.templates_as_uris},
                                std::pair{"orgMeForbidden", &settings.org_me_forbidden},
                                std::pair{"analyticsPercentiles", &settings.analytics_percentiles},
                                std::pair{"analyticsForbidden", &settings.analytics_forbidden},
                                std::pair{"auditsForbidden", &settings.audits_forbidden},
                                std::pair{"auditServiceMapped", &settings.audit_service_mapped}}) {
        if (name == flag) {
            if (!value.is_bool()) {
                return api_error(400, "invalid.value", name + " must be true or false");
            }
            *target = value.as_bool();
            return {};
        }
    }
    if (name == "auditPropertyNames") {
        if (!value.is_string() || (value.as_string() != "dotted" && value.as_string() != "bare")) {
            return api_error(400, "invalid.value", "auditPropertyNames must be dotted or bare");
        }
        settings.audit_dotted_properties = value.as_string() == "dotted";
        return {};
    }
    if (name == "functionTimeouts") {
        if (!value.is_string() ||
            (value.as_string() != "smaller" && value.as_string() != "refuse-over-15")) {
            return api_error(400, "invalid.value",
                             "functionTimeouts must be smaller or refuse-over-15");
        }
        settings.function_timeouts_over_15_refused = value.as_string() == "refuse-over-15";
        return {};
    }
    if (name == "draftVersions") {
        if (!value.is_string() || (value.as_string() != "rise" && value.as_string() != "fixed")) {
            return api_error(400, "invalid.value", "draftVersions must be rise or fixed");
        }
        settings.draft_writes_raise_version = value.as_string() == "rise";
        return {};
    }
    if (name == "dependencyTracking") {
        if (!value.is_string() ||
            (value.as_string() != "operational" && value.as_string() != "rebuilding" &&
             value.as_string() != "forbidden")) {
            return api_error(400, "invalid.value",
                             "dependencyTracking must be operational, rebuilding or forbidden");
        }
        settings.dependency_tracking = value.as_string();
        return {};
    }
    if (name == "orgLimits") {
        if (!value.is_string() ||
            (value.as_string() != "present" && value.as_string() != "absent" &&
             value.as_string() != "forbidden")) {
            return api_error(400, "invalid.value",
                             "orgLimits must be present, absent or forbidden");
        }
        settings.org_limits = value.as_string();
        return {};
    }
    if (name == "analyticsTimeoutErrorType") {
        if (!value.is_string() || value.as_string().empty()) {
            return api_error(400, "invalid.value",
                             "analyticsTimeoutErrorType must be a non-empty string");
        }
        settings.analytics_timeout_error_type = value.as_string();
        return {};
    }
    if (name == "rateTimeScale") {
        if (!value.is_number() || !(value.as_number() >= 0.001) || value.as_number() > 1000) {
            return api_error(400, "invalid.value",
                             "rateTimeScale must be a number from 0.001 to 1000");
        }
        settings.rate_time_scale = value.as_number();
        return {};
    }
    if (name == "timeScale") {
        if (!value.is_number() || value.as_number() < 0 || value.as_number() > 1000) {
            return api_error(400, "invalid.value", "timeScale must be a number from 0 to 1000");
        }
        settings.time_scale = value.as_number();
        return {};
    }
    return api_error(
        400, "invalid.property",
        name +
            " is not a setting (rateLimit, rateTimeScale, latencyMs, failEvery, dropEvery, "
            "staleReadMs, conflictNextPatches, templatesAsUris, orgMeForbidden, "
            "timeScale, tokenTtlSeconds, analyticsTimeoutErrorType, "
            "analyticsPercentiles, analyticsMaxIntervalDays, analyticsMaxBuckets, "
            "analyticsForbidden, "
            "auditsForbidden, auditServiceMapped, auditPropertyNames, "
            "functionTimeouts, draftVersions, dependencyTracking, orgLimits, "
            "concurrentExecutionsMax)");
}

Status apply_member(Settings& settings, SettingsChange& change, const std::string& name,
                    const Json& value) {
    if (name == "rateLimit" || name == "rateTimeScale") {
        change.rate_limit = true;  // the limiter starts again under the new limits
    }
    if (name == "rateLimit") {
        return read_nested(
            value, name,
            {{"requests", {&settings.rate_limit_requests, {0, k_max}}},
             {"windowSeconds", {&settings.rate_limit_window_seconds, {1, 86400}}},
             {"clientRequests", {&settings.client_rate_limit_requests, {0, k_max}}}});
    }
    if (name == "latencyMs") {
        Status read = read_nested(value, name,
                                  {{"min", {&settings.latency_min_ms, {0, 600'000}}},
                                   {"max", {&settings.latency_max_ms, {0, 600'000}}}});
        if (read && value.find("max") == nullptr) {
            settings.latency_max_ms = std::max(settings.latency_max_ms, settings.latency_min_ms);
        }
        return read;
    }
    if (name == "failEvery") {
        change.fail_every = true;
        return read_nested(value, name,
                           {{"n", {&settings.fail_every, {0, k_max}}},
                            {"status", {&settings.fail_status, {400, 599}}}});
    }
    if (name == "dropEvery") {
        change.drop_every = true;
        return read_int(value, name, settings.drop_every, 0, k_max);
    }
    if (name == "staleReadMs") {
        return read_int(value, name, settings.stale_read_ms, 0, 600'000);
    }
    if (name == "conflictNextPatches") {
        change.conflict_next_patches = true;
        return read_int(value, name, settings.conflict_next_patches, 0, k_max);
    }
    if (name == "tokenTtlSeconds") {
        return read_int(value, name, settings.token_ttl_seconds, 1, 172'800);
    }
    if (name == "concurrentExecutionsMax") {
        return read_int(value, name, settings.concurrent_executions_max, 1, 100'000);
    }
    if (name == "analyticsMaxIntervalDays") {
        return read_int(value, name, settings.analytics_max_interval_days, 0, 3650);
    }
    if (name == "analyticsMaxBuckets") {
        return read_int(value, name, settings.analytics_max_buckets, 0, 1'000'000);
    }
    return apply_other_member(settings, name, value);
}

}  // namespace

RateLimits rate_limits(const Settings& settings) {
    return RateLimits{settings.rate_limit_requests, settings.client_rate_limit_requests,
                      std::chrono::seconds(settings.rate_limit_window_seconds),
                      settings.rate_time_scale};
}

Json settings_to_json(const Settings& settings) {
    Json json = Json::object();
    Json rate_limit = pair_object("requests", settings.rate_limit_requests, "windowSeconds",
                                  settings.rate_limit_window_seconds);
    rate_limit.set("clientRequests", settings.client_rate_limit_requests);
    json.set("rateLimit", std::move(rate_limit));
    json.set("rateTimeScale", settings.rate_time_scale);
    json.set("latencyMs",
             pair_object("min", settings.latency_min_ms, "max", settings.latency_max_ms));
    json.set("failEvery", pair_object("n", settings.fail_every, "status", settings.fail_status));
    json.set("dropEvery", settings.drop_every);
    json.set("staleReadMs", settings.stale_read_ms);
    json.set("conflictNextPatches", settings.conflict_next_patches);
    json.set("templatesAsUris", settings.templates_as_uris);
    json.set("orgMeForbidden", settings.org_me_forbidden);
    json.set("timeScale", settings.time_scale);
    json.set("tokenTtlSeconds", settings.token_ttl_seconds);
    json.set("analyticsTimeoutErrorType", settings.analytics_timeout_error_type);
    json.set("analyticsPercentiles", settings.analytics_percentiles);
    json.set("analyticsMaxIntervalDays", settings.analytics_max_interval_days);
    json.set("analyticsMaxBuckets", settings.analytics_max_buckets);
    json.set("analyticsForbidden", settings.analytics_forbidden);
    json.set("auditsForbidden", settings.audits_forbidden);
    json.set("auditServiceMapped", settings.audit_service_mapped);
    json.set("auditPropertyNames", settings.audit_dotted_properties ? "dotted" : "bare");
    json.set("functionTimeouts",
             settings.function_timeouts_over_15_refused ? "refuse-over-15" : "smaller");
    json.set("draftVersions", settings.draft_writes_raise_version ? "rise" : "fixed");
    json.set("dependencyTracking", settings.dependency_tracking);
    json.set("orgLimits", settings.org_limits);
    json.set("concurrentExecutionsMax", settings.concurrent_executions_max);
    return json;
}

Result<SettingsChange> apply_settings_patch(Settings& settings, const Json& patch) {
    if (!patch.is_object()) {
        return api_error(400, "bad.request", "The settings must be a JSON object");
    }
    Settings changed = settings;
    SettingsChange change;
    for (const auto& [name, value] : patch.as_object()) {
        if (Status applied = apply_member(changed, change, name, value); !applied) {
            return applied.error();
        }
    }
    if (changed.latency_max_ms < changed.latency_min_ms) {
        return api_error(400, "invalid.value", "latencyMs.max must not be less than latencyMs.min");
    }
    settings = changed;
    return change;
}

}  // namespace dactl::emulator
