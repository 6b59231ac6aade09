#include "engine/plan/plan_codec.h"

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/json/org_json.h"
#include "engine/util/file_io.h"

namespace dactl {

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_input, "saved plan: " + what);
}

Result<FieldChange> read_field(const rapidjson::Value& json) {
    std::optional<std::string> key = string_member(json, "field");
    const rapidjson::Value* before = member(json, "before");
    const rapidjson::Value* after = member(json, "after");
    if (!key || before == nullptr || after == nullptr) {
        return invalid("a field change lacks field, before or after");
    }
    std::optional<Field> field = field_from_key(*key);
    if (!field) {
        return invalid("unknown field \"" + *key + "\"");
    }
    Result<Value> old_value = read_value(*field, *before);
    Result<Value> new_value = read_value(*field, *after);
    for (const Result<Value>* value : {&old_value, &new_value}) {
        if (!*value) {
            return invalid(value->error().message);
        }
    }
    return FieldChange{*field, std::move(old_value).value(), std::move(new_value).value(),
                       string_member(json, "rule").value_or(""),
                       string_member(json, "rule_policy").value_or("")};
}

Result<ActionChange> read_change(const rapidjson::Value& json) {
    std::optional<std::string> address = string_member(json, "address");
    std::optional<std::string> id = string_member(json, "id");
    std::optional<std::string> name = string_member(json, "name");
    std::optional<std::string> category = string_member(json, "category");
    const rapidjson::Value* version = member(json, "live_version");
    const rapidjson::Value* fields = member(json, "fields");
    if (!address || !id || !name || !category || version == nullptr || !version->IsInt64() ||
        fields == nullptr || !fields->IsArray()) {
        return invalid("a change lacks address, id, name, category, live_version or fields");
    }
    ActionChange change{std::move(*address),  std::move(*id),      std::move(*name),
                        std::move(*category), version->GetInt64(), {}};
    for (const auto& entry : fields->GetArray()) {
        Result<FieldChange> field = read_field(entry);
        if (!field) {
            return field.error();
        }
        change.fields.push_back(std::move(field).value());
    }
    return change;
}

}  // namespace

void write_change(JsonWriter& json, const ActionChange& change, ChangeForm form) {
    json.begin_object();
    json.member("address", change.address);
    if (form == ChangeForm::output) {
        json.member("action", "update");
    }
    json.member("id", change.id);
    json.member("name", change.name);
    json.member("category", change.category);
    json.member("live_version", change.version);
    json.key("fields");
    json.begin_array();
    for (const auto& field : change.fields) {
        json.begin_object();
        json.member("field", field_key(field.field));
        json.key("before");
        json.value(field.field, field.before);
        json.key("after");
        json.value(field.field, field.after);
        if (!field.rule.empty()) {
            json.member("rule", field.rule);
            json.member("rule_policy", field.policy);
        }
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

namespace {

Result<std::map<std::string, CallingFlows>> read_flows_member(const rapidjson::Value& value) {
    const Error wrong =
        invalid("flows is not a map of address to {complete, flows: [{id, name, type, version}]}");
    if (!value.IsObject()) {
        return wrong;
    }
    std::map<std::string, CallingFlows> by_address;
    for (const auto& entry : value.GetObject()) {
        const rapidjson::Value* complete = member(entry.value, "complete");
        const rapidjson::Value* flows = member(entry.value, "flows");
        if (complete == nullptr || !complete->IsBool() || flows == nullptr || !flows->IsArray()) {
            return wrong;
        }
        CallingFlows& found = by_address[text_of(entry.name)];
        found.incomplete = !complete->GetBool();
        for (const auto& flow : flows->GetArray()) {
            std::optional<std::string> id = string_member(flow, "id");
            std::optional<std::string> name = string_member(flow, "name");
            if (!id || !name) {
                return wrong;
            }
            found.flows.push_back({*id, *name, string_member(flow, "type").value_or(""),
                                   string_member(flow, "version").value_or("")});
        }
    }
    return by_address;
}

}  // namespace

void write_calling_flows(JsonWriter& json, const std::map<std::string, CallingFlows>& by_key) {
    json.begin_object();
    for (const auto& [key, found] : by_key) {
        json.key(key);
        json.begin_object();
        json.key("complete");
        json.boolean(!found.incomplete);
        json.key("flows");
        json.begin_array();
        for (const CallingFlow& flow : found.flows) {
            json.begin_object();
            json.member("id", flow.id);
            json.member("name", flow.name);
            json.member("type", flow.type);
            json.member("version", flow.version);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_object();
}

std::string encode_saved_plan(const SavedPlan& saved) {
    JsonWriter json;
    json.begin_object();
    json.member("format_version", saved.format_version);
    json.member("dactl_version", saved.dactl_version);
    json.member("created_at", saved.created_at);
    json.member("manifests_digest", saved.manifests_digest);
    if (!saved.environment.empty()) {
        json.member("environment", saved.environment);
    }
    write_org(json, saved.org);
    json.key("changes");
    json.begin_array();
    for (const auto& change : saved.plan.changes) {
        write_change(json, change, ChangeForm::saved);
    }
    json.end_array();
    json.strings("unchanged", saved.plan.unchanged);
    json.strings("targets", saved.plan.targets);
    if (saved.plan.governed > 0) {
        json.member("governed_by_rules", static_cast<std::int64_t>(saved.plan.governed));
    }
    if (saved.flows) {
        json.key("flows");
        write_calling_flows(json, *saved.flows);
    }
    json.end_object();
    return json.finish();
}

Result<SavedPlan> decode_saved_plan(std::string_view text) {
    rapidjson::Document document;
    if (std::optional<JsonProblem> problem = parse_json(text, document, Utf8::validated)) {
        return invalid(problem->describe());
    }
    const rapidjson::Value* format = member(document, "format_version");
    if (format == nullptr || !format->IsInt() || format->GetInt() != k_plan_format_version) {
        return invalid("not a dactl plan of format_version " +
                       std::to_string(k_plan_format_version));
    }
    SavedPlan saved;
    std::optional<std::string> version = string_member(document, "dactl_version");
    std::optional<std::string> created = string_member(document, "created_at");
    std::optional<std::string> digest = string_member(document, "manifests_digest");
    const rapidjson::Value* changes = member(document, "changes");
    const rapidjson::Value* unchanged = member(document, "unchanged");
    if (!version || !created || !digest || changes == nullptr || !changes->IsArray() ||
        unchanged == nullptr || !unchanged->IsArray()) {
        return invalid("lacks dactl_version, created_at, manifests_digest, changes or unchanged");
    }
    saved.dactl_version = std::move(*version);
    saved.created_at = std::move(*created);
    saved.manifests_digest = std::move(*digest);
    Result<std::optional<OrgIdentity>> org = read_org(document);
    if (!org) {
        return invalid(org.error().message);
    }
    saved.org = std::move(org).value();
    if (const rapidjson::Value* environment = member(document, "environment")) {
        if (!environment->IsString() || environment->GetStringLength() == 0) {
            return invalid("environment is not a non-empty string");
        }
        saved.environment = text_of(*environment);
        saved.plan.environment = saved.environment;
    }
    for (const auto& entry : changes->GetArray()) {
        Result<ActionChange> change = read_change(entry);
        if (!change) {
            return change.error();
        }
        saved.plan.changes.push_back(std::move(change).value());
    }
    for (const auto& entry : unchanged->GetArray()) {
        if (!entry.IsString()) {
            return invalid("an entry of unchanged is not a string");
        }
        saved.plan.unchanged.push_back(text_of(entry));
    }
    // Plans saved before targets existed lack the member: whole plans.
    if (const rapidjson::Value* targets = member(document, "targets")) {
        if (!targets->IsArray()) {
            return invalid("targets is not an array");
        }
        for (const auto& entry : targets->GetArray()) {
            if (!entry.IsString()) {
                return invalid("an entry of targets is not a string");
            }
            saved.plan.targets.push_back(text_of(entry));
        }
    }
    if (const rapidjson::Value* governed = member(document, "governed_by_rules")) {
        if (!governed->IsUint64()) {
            return invalid("governed_by_rules is not a count");
        }
        saved.plan.governed = static_cast<std::size_t>(governed->GetUint64());
    }
    // Plans saved before flows were listed, or without them, lack the member.
    if (const rapidjson::Value* flows = member(document, "flows")) {
        Result<std::map<std::string, CallingFlows>> read = read_flows_member(*flows);
        if (!read) {
            return read.error();
        }
        saved.flows = std::move(read).value();
    }
    return saved;
}

Result<SavedPlan> read_saved_plan(const std::string& path) {
    Result<std::string> text = read_file(path);
    if (!text) {
        return text.error();
    }
    Result<SavedPlan> saved = decode_saved_plan(*text);
    if (!saved) {
        Error error = saved.error();
        error.message = path + ": " + error.message;
        return error;
    }
    return saved;
}

Status write_saved_plan(const std::string& path, const SavedPlan& saved) {
    return write_file_atomically(path, encode_saved_plan(saved));
}

}  // namespace dactl
