#include "tests/emulator/traffic_admin.h"

#include "tests/emulator/error_body.h"
#include "tests/emulator/functions.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

Error bad(const std::string& message) {
    return api_error(400, "invalid.value", message);
}

// An integer member in [low, high], or `fallback` when absent (nothing: required).
Result<std::int64_t> integer_member(const Json& body, const std::string& name,
                                    std::optional<std::int64_t> fallback, std::int64_t low,
                                    std::int64_t high) {
    const Json* value = body.find(name);
    if (value == nullptr) {
        if (!fallback) {
            return bad(name + " is required");
        }
        return *fallback;
    }
    if (!value->is_integer() || value->as_integer() < low || value->as_integer() > high) {
        return bad(name + " must be an integer from " + std::to_string(low) + " to " +
                   std::to_string(high));
    }
    return value->as_integer();
}

Status read_shape(const Json& body, RunBatch& batch) {
    for (const auto& [name, value] : body.as_object()) {
        if (name == "latencyMs") {
            const bool pair = value.is_array() && value.as_array().size() == 2 &&
                              value.as_array()[0].is_integer() && value.as_array()[1].is_integer();
            if (!pair || value.as_array()[0].as_integer() < 0 ||
                value.as_array()[1].as_integer() < value.as_array()[0].as_integer() ||
                value.as_array()[1].as_integer() > 3'600'000) {
                return bad(
                    "latencyMs must be [MIN, MAX]: two integers, 0 <= MIN <= MAX <= 3600000");
            }
            batch.latency_min_ms = static_cast<int>(value.as_array()[0].as_integer());
            batch.latency_max_ms = static_cast<int>(value.as_array()[1].as_integer());
        } else if (name == "failureRate") {
            if (!value.is_number() || value.as_number() < 0 || value.as_number() > 1) {
                return bad("failureRate must be a number from 0 to 1");
            }
            batch.failure_rate = value.as_number();
        } else if (name != "actionId" && name != "count" && name != "fromSecondsAgo" &&
                   name != "toSecondsAgo" && name != "timeoutSeconds") {
            return api_error(400, "invalid.property",
                             name +
                                 " is not known (actionId, count, fromSecondsAgo, "
                                 "toSecondsAgo, latencyMs, failureRate, timeoutSeconds)");
        }
    }
    return {};
}

HttpResponse add_traffic(const HttpRequest& request, const Org& org, ExecutionLog& log) {
    Result<Json> body = parse_json_body(request);
    if (!body || !body->is_object()) {
        return HttpResponse::failure(body ? bad("The body must be a JSON object") : body.error());
    }
    const Json* id = body->find("actionId");
    if (id == nullptr || !id->is_string()) {
        return HttpResponse::failure(bad("actionId must be a string"));
    }
    std::optional<ActionEntry> entry = org.find(id->as_string());
    if (!entry) {
        return HttpResponse::failure(action_not_found(id->as_string()));
    }
    RunBatch batch;
    batch.latency_min_ms = entry->traits.latency_min_ms;
    batch.latency_max_ms = entry->traits.latency_max_ms;
    Result<std::int64_t> count = integer_member(*body, "count", std::nullopt, 1, 1'000'000);
    Result<std::int64_t> from =
        integer_member(*body, "fromSecondsAgo", std::nullopt, 1, 400 * 86'400);
    Result<std::int64_t> to = integer_member(*body, "toSecondsAgo", 0, 0, 400 * 86'400);
    Result<std::int64_t> timeout =
        integer_member(*body, "timeoutSeconds", effective_timeout(*entry), 1, 3600);
    for (const Result<std::int64_t>* member : {&count, &from, &to, &timeout}) {
        if (!*member) {
            return HttpResponse::failure(member->error());
        }
    }
    if (*to >= *from) {
        return HttpResponse::failure(bad("toSecondsAgo must be below fromSecondsAgo"));
    }
    if (Status shape = read_shape(*body, batch); !shape) {
        return HttpResponse::failure(shape.error());
    }
    const WallClock::time_point now = WallClock::now();
    batch.count = *count;
    batch.from = now - std::chrono::seconds(*from);
    batch.to = now - std::chrono::seconds(*to);
    batch.timeout_seconds = *timeout;
    batch.salt = log.size() + 1;
    log.add(generate_executions(entry->action, batch));
    Json answer = Json::object();
    answer.set("added", *count);
    return HttpResponse::json(201, answer);
}

}  // namespace

HttpResponse handle_traffic_admin(const HttpRequest& request, const Org& org, ExecutionLog& log) {
    if (request.method == "POST") {
        return add_traffic(request, org, log);
    }
    if (request.method == "DELETE") {
        log.clear();
        return HttpResponse::empty(204);
    }
    return method_not_allowed(request, "POST, DELETE");
}

}  // namespace dactl::emulator
