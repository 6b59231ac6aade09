#include "tests/emulator/admin_api.h"

#include "tests/emulator/action_rules.h"
#include "tests/emulator/action_update.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/traffic_admin.h"
#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

namespace {

Presentation stored_form() {
    Presentation presentation;
    presentation.config = ConfigMember::included;
    presentation.contract = ContractMember::included;
    return presentation;
}

// The "_emulator" members of a stored action, as a seed gives them.
Json traits_to_json(const ActionEntry& entry) {
    const ActionTraits& traits = entry.traits;
    Json json = Json::object();
    json.set("latencyMs", Json(Json::Array{traits.latency_min_ms, traits.latency_max_ms}));
    json.set("customAuth", traits.custom_auth);
    if (traits.failure) {
        json.set("failure", *traits.failure);
    }
    if (entry.function) {
        json.set("function", *entry.function);
    }
    return json;
}

HttpResponse dump_org(AdminServices& services) {
    Json::Array actions;
    for (const auto& entry : services.org.dump()) {
        actions.push_back(present_action(entry.action, stored_form()));
    }
    Json org = Json::object();
    org.set("actions", std::move(actions));
    return HttpResponse::json(200, org);
}

HttpResponse get_action(const std::string& id, AdminServices& services) {
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    return HttpResponse::json(200, present_action(entry->action, stored_form()));
}

HttpResponse get_draft(const std::string& id, AdminServices& services) {
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    if (!entry->draft) {
        return HttpResponse::failure(api_error(404, "not.found", "Action " + id + " has no draft"));
    }
    return HttpResponse::json(200, present_action(*entry->draft, stored_form()));
}

// Merges a partial action into the stored one as a person in the admin UI would.
Result<Json> merge_edit(ActionEntry& entry, const Json& patch) {
    if (!patch.is_object()) {
        return api_error(400, "bad.request", "The body must be a JSON object (a partial action)");
    }
    Json full = entry.action;
    full.set("_emulator", traits_to_json(entry));
    merge_patch(full, patch);
    if (full.string_or("id", "") != entry.action.string_or("id", "")) {
        return api_error(400, "invalid.value", "The id of an action cannot change");
    }
    if (patch.find("version") == nullptr) {
        bump_version(full);
    }
    Result<ActionEntry> checked = check_full_action(full);
    if (!checked) {
        return checked.error();
    }
    checked->draft = std::move(entry.draft);
    checked->draft_function = std::move(entry.draft_function);
    entry = std::move(*checked);
    return present_action(entry.action, stored_form());
}

// Who an admin edit is audited as: ?clientId= alone (another tool's OAuth
// client), else the user ?userId=&userName= (default: the emulator's admin)
// through the admin UI's client.
AuditActor editor_of(const HttpRequest& request) {
    const QueryParameters parameters = parse_query(request.query);
    std::optional<std::string> client = find_parameter(parameters, "clientId");
    std::optional<std::string> user = find_parameter(parameters, "userId");
    if (client && !user) {
        return {std::nullopt, *client};
    }
    return {AuditUser{
                user.value_or(std::string(k_default_admin_id)),
                find_parameter(parameters, "userName").value_or(std::string(k_default_admin_name))},
            client.value_or("genesys-cloud-admin-ui")};
}

HttpResponse edit_action(const HttpRequest& request, const std::string& id,
                         AdminServices& services) {
    Result<Json> patch = parse_json_body(request);
    if (!patch) {
        return HttpResponse::failure(patch.error());
    }
    Json before;
    Json after;
    Result<Json> edited = services.org.edit(
        id,
        [&](ActionEntry& entry) {
            before = entry.action;
            Result<Json> merged = merge_edit(entry, *patch);
            after = entry.action;
            return merged;
        },
        StaleWindow{});
    if (!edited) {
        return HttpResponse::failure(edited.error());
    }
    services.audits.add({"", now_ms(), editor_of(request), "Update", id,
                         after.string_or("name", ""), std::move(before), std::move(after)});
    return HttpResponse::json(200, *edited);
}

HttpResponse add_action(const HttpRequest& request, AdminServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    Result<ActionEntry> entry = check_full_action(*body);
    if (!entry) {
        return HttpResponse::failure(entry.error());
    }
    const Json stored = entry->action;
    if (Status added = services.org.add(std::move(*entry)); !added) {
        return HttpResponse::failure(added.error());
    }
    return HttpResponse::json(201, present_action(stored, stored_form()));
}

HttpResponse patch_settings(const HttpRequest& request, AdminServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    auto patched = services.switches.patch(*body);
    if (!patched) {
        return HttpResponse::failure(patched.error());
    }
    const auto& [change, settings] = *patched;
    if (change.rate_limit) {
        services.rate_limiter.configure(rate_limits(settings));
    }
    return HttpResponse::json(200, settings_to_json(settings));
}

// POST /__emulator/tokens/expire: every token, or with {"number": N} only the Nth issued.
HttpResponse expire_tokens(const HttpRequest& request, const RequestContext& context,
                           TokenStore& tokens) {
    if (request.body.empty()) {
        tokens.expire_all(context.now);
        return HttpResponse::empty(204);
    }
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    const Json* number = body->is_object() ? body->find("number") : nullptr;
    if (number == nullptr || !number->is_integer()) {
        return HttpResponse::failure(
            api_error(400, "bad.request", "The body must be {\"number\": N}, or empty"));
    }
    if (!tokens.expire(static_cast<int>(number->as_integer()), context.now)) {
        return HttpResponse::failure(
            api_error(404, "not.found", "No token number " + std::to_string(number->as_integer())));
    }
    return HttpResponse::empty(204);
}

HttpResponse route_action(const HttpRequest& request, const std::string& id,
                          AdminServices& services) {
    if (request.method == "GET") {
        return get_action(id, services);
    }
    if (request.method == "PATCH") {
        return edit_action(request, id, services);
    }
    return method_not_allowed(request, "GET, PATCH");
}

HttpResponse route_log(const HttpRequest& request, AdminServices& services) {
    if (request.method == "GET") {
        return HttpResponse::json(200, services.log.to_json());
    }
    if (request.method == "DELETE") {
        services.log.clear();
        return HttpResponse::empty(204);
    }
    return method_not_allowed(request, "GET, DELETE");
}

}  // namespace

HttpResponse handle_admin_api(const HttpRequest& request, const RequestContext& context,
                              AdminServices& services) {
    const std::string what =
        request.path.substr(std::min(request.path.size(), k_admin_prefix.size()));
    const bool get = request.method == "GET";
    if (what == "org") {
        return get ? dump_org(services) : method_not_allowed(request, "GET");
    }
    if (what == "actions") {
        return request.method == "POST" ? add_action(request, services)
                                        : method_not_allowed(request, "POST");
    }
    if (what.starts_with("actions/") && what.size() > 8 && what.find('/', 8) == std::string::npos) {
        return route_action(request, what.substr(8), services);
    }
    if (what.starts_with("actions/") && what.ends_with("/draft") && what.size() > 14) {
        return get ? get_draft(what.substr(8, what.size() - 14), services)
                   : method_not_allowed(request, "GET");
    }
    if (what == "requests") {
        return route_log(request, services);
    }
    if (what == "settings") {
        if (get) {
            return HttpResponse::json(200, settings_to_json(services.switches.settings()));
        }
        return request.method == "PATCH" ? patch_settings(request, services)
                                         : method_not_allowed(request, "GET, PATCH");
    }
    if (what == "tokens") {
        if (request.method != "GET") {
            return method_not_allowed(request, "GET");
        }
        Json::Array tokens;
        for (const std::string& token : services.tokens.issued()) {
            tokens.emplace_back(token);
        }
        Json body = Json::object();
        body.set("tokens", Json(std::move(tokens)));
        return HttpResponse::json(200, body);
    }
    if (what == "traffic") {
        return handle_traffic_admin(request, services.org, services.executions);
    }
    if (what == "tokens/expire") {
        if (request.method != "POST") {
            return method_not_allowed(request, "POST");
        }
        return expire_tokens(request, context, services.tokens);
    }
    return HttpResponse::failure(
        api_error(404, "not.found", "No admin resource at " + request.path));
}

}  // namespace dactl::emulator
