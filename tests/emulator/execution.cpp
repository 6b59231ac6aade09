#include "tests/emulator/execution.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "tests/emulator/error_body.h"
#include "tests/emulator/functions.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

Json operation(int step, const char* name, bool success, Json result) {
    Json entry = Json::object();
    entry.set("step", step);
    entry.set("name", name);
    entry.set("success", success);
    entry.set(success ? "result" : "error", std::move(result));
    return entry;
}

// The third party's failure, or nothing when it answered in time.
std::optional<Error> call_error(const ExecutionPlan& plan) {
    if (plan.timed_out) {
        return api_error(504, "request.timeout",
                         "The request to the remote endpoint timed out after " +
                             std::to_string(plan.timeout_seconds) + " seconds");
    }
    if (plan.failure) {
        return api_error(500, "internal.server.error", *plan.failure);
    }
    return std::nullopt;
}

// The translated result: each translationMap name with its default, parsed when it is JSON.
Json final_result(const Json& action) {
    Json result = Json::object();
    const Json* config = action.find("config");
    const Json* response = config != nullptr ? config->find("response") : nullptr;
    const Json* map = response != nullptr ? response->find("translationMap") : nullptr;
    const Json* defaults = response != nullptr ? response->find("translationMapDefaults") : nullptr;
    if (map == nullptr || !map->is_object()) {
        return result;
    }
    for (const auto& [name, path] : map->as_object()) {
        const std::string fallback = defaults != nullptr ? defaults->string_or(name, "") : "";
        Result<Json> parsed = parse_json(fallback);
        result.set(name, parsed ? *parsed : Json(fallback.empty() ? "emulated" : fallback));
    }
    return result;
}

Json test_result(const ActionEntry& entry, const ExecutionPlan& plan,
                 const std::string& context_id) {
    const Json* config = entry.action.find("config");
    const Json* request = config != nullptr ? config->find("request") : nullptr;
    Json url = Json::object();
    url.set("url", request != nullptr ? request->string_or("requestUrlTemplate", "") : "");
    Json::Array operations = {operation(1, "Resolve request URL template", true, url)};
    Json result = Json::object();
    if (std::optional<Error> error = call_error(plan)) {
        Json body = error_body(*error, context_id);
        operations.push_back(operation(2, "Execute HTTP request", false, body));
        result.set("operations", std::move(operations));
        result.set("error", std::move(body));
        result.set("success", false);
        return result;
    }
    Json call = Json::object();
    call.set("status", 200);
    call.set("latencyMs", plan.latency_ms);
    result.set("operations",
               Json::Array{
                   std::move(operations.front()), operation(2, "Execute HTTP request", true, call),
                   operation(3, "Apply output translation map", true, final_result(entry.action))});
    result.set("finalResult", final_result(entry.action));
    result.set("success", true);
    return result;
}

}  // namespace

ExecutionPlan plan_execution(const ActionEntry& entry, int latency_ms, double time_scale) {
    ExecutionPlan plan;
    plan.latency_ms = latency_ms;
    plan.timeout_seconds = effective_timeout(entry);
    plan.timed_out = static_cast<std::int64_t>(latency_ms) > plan.timeout_seconds * 1000;
    plan.failure = entry.traits.failure;
    const double waited =
        static_cast<double>(std::min<std::int64_t>(latency_ms, plan.timeout_seconds * 1000));
    plan.wait = Milliseconds(static_cast<std::int64_t>(std::llround(waited * time_scale)));
    return plan;
}

HttpResponse execution_answer(ExecutionKind kind, const ActionEntry& entry,
                              const ExecutionPlan& plan, const std::string& context_id) {
    if (kind == ExecutionKind::test) {
        return HttpResponse::json(200, test_result(entry, plan, context_id));
    }
    if (std::optional<Error> error = call_error(plan)) {
        return HttpResponse::failure(*error);
    }
    return HttpResponse::json(200, final_result(entry.action));
}

HttpResponse simulate_call(ExecutionKind kind, const HttpRequest& request, const ActionEntry& entry,
                           int latency_ms, double time_scale, const std::string& context_id) {
    if (!request.body.empty()) {
        if (Result<Json> input = parse_json_body(request); !input) {
            return HttpResponse::failure(input.error());
        }
    }
    const ExecutionPlan plan = plan_execution(entry, latency_ms, time_scale);
    std::this_thread::sleep_for(plan.wait);
    return execution_answer(kind, entry, plan, context_id);
}

}  // namespace dactl::emulator
