#include "tests/emulator/action_update.h"

#include "tests/emulator/action_rules.h"
#include "tests/emulator/error_body.h"

namespace dactl::emulator {

namespace {

Status check_properties(const Json& body, UpdateKind kind) {
    const char* input = kind == UpdateKind::action ? "UpdateActionInput" : "UpdateDraftInput";
    for (const auto& [name, value] : body.as_object()) {
        const bool draft_only = name == "contract" || name == "secure";
        if (draft_only && kind == UpdateKind::action) {
            std::string message = name;
            message += " cannot be changed with PATCH: UpdateActionInput has no " + name +
                       " (only a draft can change it)";
            return api_error(400, "invalid.property", message);
        }
        if (!draft_only && name != "name" && name != "category" && name != "config" &&
            name != "version") {
            return api_error(400, "invalid.property",
                             name + " is not a property of " + input +
                                 (kind == UpdateKind::action
                                      ? " (name, category, config, version)"
                                      : " (name, category, config, contract, secure, version)"));
        }
    }
    return {};
}

// contract and secure of an UpdateDraftInput.
Status check_draft_members(const Json& body) {
    const Json* contract = body.find("contract");
    if (contract != nullptr && !contract->is_null() && !contract->is_object()) {
        return api_error(400, "invalid.value", "contract must be an object");
    }
    const Json* secure = body.find("secure");
    if (secure != nullptr && !secure->is_null() && !secure->is_bool()) {
        return api_error(400, "invalid.value", "secure must be a boolean");
    }
    return {};
}

Status check_version(const Json& body) {
    const Json* version = body.find("version");
    if (version == nullptr || version->is_null()) {
        return api_error(400, "bad.request",
                         "version is required: send the action's current version");
    }
    if (!version->is_integer()) {
        return api_error(400, "invalid.value", "version must be an integer");
    }
    return {};
}

Status check_label(const Json& body, const char* name) {
    const Json* value = body.find(name);
    if (value == nullptr || value->is_null()) {
        return {};
    }
    if (!value->is_string() || value->as_string().empty()) {
        return api_error(400, "invalid.value", std::string(name) + " must be a non-empty string");
    }
    return {};
}

}  // namespace

Status check_update_input(const Json& body, const ActionEntry& current, UpdateKind kind) {
    if (!body.is_object()) {
        return api_error(400, "bad.request", "The body must be a JSON object (UpdateActionInput)");
    }
    const std::string id = current.action.string_or("id", "");
    if (is_static_id(id)) {
        return api_error(400, "bad.request",
                         "Action " + id + " is a built-in action and cannot be changed");
    }
    for (const auto& check :
         {check_properties(body, kind), check_version(body), check_label(body, "name"),
          check_label(body, "category"), check_draft_members(body)}) {
        if (!check) {
            return check;
        }
    }
    const Json* config = body.find("config");
    if (config == nullptr || config->is_null()) {
        return {};
    }
    if (Status checked = check_config(*config); !checked) {
        return checked;
    }
    const Json* timeout = config->find("timeoutSeconds");
    if (current.traits.custom_auth && timeout != nullptr && !timeout->is_null()) {
        return custom_auth_timeout_error();
    }
    return {};
}

bool version_matches(const Json& body, const Json& action) {
    const Json* wanted = body.find("version");
    const Json* stored = action.find("version");
    return wanted != nullptr && stored != nullptr && *wanted == *stored;
}

void apply_update_input(Json& action, const Json& body) {
    for (const char* name : {"name", "category", "contract", "secure"}) {
        const Json* value = body.find(name);
        if (value != nullptr && !value->is_null()) {
            action.set(name, *value);
        }
    }
    const Json* config = body.find("config");
    if (config != nullptr && !config->is_null()) {
        Json replacement = *config;
        remove_null_members(replacement);
        action.set("config", std::move(replacement));
    }
    bump_version(action);
    action = canonical_action(std::move(action));
}

void bump_version(Json& action) {
    const Json* version = action.find("version");
    const std::int64_t current =
        version != nullptr && version->is_integer() ? version->as_integer() : 0;
    action.set("version", current + 1);
}

Error version_conflict() {
    return api_error(409, "conflict", "Version does not match current version.");
}

}  // namespace dactl::emulator
