#include "tests/emulator/json_value.h"

#include <algorithm>

namespace dactl::emulator {

double Json::as_number() const {
    if (is_integer()) {
        return static_cast<double>(as_integer());
    }
    return std::get<double>(m_value);
}

const Json* Json::find(std::string_view key) const {
    if (!is_object()) {
        return nullptr;
    }
    for (const auto& [name, value] : as_object()) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

Json* Json::find(std::string_view key) {
    return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

std::string Json::string_or(std::string_view key, const std::string& fallback) const {
    const Json* member = find(key);
    return member != nullptr && member->is_string() ? member->as_string() : fallback;
}

void Json::set(std::string_view key, Json value) {
    if (Json* existing = find(key)) {
        *existing = std::move(value);
        return;
    }
    as_object().emplace_back(std::string(key), std::move(value));
}

bool Json::erase(std::string_view key) {
    if (!is_object()) {
        return false;
    }
    Object& members = as_object();
    auto found = std::find_if(members.begin(), members.end(),
                              [&](const Member& member) { return member.first == key; });
    if (found == members.end()) {
        return false;
    }
    members.erase(found);
    return true;
}

void merge_patch(Json& target, const Json& patch) {
    if (!patch.is_object()) {
        target = patch;
        return;
    }
    if (!target.is_object()) {
        target = Json::object();
    }
    for (const auto& [key, value] : patch.as_object()) {
        if (value.is_null()) {
            target.erase(key);
        } else if (Json* existing = target.find(key); existing != nullptr && value.is_object()) {
            merge_patch(*existing, value);
        } else {
            Json merged;
            merge_patch(merged, value);
            target.set(key, std::move(merged));
        }
    }
}

void remove_null_members(Json& value) {
    if (value.is_array()) {
        for (auto& item : value.as_array()) {
            remove_null_members(item);
        }
    } else if (value.is_object()) {
        Json::Object& members = value.as_object();
        std::erase_if(members, [](const Json::Member& member) { return member.second.is_null(); });
        for (auto& member : members) {
            remove_null_members(member.second);
        }
    }
}

std::string_view kind_name(Json::Kind kind) {
    switch (kind) {
        case Json::Kind::null:
            return "null";
        case Json::Kind::boolean:
            return "boolean";
        case Json::Kind::integer:
            return "integer";
        case Json::Kind::number:
            return "number";
        case Json::Kind::string:
            return "string";
        case Json::Kind::array:
            return "array";
        case Json::Kind::object:
            return "object";
    }
    return "value";
}

}  // namespace dactl::emulator
