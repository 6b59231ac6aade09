#include "engine/plan/plan_codec.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "engine/model/secrets.h"
#include "engine/util/json_depth.h"

namespace dactl {

namespace {

template <class Writer>
void write_value(Writer& writer, Field field, const Value& value) {
    if (value.is_unset()) {
        writer.Null();
    } else if (value.is_integer()) {
        writer.Int64(value.as_integer());
    } else if (value.is_string()) {
        writer.String(value.as_string());
    } else {
        writer.StartObject();
        for (const auto& [key, entry] : value.as_map()) {
            writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
            if (field == Field::request_headers && is_secret_header(key)) {
                writer.String(k_masked_value.data(),
                              static_cast<rapidjson::SizeType>(k_masked_value.size()));
            } else {
                writer.String(entry);
            }
        }
        writer.EndObject();
    }
}

template <class Writer>
void write_change(Writer& writer, const ActionChange& change) {
    writer.StartObject();
    writer.Key("address");
    writer.String(change.address);
    writer.Key("id");
    writer.String(change.id);
    writer.Key("name");
    writer.String(change.name);
    writer.Key("category");
    writer.String(change.category);
    writer.Key("live_version");
    writer.Int64(change.version);
    writer.Key("fields");
    writer.StartArray();
    for (const auto& field : change.fields) {
        writer.StartObject();
        writer.Key("field");
        writer.String(std::string(field_key(field.field)));
        writer.Key("before");
        write_value(writer, field.field, field.before);
        writer.Key("after");
        write_value(writer, field.field, field.after);
        writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
}

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_input, "saved plan: " + what);
}

Result<Value> read_value(Field field, const rapidjson::Value& json) {
    if (json.IsNull()) {
        return Value();
    }
    if (json.IsInt64() && field_info(field).kind == FieldKind::integer) {
        return Value(json.GetInt64());
    }
    if (json.IsString() && field_info(field).kind != FieldKind::integer &&
        field_info(field).kind != FieldKind::string_map) {
        return Value(std::string(json.GetString(), json.GetStringLength()));
    }
    if (json.IsObject() && field_info(field).kind == FieldKind::string_map) {
        StringMap map;
        for (const auto& entry : json.GetObject()) {
            if (!entry.value.IsString()) {
                return invalid(std::string(field_key(field)) + " has a non-string entry");
            }
            map[entry.name.GetString()] = entry.value.GetString();
        }
        return Value(std::move(map));
    }
    return invalid(std::string(field_key(field)) + " has a value of the wrong type");
}

bool get_string(const rapidjson::Value& object, const char* name, std::string& out) {
    auto found = object.FindMember(name);
    if (found == object.MemberEnd() || !found->value.IsString()) {
        return false;
    }
    out.assign(found->value.GetString(), found->value.GetStringLength());
    return true;
}

Result<FieldChange> read_field(const rapidjson::Value& json) {
    std::string key;
    if (!json.IsObject() || !get_string(json, "field", key) || !json.HasMember("before") ||
        !json.HasMember("after")) {
        return invalid("a field change lacks field, before or after");
    }
    std::optional<Field> field = field_from_key(key);
    if (!field) {
        return invalid("unknown field \"" + key + "\"");
    }
    Result<Value> before = read_value(*field, json["before"]);
    Result<Value> after = read_value(*field, json["after"]);
    if (!before) {
        return before.error();
    }
    if (!after) {
        return after.error();
    }
    return FieldChange{*field, std::move(before).value(), std::move(after).value()};
}

Result<ActionChange> read_change(const rapidjson::Value& json) {
    ActionChange change;
    if (!json.IsObject() || !get_string(json, "address", change.address) ||
        !get_string(json, "id", change.id) || !get_string(json, "name", change.name) ||
        !get_string(json, "category", change.category) || !json.HasMember("live_version") ||
        !json["live_version"].IsInt64() || !json.HasMember("fields") || !json["fields"].IsArray()) {
        return invalid("a change lacks address, id, name, category, live_version or fields");
    }
    change.version = json["live_version"].GetInt64();
    for (const auto& entry : json["fields"].GetArray()) {
        Result<FieldChange> field = read_field(entry);
        if (!field) {
            return field.error();
        }
        change.fields.push_back(std::move(field).value());
    }
    return change;
}

}  // namespace

std::string value_json(Field field, const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    write_value(writer, field, value);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string encode_saved_plan(const SavedPlan& saved) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    writer.StartObject();
    writer.Key("format_version");
    writer.Int(saved.format_version);
    writer.Key("dactl_version");
    writer.String(saved.dactl_version);
    writer.Key("created_at");
    writer.String(saved.created_at);
    writer.Key("manifests_digest");
    writer.String(saved.manifests_digest);
    writer.Key("changes");
    writer.StartArray();
    for (const auto& change : saved.plan.changes) {
        write_change(writer, change);
    }
    writer.EndArray();
    writer.Key("unchanged");
    writer.StartArray();
    for (const auto& address : saved.plan.unchanged) {
        writer.String(address);
    }
    writer.EndArray();
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Result<SavedPlan> decode_saved_plan(std::string_view json) {
    if (json_nesting_depth(json) > k_max_json_nesting) {
        return invalid("nested more than " + std::to_string(k_max_json_nesting) + " levels deep");
    }
    rapidjson::Document document;
    // Iterative: no stack used for nesting.
    document.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
    if (document.HasParseError()) {
        return invalid(std::string("not valid JSON: ") +
                       rapidjson::GetParseError_En(document.GetParseError()) + " at offset " +
                       std::to_string(document.GetErrorOffset()));
    }
    if (!document.IsObject() || !document.HasMember("format_version") ||
        !document["format_version"].IsInt() ||
        document["format_version"].GetInt() != k_plan_format_version) {
        return invalid("not a dactl plan of format_version " +
                       std::to_string(k_plan_format_version));
    }
    SavedPlan saved;
    if (!get_string(document, "dactl_version", saved.dactl_version) ||
        !get_string(document, "created_at", saved.created_at) ||
        !get_string(document, "manifests_digest", saved.manifests_digest) ||
        !document.HasMember("changes") || !document["changes"].IsArray() ||
        !document.HasMember("unchanged") || !document["unchanged"].IsArray()) {
        return invalid("lacks dactl_version, created_at, manifests_digest, changes or unchanged");
    }
    for (const auto& entry : document["changes"].GetArray()) {
        Result<ActionChange> change = read_change(entry);
        if (!change) {
            return change.error();
        }
        saved.plan.changes.push_back(std::move(change).value());
    }
    for (const auto& entry : document["unchanged"].GetArray()) {
        if (!entry.IsString()) {
            return invalid("an entry of unchanged is not a string");
        }
        saved.plan.unchanged.emplace_back(entry.GetString());
    }
    return saved;
}

}  // namespace dactl
