#include "tests/emulator/drafts.h"

#include "tests/emulator/action_rules.h"
#include "tests/emulator/action_update.h"
#include "tests/emulator/actions_api.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/execution.h"
#include "tests/emulator/functions.h"

namespace dactl::emulator {

namespace {

Error no_draft(const std::string& id) {
    return api_error(404, "not.found", "Action " + id + " has no draft");
}

HttpResponse answer(const Result<Json>& result) {
    return result ? HttpResponse::json(200, *result) : HttpResponse::failure(result.error());
}

HttpResponse create_draft(const std::string& id, ApiServices& services) {
    const Presentation presentation = full_presentation(services.switches);
    return answer(services.org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            if (is_static_id(id)) {
                return api_error(400, "bad.request",
                                 "Action " + id + " is a built-in action and cannot be changed");
            }
            if (entry.draft) {
                return api_error(409, "conflict", "Action " + id + " already has a draft");
            }
            entry.draft = entry.action;
            entry.draft->set("version", 1);
            entry.draft_function = entry.function;
            return present_action(*entry.draft, presentation);
        },
        StaleWindow{}));
}

HttpResponse get_draft(const HttpRequest& request, const std::string& id, ApiServices& services) {
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    if (!entry->draft) {
        return HttpResponse::failure(no_draft(id));
    }
    Result<Presentation> presentation = presentation_for(request, services.switches);
    if (!presentation) {
        return HttpResponse::failure(presentation.error());
    }
    return HttpResponse::json(200, present_action(*entry->draft, *presentation));
}

HttpResponse patch_draft(const HttpRequest& request, const std::string& id, ApiServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    const Presentation presentation = full_presentation(services.switches);
    const bool raise = services.switches.settings().draft_writes_raise_version;
    return answer(services.org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            if (!entry.draft) {
                return no_draft(id);
            }
            const ActionEntry draft{*entry.draft, entry.traits, std::nullopt, entry.draft_function,
                                    std::nullopt};
            if (Status checked = check_update_input(*body, draft, UpdateKind::draft); !checked) {
                return checked.error();
            }
            if (!version_matches(*body, *entry.draft)) {
                return version_conflict();
            }
            const Json version = *entry.draft->find("version");
            apply_update_input(*entry.draft, *body);
            if (!raise) {
                entry.draft->set("version", version);
            }
            return present_action(*entry.draft, presentation);
        },
        StaleWindow{}));
}

HttpResponse delete_draft(const std::string& id, ApiServices& services) {
    Result<Json> deleted = services.org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            if (!entry.draft) {
                return no_draft(id);
            }
            entry.draft.reset();
            entry.draft_function.reset();
            return Json();
        },
        StaleWindow{});
    return deleted ? HttpResponse::empty(204) : HttpResponse::failure(deleted.error());
}

// The action as the draft makes it: name, category, config, contract and secure.
void take_draft(Json& action, const Json& draft) {
    for (const char* name : {"name", "category", "config", "contract", "secure"}) {
        if (const Json* value = draft.find(name)) {
            action.set(name, *value);
        } else {
            action.erase(name);
        }
    }
    bump_version(action);
    action = canonical_action(std::move(action));
}

HttpResponse publish_draft(const HttpRequest& request, const std::string& id,
                           const RequestContext& context, ApiServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    const Json* version = body->find("version");
    if (version == nullptr || !version->is_integer()) {
        return HttpResponse::failure(
            api_error(400, "bad.request", "version is required: send the draft's current version"));
    }
    const Presentation presentation = full_presentation(services.switches);
    const Settings settings = services.switches.settings();
    return answer(services.org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            if (!entry.draft) {
                return no_draft(id);
            }
            if (!version_matches(*body, *entry.draft)) {
                return version_conflict();
            }
            if (Status limit = check_function_timeout(entry, entry.draft->find("config"), settings);
                !limit) {
                return limit.error();
            }
            take_draft(entry.action, *entry.draft);
            entry.draft.reset();
            if (entry.draft_function) {
                entry.function = std::move(entry.draft_function);
                entry.draft_function.reset();
            }
            return present_action(entry.action, presentation);
        },
        StaleWindow{Milliseconds(settings.stale_read_ms), context.now}));
}

// The draft of `id` with the action's traits, for reading; a failure answer when there is none.
Result<ActionEntry> draft_entry(const std::string& id, ApiServices& services) {
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return action_not_found(id);
    }
    if (!entry->draft) {
        return no_draft(id);
    }
    return ActionEntry{*entry->draft, entry->traits, std::nullopt, entry->draft_function,
                       std::nullopt};
}

HttpResponse validate_draft(const std::string& id, ApiServices& services) {
    Result<ActionEntry> draft = draft_entry(id, services);
    if (!draft) {
        return HttpResponse::failure(draft.error());
    }
    Json::Array errors;
    const Json* config = draft->action.find("config");
    if (config != nullptr) {
        if (Status checked = check_config(*config); !checked) {
            errors.push_back(error_body(checked.error(), ""));
        }
    }
    Json result = Json::object();
    result.set("valid", errors.empty());
    result.set("errors", std::move(errors));
    return HttpResponse::json(200, result);
}

HttpResponse test_draft(const HttpRequest& request, const std::string& id,
                        const RequestContext& context, ApiServices& services) {
    Result<ActionEntry> draft = draft_entry(id, services);
    if (!draft) {
        return HttpResponse::failure(draft.error());
    }
    const int latency =
        services.randomness.uniform(draft->traits.latency_min_ms, draft->traits.latency_max_ms);
    return simulate_call(ExecutionKind::test, request, *draft, latency,
                         services.switches.settings().time_scale, context.correlation_id);
}

HttpResponse draft_template(const std::string& id, const std::string& file, ApiServices& services) {
    Result<ActionEntry> draft = draft_entry(id, services);
    if (!draft) {
        return HttpResponse::failure(draft.error());
    }
    std::optional<TemplateFile> which = template_file_named(file);
    if (!which) {
        return HttpResponse::failure(
            api_error(404, "not.found",
                      "No template " + file + ": use requesttemplate.vm or successtemplate.vm"));
    }
    return HttpResponse::text(200, template_text(draft->action, *which));
}

HttpResponse method_not_allowed(const HttpRequest& request, const char* allowed) {
    HttpResponse response = HttpResponse::failure(
        api_error(405, "method.not.allowed",
                  "HTTP method " + request.method + " is not supported on " + request.path));
    response.headers.emplace_back("Allow", allowed);
    return response;
}

HttpResponse the_draft(const HttpRequest& request, const std::string& id, ApiServices& services) {
    if (request.method == "GET") {
        return get_draft(request, id, services);
    }
    if (request.method == "POST") {
        return create_draft(id, services);
    }
    if (request.method == "PATCH") {
        return patch_draft(request, id, services);
    }
    if (request.method == "DELETE") {
        return delete_draft(id, services);
    }
    return method_not_allowed(request, "GET, POST, PATCH, DELETE");
}

}  // namespace

HttpResponse handle_draft(const HttpRequest& request, const std::vector<std::string>& segments,
                          const RequestContext& context, ApiServices& services) {
    const std::string& id = segments[0];
    const std::string what = segments.size() > 2 ? segments[2] : "";
    if (segments.size() == 2) {
        return the_draft(request, id, services);
    }
    if (segments.size() == 3 && what == "function") {
        return handle_function(request, id, true, services);
    }
    if (segments.size() == 4 && what == "templates") {
        return request.method == "GET" ? draft_template(id, segments[3], services)
                                       : method_not_allowed(request, "GET");
    }
    if (segments.size() != 3 || (what != "publish" && what != "validation" && what != "test")) {
        return HttpResponse::failure(api_error(404, "not.found", "No resource at " + request.path));
    }
    const char* method = what == "validation" ? "GET" : "POST";
    if (request.method != method) {
        return method_not_allowed(request, method);
    }
    if (what == "publish") {
        return publish_draft(request, id, context, services);
    }
    return what == "test" ? test_draft(request, id, context, services)
                          : validate_draft(id, services);
}

}  // namespace dactl::emulator
