#include "engine/state/state_codec.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/model/secrets.h"
#include "engine/util/json_depth.h"

namespace dactl {

namespace {

using rapidjson::Document;
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// The iterative parser uses no stack for nesting. Not kParseFullPrecisionFlag:
// in RapidJSON 1.1.0 it misreads numbers such as 0e-40 (as 1.99e-59; found by
// fuzzing), so a float with an extreme exponent in a stored document may move
// by one unit in the last place when the state is rewritten.
constexpr unsigned k_parse_flags = rapidjson::kParseIterativeFlag;

// An action document as a JSON object, or nothing when the text is not one
// (or nests too deeply to be written back safely).
bool parse_document(std::string_view text, Document& parsed) {
    if (json_nesting_depth(text) > k_max_json_nesting) {
        return false;
    }
    parsed.Parse<k_parse_flags>(text.data(), text.size());
    return !parsed.HasParseError() && parsed.IsObject();
}

void mask_headers(rapidjson::Value& action) {
    if (!action.IsObject()) {
        return;
    }
    auto config = action.FindMember("config");
    if (config == action.MemberEnd() || !config->value.IsObject()) {
        return;
    }
    auto request = config->value.FindMember("request");
    if (request == config->value.MemberEnd() || !request->value.IsObject()) {
        return;
    }
    auto headers = request->value.FindMember("headers");
    if (headers == request->value.MemberEnd() || !headers->value.IsObject()) {
        return;
    }
    for (auto& header : headers->value.GetObject()) {
        if (is_secret_header(header.name.GetString())) {
            header.value.SetString(k_masked_value.data(),
                                   static_cast<rapidjson::SizeType>(k_masked_value.size()));
        }
    }
}

void write_value(Writer& writer, const Value& value) {
    if (value.is_integer()) {
        writer.Int64(value.as_integer());
    } else if (value.is_string()) {
        writer.String(value.as_string());
    } else if (value.is_map()) {
        writer.StartObject();
        for (const auto& [key, entry] : value.as_map()) {
            writer.Key(key);
            writer.String(entry);
        }
        writer.EndObject();
    } else {
        writer.Null();
    }
}

void write_document(Writer& writer, const std::string& document) {
    Document parsed;
    if (!parse_document(document, parsed)) {
        writer.StartObject();
        writer.EndObject();
        return;
    }
    mask_headers(parsed);
    parsed.Accept(writer);
}

void write_action(Writer& writer, const StateAction& action) {
    writer.StartObject();
    writer.Key("address");
    writer.String(action.address);
    writer.Key("id");
    writer.String(action.id);
    writer.Key("name");
    writer.String(action.name);
    writer.Key("version");
    writer.Int64(action.version);
    writer.Key("applied_at");
    writer.String(action.applied_at);
    writer.Key("managed");
    writer.StartObject();
    for (const auto& [field, value] : mask_managed_values(action.managed)) {
        writer.Key(std::string(field_key(field)));
        write_value(writer, value);
    }
    writer.EndObject();
    writer.Key("before");
    write_document(writer, action.before);
    writer.Key("after");
    write_document(writer, action.after);
    writer.EndObject();
}

std::string compact(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_input, "state file: " + what);
}

Result<Value> decode_value(Field field, const rapidjson::Value& json) {
    switch (field_info(field).kind) {
        case FieldKind::integer:
            if (json.IsInt64()) {
                return Value(json.GetInt64());
            }
            break;
        case FieldKind::text:
        case FieldKind::template_text:
            if (json.IsString()) {
                return Value(std::string(json.GetString(), json.GetStringLength()));
            }
            break;
        case FieldKind::string_map:
            if (json.IsObject()) {
                StringMap map;
                for (const auto& entry : json.GetObject()) {
                    if (!entry.value.IsString()) {
                        return make_error(ErrorKind::invalid_input, std::string(field_key(field)) +
                                                                        " has a non-string entry");
                    }
                    map[entry.name.GetString()] = entry.value.GetString();
                }
                return Value(std::move(map));
            }
            break;
    }
    return make_error(ErrorKind::invalid_input,
                      std::string(field_key(field)) + " has the wrong type");
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
    auto found = object.FindMember(name);
    return found == object.MemberEnd() ? nullptr : &found->value;
}

Result<std::string> string_member(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = member(object, name);
    if (value == nullptr || !value->IsString()) {
        return invalid(std::string("\"") + name + "\" is missing or not a string");
    }
    return std::string(value->GetString(), value->GetStringLength());
}

Result<StateAction> decode_action(const rapidjson::Value& json) {
    if (!json.IsObject()) {
        return invalid("an entry of \"actions\" is not an object");
    }
    StateAction action;
    for (auto [name, target] :
         {std::pair{"address", &action.address}, std::pair{"id", &action.id},
          std::pair{"name", &action.name}, std::pair{"applied_at", &action.applied_at}}) {
        Result<std::string> text = string_member(json, name);
        if (!text) {
            return text.error();
        }
        *target = std::move(text).value();
    }
    const rapidjson::Value* version = member(json, "version");
    const rapidjson::Value* managed = member(json, "managed");
    if (version == nullptr || !version->IsInt64() || managed == nullptr || !managed->IsObject()) {
        return invalid(action.address + ": \"version\" or \"managed\" is missing or malformed");
    }
    action.version = version->GetInt64();
    for (const auto& entry : managed->GetObject()) {
        std::optional<Field> field = field_from_key(entry.name.GetString());
        if (!field) {
            return invalid(action.address + ": unknown managed field \"" + entry.name.GetString() +
                           "\"");
        }
        Result<Value> value = decode_value(*field, entry.value);
        if (!value) {
            return invalid(action.address + ": " + value.error().message);
        }
        action.managed[*field] = std::move(value).value();
    }
    for (auto [name, target] :
         {std::pair{"before", &action.before}, std::pair{"after", &action.after}}) {
        const rapidjson::Value* document = member(json, name);
        if (document == nullptr || !document->IsObject()) {
            return invalid(action.address + ": \"" + name + "\" is missing or not an object");
        }
        *target = compact(*document);
    }
    return action;
}

}  // namespace

std::string encode_state(const State& state) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.SetIndent(' ', 2);
    writer.StartObject();
    writer.Key("format_version");
    writer.Int(state.format_version);
    writer.Key("lineage");
    writer.String(state.lineage);
    writer.Key("serial");
    writer.Int64(state.serial);
    writer.Key("actions");
    writer.StartArray();
    for (const auto& action : state.actions) {
        write_action(writer, action);
    }
    writer.EndArray();
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Result<State> decode_state(std::string_view json) {
    if (json_nesting_depth(json) > k_max_json_nesting) {
        return invalid("nested more than " + std::to_string(k_max_json_nesting) + " levels deep");
    }
    Document document;
    document.Parse<k_parse_flags>(json.data(), json.size());
    if (document.HasParseError()) {
        return invalid(std::string("not valid JSON: ") +
                       rapidjson::GetParseError_En(document.GetParseError()) + " at offset " +
                       std::to_string(document.GetErrorOffset()));
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
    Result<std::string> lineage = string_member(document, "lineage");
    if (!lineage) {
        return lineage.error();
    }
    state.lineage = std::move(lineage).value();
    const rapidjson::Value* serial = member(document, "serial");
    const rapidjson::Value* actions = member(document, "actions");
    if (serial == nullptr || !serial->IsInt64() || actions == nullptr || !actions->IsArray()) {
        return invalid("\"serial\" or \"actions\" is missing or malformed");
    }
    state.serial = serial->GetInt64();
    for (const auto& entry : actions->GetArray()) {
        Result<StateAction> action = decode_action(entry);
        if (!action) {
            return action.error();
        }
        state.actions.push_back(std::move(action).value());
    }
    return state;
}

std::string mask_action_document(std::string_view document) {
    Document parsed;
    if (!parse_document(document, parsed)) {
        return "{}";
    }
    mask_headers(parsed);
    return compact(parsed);
}

FieldValues mask_managed_values(const FieldValues& values) {
    FieldValues masked = values;
    auto headers = masked.find(Field::request_headers);
    if (headers != masked.end() && headers->second.is_map()) {
        StringMap map = headers->second.as_map();
        for (auto& [name, value] : map) {
            if (is_secret_header(name)) {
                value = std::string(k_masked_value);
            }
        }
        headers->second = Value(std::move(map));
    }
    return masked;
}

}  // namespace dactl
