#include "providers/genesys/action_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/text/quote.h"
#include "engine/util/escape.h"
#include "engine/util/json_depth.h"
#include "providers/genesys/json_slice.h"

namespace dactl::genesys {

namespace {

// Parses `json` for `subject` ("an action", "the action list"), refusing
// invalid JSON and absurd nesting with a message saying which.
Status parse(rapidjson::Document& document, std::string_view json, std::string_view subject) {
    std::optional<JsonProblem> problem = parse_json(json, document, Utf8::validated);
    if (!problem) {
        return {};
    }
    if (problem->too_deep) {
        return make_error(ErrorKind::invalid_response,
                          std::string(subject) + " is nested more than " +
                              std::to_string(k_max_json_nesting) + " levels deep");
    }
    return make_error(ErrorKind::invalid_response,
                      std::string(subject) + " is not valid JSON: " + problem->reason +
                          " (at byte " + std::to_string(problem->offset) + ")");
}

// Reads the members of one Action, naming it in every message.
class ActionReader {
public:
    explicit ActionReader(const rapidjson::Value& json) : m_json(json) {}

    Result<LiveAction> read(std::string_view raw);

private:
    Error wrong(std::string_view path, const rapidjson::Value& value, std::string_view expected) {
        return make_error(ErrorKind::invalid_response, m_subject + ": " + std::string(path) +
                                                           " is " +
                                                           std::string(json_type_name(value)) +
                                                           ", expected " + std::string(expected));
    }
    Error missing(std::string_view path) {
        return make_error(ErrorKind::invalid_response,
                          m_subject + ": " + std::string(path) + " is missing");
    }
    Result<const rapidjson::Value*> find(std::string_view path);
    Status read_identity(LiveAction& action);
    Result<Value> read_field(const FieldInfo& info);
    Status read_fields(LiveAction& action);

    const rapidjson::Value& m_json;
    std::string m_subject = "an action";
};

// The member at a dotted path, or null when it (or an object on the way) is
// absent or null. Fails when something on the way is not an object.
Result<const rapidjson::Value*> ActionReader::find(std::string_view path) {
    const rapidjson::Value* at = &m_json;
    std::size_t begin = 0;
    while (true) {
        const std::size_t dot = path.find('.', begin);
        const std::string name(path.substr(begin, dot - begin));
        auto found = at->FindMember(name.c_str());
        if (found == at->MemberEnd() || found->value.IsNull()) {
            return static_cast<const rapidjson::Value*>(nullptr);
        }
        at = &found->value;
        if (dot == std::string_view::npos) {
            return at;
        }
        if (!at->IsObject()) {
            return wrong(path.substr(0, dot), *at, "an object");
        }
        begin = dot + 1;
    }
}

Status ActionReader::read_identity(LiveAction& action) {
    auto id = m_json.FindMember("id");
    if (id == m_json.MemberEnd()) {
        return missing("id");
    }
    if (!id->value.IsString()) {
        return wrong("id", id->value, "a string");
    }
    action.id = text_of(id->value);
    // An id is printed in every message and written to the state: one a
    // terminal would act on, or that cannot be seen, is no Genesys id.
    if (action.id.empty() || printable(action.id) != action.id) {
        return make_error(ErrorKind::invalid_response,
                          "the org answered an action id of " + quoted(action.id) +
                              ", which holds characters no id has; dactl does not act on it");
    }
    m_subject = "action \"" + action.id + "\"";
    auto version = m_json.FindMember("version");
    if (version == m_json.MemberEnd()) {
        return missing("version");
    }
    if (!version->value.IsInt64()) {
        return wrong("version", version->value, "an integer");
    }
    action.version = version->value.GetInt64();
    Result<const rapidjson::Value*> integration = find("integrationId");
    Result<const rapidjson::Value*> secure = find("secure");
    if (!integration || !secure) {
        return !integration ? integration.error() : secure.error();
    }
    if (*integration != nullptr && !(*integration)->IsString()) {
        return wrong("integrationId", **integration, "a string");
    }
    if (*secure != nullptr && !(*secure)->IsBool()) {
        return wrong("secure", **secure, "a boolean");
    }
    action.integration_id = *integration != nullptr ? text_of(**integration) : "";
    action.secure = *secure != nullptr && (*secure)->GetBool();
    return {};
}

Result<Value> ActionReader::read_field(const FieldInfo& info) {
    Result<const rapidjson::Value*> found = find(info.api_path);
    if (!found) {
        return found.error();
    }
    const rapidjson::Value* json = *found;
    if (json == nullptr) {
        return Value();
    }
    switch (info.kind) {
        case FieldKind::integer:
            if (!json->IsInt64()) {
                return wrong(info.api_path, *json, "an integer");
            }
            return Value(json->GetInt64());
        case FieldKind::text:
        case FieldKind::template_text:
            if (!json->IsString()) {
                return wrong(info.api_path, *json, "a string");
            }
            return Value(text_of(*json));
        case FieldKind::string_map:
            break;
    }
    if (!json->IsObject()) {
        return wrong(info.api_path, *json, "an object");
    }
    StringMap map;
    for (const auto& entry : json->GetObject()) {
        if (!entry.value.IsString()) {
            return wrong(std::string(info.api_path) + "." + text_of(entry.name), entry.value,
                         "a string");
        }
        map[text_of(entry.name)] = text_of(entry.value);
    }
    return Value(std::move(map));
}

Status ActionReader::read_fields(LiveAction& action) {
    for (const FieldInfo& info : all_fields()) {
        if (!in_action_document(info.field)) {
            continue;  // the function's, read apart
        }
        Result<Value> value = read_field(info);
        if (!value) {
            return value.error();
        }
        if (info.kind == FieldKind::template_text && value->is_unset()) {
            const std::string uri_path = std::string(info.api_path) + "Uri";
            Result<const rapidjson::Value*> uri = find(uri_path);
            if (!uri) {
                return uri.error();
            }
            if (*uri != nullptr && !(*uri)->IsString()) {
                return wrong(uri_path, **uri, "a string");
            }
            if (*uri != nullptr) {
                action.unloaded.insert(info.field);
            }
        }
        if (!value->is_unset()) {
            action.fields[info.field] = std::move(value).value();
        }
    }
    return {};
}

Result<LiveAction> ActionReader::read(std::string_view raw) {
    if (!m_json.IsObject()) {
        return make_error(
            ErrorKind::invalid_response,
            "an action is " + std::string(json_type_name(m_json)) + ", expected an object");
    }
    LiveAction action;
    if (Status identity = read_identity(action); !identity) {
        return identity.error();
    }
    if (Status fields = read_fields(action); !fields) {
        return fields.error();
    }
    const Value& name = action.get(Field::name);
    const Value& category = action.get(Field::category);
    action.name = name.is_string() ? name.as_string() : "";
    action.category = category.is_string() ? category.as_string() : "";
    action.document = std::string(trim_json_space(raw));
    return action;
}

// Reads the `entities` array, whose text is `raw`, into `actions`.
Status read_entities(const rapidjson::Value& entities, std::string_view raw,
                     std::vector<LiveAction>& actions) {
    if (!entities.IsArray()) {
        return make_error(ErrorKind::invalid_response, "the action list: entities is " +
                                                           std::string(json_type_name(entities)) +
                                                           ", expected an array");
    }
    const auto texts = array_elements(raw);
    if (texts.size() != entities.Size()) {
        return make_error(ErrorKind::invalid_response, "the action list could not be sliced");
    }
    for (rapidjson::SizeType i = 0; i < entities.Size(); ++i) {
        Result<LiveAction> action = ActionReader(entities[i]).read(texts[i]);
        if (!action) {
            return action.error();
        }
        actions.push_back(std::move(action).value());
    }
    return {};
}

}  // namespace

Result<LiveAction> decode_action(std::string_view json) {
    rapidjson::Document document;
    if (Status parsed = parse(document, json, "an action"); !parsed) {
        return parsed.error();
    }
    return ActionReader(document).read(json);
}

Result<OrgIdentity> decode_organization(std::string_view json) {
    rapidjson::Document document;
    if (Status parsed = parse(document, json, "the org"); !parsed) {
        return parsed.error();
    }
    const rapidjson::Value* given = member(document, "id");
    if (given != nullptr && !given->IsString()) {
        return make_error(ErrorKind::invalid_response,
                          "the org's id is " + compact_json(*given) +
                              ", not a string; GET /api/v2/organizations/me must name the org");
    }
    std::optional<std::string> id = string_member(document, "id");
    if (!id || id->empty()) {
        return make_error(ErrorKind::invalid_response,
                          "the org has no id; GET /api/v2/organizations/me must name the org");
    }
    return OrgIdentity{*id, text_member(document, "name")};
}

std::string host_of(std::string_view url) {
    const std::size_t scheme = url.find("://");
    url.remove_prefix(scheme == std::string_view::npos ? 0 : scheme + 3);
    return std::string(url.substr(0, url.find('/')));
}

Result<ActionPage> decode_action_page(std::string_view json) {
    rapidjson::Document document;
    if (Status parsed = parse(document, json, "the action list"); !parsed) {
        return parsed.error();
    }
    if (!document.IsObject()) {
        return make_error(
            ErrorKind::invalid_response,
            "the action list is " + std::string(json_type_name(document)) + ", expected an object");
    }
    ActionPage page;
    Result<PageFacts> facts = read_page_facts(document, k_action_listing);
    if (!facts) {
        return facts.error();
    }
    page.page_number = facts->page_number;
    page.page_count = facts->page_count;
    page.total = facts->total;
    page.has_next = facts->has_next;
    const auto members = object_members(json);
    if (members.size() != document.MemberCount()) {
        return make_error(ErrorKind::invalid_response, "the action list could not be sliced");
    }
    std::size_t index = 0;
    for (auto member = document.MemberBegin(); member != document.MemberEnd(); ++member, ++index) {
        if (text_of(member->name) == "entities") {
            Status read = read_entities(member->value, members[index].value, page.entities);
            if (!read) {
                return read.error();
            }
            return page;
        }
    }
    return make_error(ErrorKind::invalid_response, "the action list: entities is missing");
}

}  // namespace dactl::genesys
