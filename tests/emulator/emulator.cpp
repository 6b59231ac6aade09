#include "tests/emulator/emulator.h"

#include <exception>
#include <thread>

#include "tests/emulator/actions_api.h"
#include "tests/emulator/admin_api.h"
#include "tests/emulator/analytics_api.h"
#include "tests/emulator/audits.h"
#include "tests/emulator/dependencies.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/functions.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

constexpr std::string_view k_token_path = "/oauth/token";
constexpr std::string_view k_api_prefix = "/api/v2/";

bool is_admin_path(const std::string& path) {
    return path.starts_with(k_admin_prefix) ||
           path == k_admin_prefix.substr(0, k_admin_prefix.size() - 1);
}

// The answer the fail-every switch injects.
HttpResponse injected_failure(int status) {
    if (status == 429) {
        HttpResponse response = HttpResponse::failure(
            api_error(429, "too.many.requests.retry.after", rate_limit_message(1)));
        response.headers.emplace_back("Retry-After", "1");
        return response;
    }
    return HttpResponse::failure(
        api_error(status, std::string(code_for_status(status)),
                  "Injected failure: the emulator answers every Nth request "
                  "with HTTP " +
                      std::to_string(status)));
}

// Adds the correlation id and renders the ErrorBody of a failure.
void finish(HttpResponse& response, const RequestContext& context) {
    response.headers.emplace_back("ININ-Correlation-Id", context.correlation_id);
    if (response.error) {
        response.body = write_json(error_body(*response.error, context.correlation_id));
        response.content_type = "application/json";
    }
}

}  // namespace

Emulator::Emulator(std::vector<ActionEntry> actions, EmulatorOptions options)
    : m_client(std::move(options.client)),
      m_organization(std::move(options.organization)),
      m_observer(std::move(options.observer)),
      m_org(std::move(actions)),
      m_switches(options.settings),
      m_rate_limiter(rate_limits(options.settings)),
      m_started(Clock::now()) {
    const WallClock::time_point now = WallClock::now();
    for (const ActionEntry& entry : m_org.dump()) {
        if (!entry.traits.traffic) {
            continue;
        }
        for (const RunBatch& batch :
             seed_batches(*entry.traits.traffic, now, effective_timeout(entry))) {
            m_executions.add(generate_executions(entry.action, batch));
        }
    }
}

HttpResponse Emulator::handle(const HttpRequest& request) {
    RequestContext context{m_randomness.uuid_v4(), Clock::now()};
    HttpResponse response;
    try {
        if (is_admin_path(request.path)) {
            AdminServices services{m_org, m_switches,   m_rate_limiter, m_tokens,
                                   m_log, m_executions, m_audits};
            response = handle_admin_api(request, context, services);
        } else {
            response = handle_counted(request, context);
        }
    } catch (const std::exception& error) {
        response = HttpResponse::failure(api_error(
            500, "internal.server.error", std::string("emulator failure: ") + error.what()));
    }
    finish(response, context);
    if (m_observer) {
        m_observer(request, response);
    }
    return response;
}

HttpResponse Emulator::handle_counted(const HttpRequest& request, const RequestContext& context) {
    const double scale = m_switches.settings().rate_time_scale;
    const std::uint64_t ticket = m_log.begin(
        {request.method, request.path, request.query, m_tokens.number(bearer_token(request)),
         std::chrono::duration<double, std::milli>(context.now - m_started).count() / scale});
    const RequestFaults faults = m_switches.next_request(m_randomness);
    if (request.path.starts_with(k_api_prefix) || request.path.starts_with("/oauth/")) {
        std::this_thread::sleep_for(faults.extra_latency);
    }
    HttpResponse response =
        faults.fail_status
            ? injected_failure(*faults.fail_status)
            : route_counted(request, RequestContext{context.correlation_id, Clock::now()});
    response.drop_connection = faults.drop;
    m_log.finish(ticket, faults.drop ? k_dropped_status : response.status);
    return response;
}

HttpResponse Emulator::route_counted(const HttpRequest& request, const RequestContext& context) {
    if (request.body.size() > k_max_body_bytes) {
        return HttpResponse::failure(api_error(
            413, "request.entity.too.large",
            "The request body is larger than " + std::to_string(k_max_body_bytes) + " bytes"));
    }
    if (request.path == k_token_path) {
        return token_request(request, context);
    }
    if (request.path.starts_with(k_api_prefix)) {
        return api_request(request, context);
    }
    return HttpResponse::failure(api_error(404, "not.found", "No resource at " + request.path));
}

std::optional<HttpResponse> Emulator::rate_limited(const RateDecision& decision) {
    if (decision.allowed) {
        return std::nullopt;
    }
    HttpResponse response = HttpResponse::failure(api_error(
        429, "too.many.requests.retry.after", rate_limit_message(decision.retry_after_seconds)));
    response.headers.emplace_back("Retry-After", std::to_string(decision.retry_after_seconds));
    return response;
}

HttpResponse Emulator::token_request(const HttpRequest& request, const RequestContext& context) {
    if (request.method != "POST") {
        return method_not_allowed(request, "POST");
    }
    std::optional<ClientCredentials> given = basic_credentials(request);
    if (std::optional<HttpResponse> refused =
            rate_limited(m_rate_limiter.admit("client " + (given ? given->id : ""), context.now))) {
        return *refused;
    }
    const auto lifetime = std::chrono::seconds(m_switches.settings().token_ttl_seconds);
    return token_endpoint(request, m_client, lifetime, context.now, m_tokens, m_randomness);
}

HttpResponse Emulator::api_request(const HttpRequest& request, const RequestContext& context) {
    if (std::optional<HttpResponse> unauthorized = check_bearer(request, m_tokens, context.now)) {
        return *unauthorized;
    }
    if (std::optional<HttpResponse> refused = rate_limited(
            m_rate_limiter.admit_api(bearer_token(request), m_client.id, context.now))) {
        return *refused;
    }
    if (is_organization_path(request.path)) {
        return handle_organization(request, m_organization, m_switches);
    }
    if (request.path.starts_with(k_limits_prefix)) {
        return handle_org_limits(request, m_switches.settings());
    }
    if (request.path == k_audit_mapping_path) {
        return handle_audit_mapping(request, m_switches.settings());
    }
    if (request.path == k_audit_query_path) {
        return handle_audit_query(request, m_audits, m_switches.settings());
    }
    if (request.path == k_aggregates_path) {
        return handle_aggregates_query(request, m_executions, m_switches.settings());
    }
    if (request.path == k_consuming_resources_path) {
        return handle_consuming_resources(request, m_org, m_switches.settings());
    }
    if (request.path == k_dependency_build_path) {
        return handle_dependency_build(request, m_switches.settings());
    }
    ApiServices services{m_org, m_switches, m_randomness, m_executions, m_audits, m_client.id};
    if (request.path == k_integrations_path) {
        return handle_integrations(request, context, services);
    }
    if (!is_actions_path(request.path)) {
        return HttpResponse::failure(api_error(404, "not.found", "No resource at " + request.path));
    }
    return handle_actions_api(request, context, services);
}

}  // namespace dactl::emulator
