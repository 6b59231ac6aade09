#include "tests/emulator/seed_loader.h"

#include <fstream>
#include <set>
#include <sstream>

#include "tests/emulator/action_rules.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

Error seed_error(std::string message) {
    return make_error(ErrorKind::invalid_input, std::move(message));
}

// "action 3" or "action 3 (id \"x\")": which element a problem is about (1-based).
std::string element_name(const Json& element, std::size_t index) {
    std::string name = "action " + std::to_string(index + 1);
    const Json* id = element.find("id");
    if (id != nullptr && id->is_string()) {
        name += " (id \"" + id->as_string() + "\")";
    }
    return name;
}

// "FILE:LINE:COL: invalid JSON: problem" from the codec's "LINE:COL: problem".
std::string json_error_message(const std::string& file, const std::string& message) {
    const std::size_t split = message.find(": ");
    if (split == std::string::npos) {
        return file + ": invalid JSON: " + message;
    }
    return file + ":" + message.substr(0, split) + ": invalid JSON: " + message.substr(split + 2);
}

}  // namespace

Result<std::vector<ActionEntry>> parse_seed(std::string_view text, const std::string& file) {
    Result<Json> document = parse_json(text);
    if (!document) {
        return seed_error(json_error_message(file, document.error().message));
    }
    if (!document->is_array()) {
        return seed_error(file + ": the seed must be a JSON array of actions, not " +
                          std::string(kind_name(document->kind())));
    }
    std::vector<ActionEntry> entries;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < document->as_array().size(); ++i) {
        const Json& element = document->as_array()[i];
        Result<ActionEntry> entry = check_full_action(element);
        if (!entry) {
            return seed_error(file + ": " + element_name(element, i) + ": " +
                              entry.error().message);
        }
        const std::string id = entry->action.string_or("id", "");
        if (!ids.insert(id).second) {
            return seed_error(file + ": " + element_name(element, i) +
                              ": the id is used by an earlier action");
        }
        entries.push_back(std::move(*entry));
    }
    return entries;
}

Result<std::vector<ActionEntry>> load_seed(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return seed_error(path + ": cannot read the seed file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_seed(text.str(), path);
}

void plain_auth_ids(std::vector<ActionEntry>& seed) {
    constexpr std::string_view k_prefixed = "customAuth_-_";
    for (ActionEntry& entry : seed) {
        const std::string id = entry.action.string_or("id", "");
        if (entry.traits.custom_auth && id.starts_with(k_prefixed)) {
            entry.action.set("id", "custom_-_" + id.substr(k_prefixed.size()));
        }
    }
}

}  // namespace dactl::emulator
