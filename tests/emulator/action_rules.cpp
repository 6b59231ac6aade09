#include "tests/emulator/action_rules.h"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

#include "tests/emulator/error_body.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/functions.h"

namespace dactl::emulator {

namespace {

enum class Expect { string, string_map, object, integer, boolean };

struct MemberRule {
    std::string_view name;
    Expect expect;
};

constexpr std::array<MemberRule, 3> k_config_rules = {{{"timeoutSeconds", Expect::integer},
                                                       {"request", Expect::object},
                                                       {"response", Expect::object}}};
constexpr std::array<MemberRule, 4> k_request_rules = {{{"requestUrlTemplate", Expect::string},
                                                        {"requestType", Expect::string},
                                                        {"headers", Expect::string_map},
                                                        {"requestTemplate", Expect::string}}};
constexpr std::array<MemberRule, 3> k_response_rules = {
    {{"translationMap", Expect::string_map},
     {"translationMapDefaults", Expect::string_map},
     {"successTemplate", Expect::string}}};
constexpr std::array<MemberRule, 9> k_action_rules = {{{"id", Expect::string},
                                                       {"name", Expect::string},
                                                       {"integrationId", Expect::string},
                                                       {"category", Expect::string},
                                                       {"version", Expect::integer},
                                                       {"secure", Expect::boolean},
                                                       {"contract", Expect::object},
                                                       {"config", Expect::object},
                                                       {"selfUri", Expect::string}}};
constexpr std::array<std::string_view, 5> k_request_types = {"GET", "PUT", "POST", "PATCH",
                                                             "DELETE"};

Error invalid_value(std::string message) {
    return api_error(400, "invalid.value", std::move(message));
}

Error invalid_property(std::string message) {
    return api_error(400, "invalid.property", std::move(message));
}

std::string_view expected_name(Expect expect) {
    switch (expect) {
        case Expect::string:
            return "a string";
        case Expect::string_map:
            return "an object of strings";
        case Expect::object:
            return "an object";
        case Expect::integer:
            return "an integer";
        case Expect::boolean:
            return "a boolean";
    }
    return "a value";
}

bool matches(const Json& value, Expect expect) {
    switch (expect) {
        case Expect::string:
            return value.is_string();
        case Expect::object:
            return value.is_object();
        case Expect::integer:
            return value.is_integer();
        case Expect::boolean:
            return value.is_bool();
        case Expect::string_map:
            if (!value.is_object()) {
                return false;
            }
            for (const auto& [key, member] : value.as_object()) {
                if (!member.is_string()) {
                    return false;
                }
            }
            return true;
    }
    return false;
}

Error mismatch(const std::string& path, const Json& value, Expect expect) {
    if (expect == Expect::string_map && value.is_object()) {
        for (const auto& [key, member] : value.as_object()) {
            if (!member.is_string()) {
                std::string message = path;
                message +=
                    "." + key + " must be a string, not " + std::string(kind_name(member.kind()));
                return invalid_value(message);
            }
        }
    }
    return invalid_value(path + " must be " + std::string(expected_name(expect)) + ", not " +
                         std::string(kind_name(value.kind())));
}

// Every member of `object` must have a rule and match it; null members count as absent.
Status check_members(const Json& object, const std::string& where,
                     std::span<const MemberRule> rules) {
    for (const auto& [name, value] : object.as_object()) {
        const std::string& member_name = name;
        std::string path = where;
        path += (where.empty() ? "" : ".") + member_name;
        if (name.ends_with("TemplateUri")) {
            return invalid_property(path + " cannot be written: send the template text as " +
                                    name.substr(0, name.size() - 3));
        }
        const auto rule = std::find_if(
            rules.begin(), rules.end(),
            [&](const MemberRule& candidate) { return candidate.name == member_name; });
        if (rule == rules.end()) {
            return invalid_property(path + " is not a known property");
        }
        if (!value.is_null() && !matches(value, rule->expect)) {
            return mismatch(path, value, rule->expect);
        }
    }
    return {};
}

Status check_timeout(const Json& config) {
    const Json* timeout = config.find("timeoutSeconds");
    if (timeout == nullptr || timeout->is_null()) {
        return {};
    }
    if (!timeout->is_integer() || timeout->as_integer() < 1 || timeout->as_integer() > 60) {
        return api_error(400, "constraint.validation",
                         "config.timeoutSeconds must be an integer from 1 to 60");
    }
    return {};
}

Status check_request_type(const Json& request) {
    const Json* type = request.find("requestType");
    if (type == nullptr || !type->is_string()) {
        return {};
    }
    if (std::find(k_request_types.begin(), k_request_types.end(), type->as_string()) ==
        k_request_types.end()) {
        return invalid_value(
            "config.request.requestType must be one of GET, PUT, POST, PATCH, DELETE");
    }
    return {};
}

bool read_latency(const Json& value, ActionTraits& traits) {
    if (!value.is_array() || value.as_array().size() != 2 || !value.as_array()[0].is_integer() ||
        !value.as_array()[1].is_integer()) {
        return false;
    }
    const std::int64_t minimum = value.as_array()[0].as_integer();
    const std::int64_t maximum = value.as_array()[1].as_integer();
    if (minimum < 0 || maximum < minimum || maximum > 3'600'000) {
        return false;
    }
    traits.latency_min_ms = static_cast<int>(minimum);
    traits.latency_max_ms = static_cast<int>(maximum);
    return true;
}

bool is_id_character(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9') || character == '-' || character == '_' ||
           character == '.' || character == '~';
}

// id, name, integrationId, category and version are required; the id must be usable in a URL.
Status check_identity(const Json& action) {
    for (const char* name : {"id", "name", "integrationId", "category", "version"}) {
        const Json* member = action.find(name);
        if (member == nullptr || member->is_null()) {
            return invalid_value(std::string(name) + " is required");
        }
    }
    const std::string& id = action.find("id")->as_string();
    if (id.empty() || !std::all_of(id.begin(), id.end(), is_id_character)) {
        return invalid_value("id must be non-empty and use only letters, digits and - _ . ~");
    }
    if (action.find("name")->as_string().empty()) {
        return invalid_value("name must not be empty");
    }
    if (action.find("version")->as_integer() < 1) {
        return invalid_value("version must be at least 1");
    }
    return {};
}

}  // namespace

Status check_config(const Json& config) {
    if (!config.is_object()) {
        return invalid_value("config must be an object");
    }
    if (Status timeout = check_timeout(config); !timeout) {
        return timeout;
    }
    if (Status members = check_members(config, "config", k_config_rules); !members) {
        return members;
    }
    if (const Json* request = config.find("request"); request != nullptr && request->is_object()) {
        if (Status checked = check_members(*request, "config.request", k_request_rules); !checked) {
            return checked;
        }
        if (Status type = check_request_type(*request); !type) {
            return type;
        }
    }
    if (const Json* response = config.find("response");
        response != nullptr && response->is_object()) {
        return check_members(*response, "config.response", k_response_rules);
    }
    return {};
}

namespace {

// "_emulator.flows": [{"id", "name", "type", "version"?, "published"?}, ...].
Result<std::vector<FlowSpec>> parse_flows(const Json& value) {
    const std::string shape =
        "_emulator.flows must be a list of {\"id\", \"name\", \"type\", \"version\"?, "
        "\"published\"?} with non-empty strings (published: a boolean)";
    if (!value.is_array()) {
        return invalid_value(shape);
    }
    std::vector<FlowSpec> flows;
    for (const Json& flow : value.as_array()) {
        if (!flow.is_object()) {
            return invalid_value(shape);
        }
        FlowSpec spec{flow.string_or("id", ""), flow.string_or("name", ""),
                      flow.string_or("type", ""), flow.string_or("version", "1.0"), true};
        const Json* published = flow.find("published");
        if (spec.id.empty() || spec.name.empty() || spec.type.empty() || spec.version.empty() ||
            (published != nullptr && !published->is_bool())) {
            return invalid_value(shape);
        }
        spec.published = published == nullptr || published->as_bool();
        flows.push_back(std::move(spec));
    }
    return flows;
}

}  // namespace

Result<ActionTraits> parse_traits(const Json& member, const std::string& id) {
    if (!member.is_object()) {
        return invalid_value("_emulator must be an object");
    }
    ActionTraits traits;
    traits.custom_auth = is_custom_auth_id(id);
    const Json* traffic = nullptr;
    for (const auto& [name, value] : member.as_object()) {
        if (name == "latencyMs") {
            if (!read_latency(value, traits)) {
                return invalid_value(
                    "_emulator.latencyMs must be [MIN, MAX]: two integers, "
                    "0 <= MIN <= MAX");
            }
        } else if (name == "customAuth" && value.is_bool()) {
            // Whether the real service gives every custom authentication action an id
            // starting with "customAuth" is unconfirmed: the flag makes one of any id.
            if (!value.as_bool() && is_custom_auth_id(id)) {
                return invalid_value(
                    "_emulator.customAuth is false but the id starts with \"customAuth\"");
            }
            traits.custom_auth = value.as_bool();
        } else if (name == "failure" && value.is_string()) {
            traits.failure = value.as_string();
        } else if (name == "traffic") {
            traffic = &value;
        } else if (name == "function") {
            continue;  // read by check_full_action
        } else if (name == "flows") {
            Result<std::vector<FlowSpec>> flows = parse_flows(value);
            if (!flows) {
                return flows.error();
            }
            traits.flows = std::move(flows).value();
        } else if (name == "customAuth" || name == "failure") {
            return invalid_value("_emulator." + name + " must be " +
                                 (name == "failure" ? "a string" : "a boolean"));
        } else {
            return invalid_property(
                "_emulator." + name +
                " is not known (latencyMs, customAuth, failure, traffic, function, flows)");
        }
    }
    // Read last: its latency defaults to latencyMs, wherever that stands.
    if (traffic != nullptr) {
        Result<TrafficSpec> spec =
            parse_traffic(*traffic, traits.latency_min_ms, traits.latency_max_ms);
        if (!spec) {
            return spec.error();
        }
        traits.traffic = *spec;
    }
    return traits;
}

Result<ActionEntry> check_full_action(const Json& action) {
    if (!action.is_object()) {
        return invalid_value("an action must be an object, not " +
                             std::string(kind_name(action.kind())));
    }
    Json api_members = action;
    api_members.erase("_emulator");
    if (Status members = check_members(api_members, "", k_action_rules); !members) {
        return members.error();
    }
    if (Status required = check_identity(api_members); !required) {
        return required.error();
    }
    const std::string id = api_members.string_or("id", "");
    ActionEntry entry;
    entry.traits.custom_auth = is_custom_auth_id(id);
    if (const Json* traits = action.find("_emulator")) {
        Result<ActionTraits> parsed = parse_traits(*traits, id);
        if (!parsed) {
            return parsed.error();
        }
        entry.traits = *parsed;
        if (const Json* function = traits->find("function")) {
            Result<Json> checked = check_function(*function);
            if (!checked) {
                return invalid_value("_emulator.function: " + checked.error().message);
            }
            entry.function = *checked;
        }
    }
    if (const Json* config = api_members.find("config")) {
        if (Status checked = check_config(*config); !checked) {
            return checked.error();
        }
        if (entry.traits.custom_auth && timeout_seconds(api_members)) {
            return custom_auth_timeout_error();
        }
    }
    if (api_members.find("secure") == nullptr) {
        api_members.set("secure", false);
    }
    entry.action = canonical_action(std::move(api_members));
    return entry;
}

Error custom_auth_timeout_error() {
    return api_error(400, "invalid.value",
                     "config.timeoutSeconds is invalid for custom authentication actions");
}

}  // namespace dactl::emulator
