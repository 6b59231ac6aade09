#include "tests/emulator/functions.h"

#include <algorithm>
#include <map>

#include "tests/emulator/action_update.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/listing.h"
#include "tests/emulator/org.h"
#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

namespace {

constexpr std::int64_t k_longest_function_timeout = 15;
constexpr std::size_t k_longest_description = 255;

Error bad_function(const std::string& message) {
    return api_error(400, "bad.request", message);
}

Error not_a_function(const std::string& id) {
    return api_error(404, "not.found", "Action " + id + " is not a function data action");
}

// FunctionConfig: the function and where it lives.
Json function_config(const std::string& id, const Json& function, bool draft) {
    Json config = Json::object();
    config.set("id", id);
    config.set("function", function);
    config.set("uploadExceptionHistory", Json::array());
    config.set("selfUri",
               std::string(k_actions_path) + "/" + id + (draft ? "/draft" : "") + "/function");
    return config;
}

HttpResponse put_draft_function(const HttpRequest& request, const std::string& id,
                                ApiServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    Result<Json> function = check_function(*body);
    if (!function) {
        return HttpResponse::failure(function.error());
    }
    const bool raise = services.switches.settings().draft_writes_raise_version;
    Result<Json> answer = services.org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            if (!entry.function) {
                return not_a_function(id);
            }
            if (!entry.draft) {
                return api_error(404, "not.found", "Action " + id + " has no draft");
            }
            entry.draft_function = *function;
            if (raise) {
                bump_version(*entry.draft);
            }
            return function_config(id, *function, true);
        },
        StaleWindow{});
    return answer ? HttpResponse::json(200, *answer) : HttpResponse::failure(answer.error());
}

}  // namespace

Result<Json> check_function(const Json& function) {
    if (!function.is_object()) {
        return bad_function("the body must be a Function object");
    }
    for (const auto& [name, value] : function.as_object()) {
        static const std::vector<std::string> known = {"description",    "handler",    "runtime",
                                                       "timeoutSeconds", "zipId",      "id",
                                                       "name",           "dateCreated"};
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            return bad_function("Unrecognized field \"" + name + "\" in Function");
        }
    }
    for (const char* required : {"description", "handler", "runtime"}) {
        const Json* value = function.find(required);
        if (value == nullptr || !value->is_string() || value->as_string().empty()) {
            return bad_function(std::string(required) + " is required");
        }
    }
    if (function.find("description")->as_string().size() > k_longest_description) {
        return bad_function("description must be at most 255 characters");
    }
    Json checked = function;
    if (const Json* timeout = function.find("timeoutSeconds")) {
        if (!timeout->is_integer() || timeout->as_integer() < 1 ||
            timeout->as_integer() > k_longest_function_timeout) {
            return bad_function("timeoutSeconds must be between 1 and 15");
        }
    } else {
        checked.set("timeoutSeconds", k_longest_function_timeout);
    }
    return checked;
}

HttpResponse handle_integrations(const HttpRequest& request, const RequestContext& context,
                                 ApiServices& services) {
    if (request.method != "GET") {
        return method_not_allowed(request, "GET");
    }
    Result<ListQuery> query = parse_list_query(parse_query(request.query));
    if (!query) {
        return HttpResponse::failure(query.error());
    }
    // One integration per integrationId, a function one when its actions run a function.
    std::map<std::string, bool> integrations;
    for (const ActionEntry& entry : services.org.read_all(context.now)) {
        const std::string id = entry.action.string_or("integrationId", "");
        integrations[id] = integrations[id] || entry.function.has_value();
    }
    const auto total = static_cast<std::int64_t>(integrations.size());
    const std::int64_t first =
        static_cast<std::int64_t>(query->page_size) * (query->page_number - 1);
    Json::Array entities;
    std::int64_t index = 0;
    for (const auto& [id, function] : integrations) {
        if (index >= first && index < first + query->page_size) {
            Json type = Json::object();
            type.set("id", std::string(function ? k_function_type : k_rest_type));
            Json integration = Json::object();
            integration.set("id", id);
            integration.set("name", (function ? "Function " : "Web Services ") + id);
            integration.set("integrationType", std::move(type));
            integration.set("selfUri", std::string(k_integrations_path) + "/" + id);
            entities.push_back(std::move(integration));
        }
        ++index;
    }
    Json page = Json::object();
    page.set("entities", std::move(entities));
    page.set("pageSize", query->page_size);
    page.set("pageNumber", query->page_number);
    page.set("total", total);
    page.set("pageCount", (total + query->page_size - 1) / query->page_size);
    return HttpResponse::json(200, page);
}

HttpResponse handle_function(const HttpRequest& request, const std::string& id, bool draft,
                             ApiServices& services) {
    if (draft && request.method == "PUT") {
        return put_draft_function(request, id, services);
    }
    if (request.method != "GET") {
        return method_not_allowed(request, draft ? "GET, PUT" : "GET");
    }
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    if (!entry->function) {
        return HttpResponse::failure(not_a_function(id));
    }
    if (!draft) {
        return HttpResponse::json(200, function_config(id, *entry->function, false));
    }
    if (!entry->draft || !entry->draft_function) {
        return HttpResponse::failure(api_error(404, "not.found", "Action " + id + " has no draft"));
    }
    return HttpResponse::json(200, function_config(id, *entry->draft_function, true));
}

std::int64_t effective_timeout(const ActionEntry& entry) {
    const std::int64_t configured = timeout_of(entry.action);
    if (!entry.function) {
        return configured;
    }
    const Json* function = entry.function->find("timeoutSeconds");
    const std::int64_t limit = function != nullptr && function->is_integer()
                                   ? function->as_integer()
                                   : k_longest_function_timeout;
    return std::min(configured, limit);
}

Status check_function_timeout(const ActionEntry& entry, const Json* config,
                              const Settings& settings) {
    if (!entry.function || !settings.function_timeouts_over_15_refused || config == nullptr) {
        return {};
    }
    const Json* timeout = config->find("timeoutSeconds");
    if (timeout != nullptr && timeout->is_integer() &&
        timeout->as_integer() > k_longest_function_timeout) {
        return bad_function(
            "config.timeoutSeconds must be between 1 and 15 for a function data "
            "action (its function stops at 15 s at most)");
    }
    return {};
}

}  // namespace dactl::emulator
