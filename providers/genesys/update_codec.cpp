// encode_update: the UpdateActionInput body. The config is rebuilt from the
// document's own text so that every member dactl does not manage reaches the
// API exactly as it came (escapes, number spellings, big integers included);
// only the members at the managed api_paths are written anew.
#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/util/json_text.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/json_slice.h"

namespace dactl::genesys {

namespace {

// One member to write under the config: its path below `config`, and its new
// JSON text, or nothing to remove it.
struct Edit {
    std::vector<std::string> path;
    std::optional<std::string> json;
};

// A field's new JSON text for the request body (secrets sent as they are), or
// nothing to remove the member.
std::optional<std::string> json_value(Field field, const Value& value) {
    if (value.is_unset()) {
        return std::nullopt;
    }
    return value_json(field, value, Secrets::revealed);
}

// The api_path's segments below "config" (name and category are not there).
std::vector<std::string> config_path(Field field) {
    std::string_view path = field_info(field).api_path;
    path.remove_prefix(std::string_view("config.").size());
    std::vector<std::string> segments;
    std::size_t begin = 0;
    while (true) {
        const std::size_t dot = path.find('.', begin);
        segments.emplace_back(path.substr(begin, dot - begin));
        if (dot == std::string_view::npos) {
            return segments;
        }
        begin = dot + 1;
    }
}

std::string_view name_of(const rapidjson::Value& key) {
    return std::string_view(key.GetString(), key.GetStringLength());
}

bool has_set(std::span<const Edit* const> edits) {
    return std::any_of(edits.begin(), edits.end(),
                       [](const Edit* edit) { return edit->json.has_value(); });
}

std::string joined_object(const std::vector<std::string>& members) {
    std::string object = "{";
    for (const std::string& member : members) {
        object += (object.size() > 1 ? "," : "") + member;
    }
    return object + "}";
}

std::string patch_object(const rapidjson::Value* json, std::string_view raw,
                         std::span<const Edit* const> edits, std::size_t level);

// The edits whose path names `name` at `level`, marked used: the one that
// replaces the member itself, or those that reach inside it.
struct MemberEdits {
    const Edit* whole = nullptr;
    std::vector<const Edit*> inside;
};

MemberEdits edits_of(std::string_view name, std::span<const Edit* const> edits, std::size_t level,
                     std::vector<bool>& used) {
    MemberEdits found;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        if (edits[i]->path[level] != name) {
            continue;
        }
        used[i] = true;
        if (edits[i]->path.size() == level + 1) {
            found.whole = edits[i];
        } else {
            found.inside.push_back(edits[i]);
        }
    }
    return found;
}

// One existing member, edited or copied as received; nothing when removed.
std::optional<std::string> patch_member(const RawMember& raw, const rapidjson::Value& json,
                                        const MemberEdits& found, std::size_t level) {
    const std::string key(raw.key);
    if (found.whole != nullptr) {
        if (!found.whole->json) {
            return std::nullopt;
        }
        return key + ":" + *found.whole->json;
    }
    if (!found.inside.empty()) {
        return key + ":" + patch_object(&json, raw.value, found.inside, level + 1);
    }
    return key + ":" + std::string(raw.value);
}

// Members the object lacks, in the order of the edits that create them.
void append_new_members(std::span<const Edit* const> edits, std::size_t level,
                        std::vector<bool>& used, std::vector<std::string>& members) {
    for (std::size_t i = 0; i < edits.size(); ++i) {
        if (used[i]) {
            continue;
        }
        const std::string& name = edits[i]->path[level];
        const MemberEdits found = edits_of(name, edits, level, used);
        if (found.whole != nullptr && found.whole->json) {
            members.push_back(json_string(name) + ":" + *found.whole->json);
        } else if (found.whole == nullptr && has_set(found.inside)) {
            members.push_back(json_string(name) + ":" +
                              patch_object(nullptr, "{}", found.inside, level + 1));
        }
    }
}

// The object `raw` (parsed as `json`, or null for none) with `edits` applied at
// depth `level` of their paths: members in their order, new ones appended.
std::string patch_object(const rapidjson::Value* json, std::string_view raw,
                         std::span<const Edit* const> edits, std::size_t level) {
    std::vector<std::string> members;
    std::vector<bool> used(edits.size(), false);
    if (json != nullptr && json->IsObject()) {
        const auto raw_members = object_members(raw);
        std::size_t index = 0;
        for (auto member = json->MemberBegin(); member != json->MemberEnd(); ++member, ++index) {
            const MemberEdits found = edits_of(name_of(member->name), edits, level, used);
            if (auto patched = patch_member(raw_members[index], member->value, found, level)) {
                members.push_back(std::move(*patched));
            }
        }
    }
    append_new_members(edits, level, used, members);
    return joined_object(members);
}

// Template members of the config given as URIs: remove the URI and write the
// text instead (unless a change writes it anyway).
Status inline_templates(const LiveAction& base, const FieldValues& changes,
                        const rapidjson::Value& config, std::vector<Edit>& edits) {
    for (Field field : {Field::request_template, Field::response_success_template}) {
        std::vector<std::string> uri = config_path(field);
        uri.back() += "Uri";
        const rapidjson::Value* at = &config;
        for (const std::string& segment : uri) {
            auto found = at->IsObject() ? at->FindMember(segment.c_str()) : at->MemberEnd();
            at = at->IsObject() && found != at->MemberEnd() ? &found->value : nullptr;
            if (at == nullptr) {
                break;
            }
        }
        if (at == nullptr && !base.unloaded.contains(field)) {
            continue;
        }
        if (at != nullptr) {
            edits.push_back({uri, std::nullopt});
        }
        if (changes.contains(field)) {
            continue;
        }
        const Value& text = base.get(field);
        if (base.unloaded.contains(field) || !text.is_string()) {
            return make_error(ErrorKind::generic,
                              "action \"" + base.id + "\": its " + std::string(field_key(field)) +
                                  " was not loaded, so it cannot be written back");
        }
        edits.push_back({config_path(field), json_value(field, text)});
    }
    return {};
}

// `"key":"text",` for the name or category: the change's text, else the
// action's own when its document has the member; nothing when it has neither
// (an answer that left the member out must not have it written as "").
std::string text_member(const rapidjson::Document& document, const FieldValues& changes,
                        Field field, const char* key, const std::string& current) {
    auto found = changes.find(field);
    if (found != changes.end() && found->second.is_string()) {
        return "\"" + std::string(key) + "\":" + json_string(found->second.as_string()) + ",";
    }
    if (!document.HasMember(key)) {
        return "";
    }
    return "\"" + std::string(key) + "\":" + json_string(current) + ",";
}

}  // namespace

Result<std::string> encode_update(const LiveAction& base, const FieldValues& changes) {
    const Error no_config = make_error(
        ErrorKind::generic,
        "action \"" + base.id + "\": its config was not read, so it cannot be written back whole");
    rapidjson::Document document;
    if (parse_json(base.document, document, Utf8::trusted) || !document.IsObject() ||
        !document.HasMember("config") || !document["config"].IsObject()) {
        return no_config;
    }
    const rapidjson::Value& config = document["config"];
    std::string_view raw_config;
    for (const RawMember& member : object_members(base.document)) {
        if (member.key == "\"config\"") {
            raw_config = member.value;
            break;
        }
    }
    if (raw_config.empty()) {
        return no_config;
    }
    std::vector<Edit> edits;
    if (Status inlined = inline_templates(base, changes, config, edits); !inlined) {
        return inlined.error();
    }
    for (const auto& [field, value] : changes) {
        if (field != Field::name && field != Field::category && in_action_document(field)) {
            edits.push_back({config_path(field), json_value(field, value)});
        }
    }
    std::vector<const Edit*> pointers;
    pointers.reserve(edits.size());
    for (const Edit& edit : edits) {
        pointers.push_back(&edit);
    }
    return "{" + text_member(document, changes, Field::name, "name", base.name) +
           text_member(document, changes, Field::category, "category", base.category) +
           "\"version\":" + std::to_string(base.version) +
           ",\"config\":" + patch_object(&config, raw_config, pointers, 0) + "}";
}

}  // namespace dactl::genesys
