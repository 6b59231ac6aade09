#include "engine/state/state_codec.h"

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/json/org_json.h"

namespace dactl {

namespace {}  // namespace

void write_state_action(JsonWriter& json, const StateAction& action, RecordedSecrets secrets) {
    json.begin_object();
    json.member("address", action.address);
    json.member("id", action.id);
    json.member("name", action.name);
    json.member("version", action.version);
    json.member("applied_at", action.applied_at);
    if (action.applied_serial > 0) {
        json.member("applied_serial", action.applied_serial);
    }
    json.key("managed");
    json.begin_object();
    for (const auto& [field, value] : action.managed) {
        json.key(field_key(field));
        secrets == RecordedSecrets::fingerprints ? json.stored_value(field, value)
                                                 : json.value(field, value);
    }
    json.end_object();
    json.key("before");
    json.document(action.before);
    json.key("after");
    json.document(action.after);
    json.end_object();
}

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_input, "state file: " + what);
}

Status read_strings(const rapidjson::Value& json, StateAction& action) {
    for (auto [name, target] :
         {std::pair{"address", &action.address}, std::pair{"id", &action.id},
          std::pair{"name", &action.name}, std::pair{"applied_at", &action.applied_at}}) {
        std::optional<std::string> text = string_member(json, name);
        if (!text) {
            return invalid(std::string("\"") + name + "\" is missing or not a string");
        }
        *target = std::move(*text);
    }
    return {};
}

Status read_managed(const rapidjson::Value& managed, StateAction& action) {
    for (const auto& entry : managed.GetObject()) {
        const std::string key = text_of(entry.name);
        std::optional<Field> field = field_from_key(key);
        if (!field) {
            return invalid(action.address + ": unknown managed field \"" + key + "\"");
        }
        Result<Value> value = read_value(*field, entry.value);
        if (!value) {
            return invalid(action.address + ": " + value.error().message);
        }
        action.managed[*field] = std::move(value).value();
    }
    return {};
}

Result<StateAction> decode_action(const rapidjson::Value& json) {
    if (!json.IsObject()) {
        return invalid("an entry of \"actions\" is not an object");
    }
    StateAction action;
    if (Status read = read_strings(json, action); !read) {
        return read.error();
    }
    const rapidjson::Value* version = member(json, "version");
    const rapidjson::Value* managed = member(json, "managed");
    if (version == nullptr || !version->IsInt64() || managed == nullptr || !managed->IsObject()) {
        return invalid(action.address + ": \"version\" or \"managed\" is missing or malformed");
    }
    action.version = version->GetInt64();
    if (const rapidjson::Value* serial = member(json, "applied_serial"); serial != nullptr) {
        if (!serial->IsInt64() || serial->GetInt64() < 1) {
            return invalid(action.address + ": \"applied_serial\" is not a positive whole number");
        }
        action.applied_serial = serial->GetInt64();
    }
    if (Status read = read_managed(*managed, action); !read) {
        return read.error();
    }
    for (auto [name, target] :
         {std::pair{"before", &action.before}, std::pair{"after", &action.after}}) {
        const rapidjson::Value* document = member(json, name);
        if (document == nullptr || !document->IsObject()) {
            return invalid(action.address + ": \"" + name + "\" is missing or not an object");
        }
        *target = compact_json(*document);
    }
    return action;
}

}  // namespace

std::string encode_state(const State& state) {
    JsonWriter json;
    json.begin_object();
    json.member("format_version", state.format_version);
    json.member("lineage", state.lineage);
    json.member("serial", state.serial);
    write_org(json, state.org);
    json.key("actions");
    json.begin_array();
    for (const auto& action : state.actions) {
        write_state_action(json, action, RecordedSecrets::fingerprints);
    }
    json.end_array();
    json.end_object();
    return json.finish();
}

Result<State> decode_state(std::string_view text) {
    rapidjson::Document document;
    if (std::optional<JsonProblem> problem = parse_json(text, document, Utf8::validated)) {
        return invalid(problem->describe());
    }
    if (!document.IsObject()) {
        return invalid("not a JSON object");
    }
    const rapidjson::Value* format = member(document, "format_version");
    if (format == nullptr || !format->IsInt() || format->GetInt() != k_state_format_version) {
        return invalid("unsupported format_version (this dactl reads version " +
                       std::to_string(k_state_format_version) + ")");
    }
    State state;
    std::optional<std::string> lineage = string_member(document, "lineage");
    if (!lineage) {
        return invalid("\"lineage\" is missing or not a string");
    }
    state.lineage = std::move(*lineage);
    const rapidjson::Value* serial = member(document, "serial");
    const rapidjson::Value* actions = member(document, "actions");
    if (serial == nullptr || !serial->IsInt64() || actions == nullptr || !actions->IsArray()) {
        return invalid("\"serial\" or \"actions\" is missing or malformed");
    }
    state.serial = serial->GetInt64();
    Result<std::optional<OrgIdentity>> org = read_org(document);
    if (!org) {
        return invalid(org.error().message);
    }
    state.org = std::move(org).value();
    for (const auto& entry : actions->GetArray()) {
        Result<StateAction> action = decode_action(entry);
        if (!action) {
            return action.error();
        }
        state.actions.push_back(std::move(action).value());
    }
    return state;
}

}  // namespace dactl
