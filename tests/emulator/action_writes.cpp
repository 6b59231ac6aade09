#include "tests/emulator/action_writes.h"

#include "tests/emulator/action_rules.h"
#include "tests/emulator/action_update.h"
#include "tests/emulator/actions_api.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/functions.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

Status check_post_input(const Json& body) {
    if (!body.is_object()) {
        return api_error(400, "bad.request", "The body must be a JSON object (PostActionInput)");
    }
    for (const char* required : {"category", "name", "integrationId", "config", "contract"}) {
        if (body.find(required) == nullptr) {
            return api_error(400, "bad.request", std::string(required) + " is required");
        }
    }
    for (const auto& [name, value] : body.as_object()) {
        if (name == "id" || name == "version" || name == "selfUri" || name == "_emulator") {
            return api_error(400, "invalid.property",
                             name + " is not a property of PostActionInput");
        }
    }
    return {};
}

}  // namespace

HttpResponse patch_action(const HttpRequest& request, const std::string& id,
                          const RequestContext& context, ApiServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    const Settings settings = services.switches.settings();
    const Presentation presentation = full_presentation(services.switches);
    Json before;
    Json after;
    Result<Json> updated = services.org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            if (Status checked = check_update_input(*body, entry); !checked) {
                return checked.error();
            }
            if (Status limit = check_function_timeout(entry, body->find("config"), settings);
                !limit) {
                return limit.error();
            }
            if (services.switches.take_conflict(id)) {
                bump_version(entry.action);
                return version_conflict();
            }
            if (!version_matches(*body, entry.action)) {
                return version_conflict();
            }
            before = entry.action;
            apply_update_input(entry.action, *body);
            after = entry.action;
            return present_action(entry.action, presentation);
        },
        StaleWindow{Milliseconds(settings.stale_read_ms), context.now});
    if (!updated) {
        return HttpResponse::failure(updated.error());
    }
    services.audits.add({"",
                         now_ms(),
                         {std::nullopt, services.client_id},
                         "Update",
                         id,
                         after.string_or("name", ""),
                         std::move(before),
                         std::move(after)});
    return HttpResponse::json(200, *updated);
}

HttpResponse delete_action(const std::string& id, ApiServices& services) {
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    if (is_static_id(id)) {
        return HttpResponse::failure(api_error(
            400, "bad.request", "Action " + id + " is a built-in action and cannot be deleted"));
    }
    if (Status removed = services.org.remove(id); !removed) {
        return HttpResponse::failure(removed.error());
    }
    return HttpResponse::empty(204);
}

HttpResponse create_action(const HttpRequest& request, ApiServices& services) {
    Result<Json> body = parse_json_body(request);
    if (!body) {
        return HttpResponse::failure(body.error());
    }
    if (Status checked = check_post_input(*body); !checked) {
        return HttpResponse::failure(checked.error());
    }
    Json action = *body;
    action.set("id", "custom_-_" + services.randomness.uuid_v4());
    action.set("version", 1);
    Result<ActionEntry> entry = check_full_action(action);
    if (!entry) {
        return HttpResponse::failure(entry.error());
    }
    const Json stored = entry->action;
    if (Status added = services.org.add(std::move(*entry)); !added) {
        return HttpResponse::failure(added.error());
    }
    return HttpResponse::json(200, present_action(stored, full_presentation(services.switches)));
}

}  // namespace dactl::emulator
