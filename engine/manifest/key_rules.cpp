#include "engine/manifest/key_rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "engine/text/quote.h"
#include "engine/text/suggest.h"

namespace dactl::manifest {

namespace {

constexpr std::array<std::string_view, 8> k_action_keys = {
    "name", "id", "category", "timeout_seconds", "request", "response", "function", "probe"};
constexpr std::array<std::string_view, 4> k_request_keys = {"url_template", "type", "headers",
                                                            "template"};
constexpr std::array<std::string_view, 3> k_response_keys = {
    "translation_map", "translation_map_defaults", "success_template"};
constexpr std::array<std::string_view, 1> k_function_keys = {"timeout_seconds"};
constexpr std::array<std::string_view, 1> k_probe_keys = {"input"};
constexpr std::array<TableLevel, 5> k_levels = {TableLevel::action, TableLevel::request,
                                                TableLevel::response, TableLevel::function,
                                                TableLevel::probe};

struct Place {
    TableLevel level;
    std::string_view key;
};

// Lower case without separators: "requestUrlTemplate", "request.url_template"
// and "request-url-template" all become "requesturltemplate".
std::string folded(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != '_' && c != '-' && c != '.') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

std::vector<Place> all_places() {
    std::vector<Place> places;
    for (TableLevel level : k_levels) {
        for (std::string_view key : keys_of(level)) {
            places.push_back(Place{level, key});
        }
    }
    return places;
}

// A key written under another spelling: the API's camelCase name, a separator
// missing or doubled, or the table's name joined to the key.
std::optional<Place> same_key_spelt_differently(std::string_view key) {
    const std::string wanted = folded(key);
    for (const Place& place : all_places()) {
        if (folded(place.key) == wanted ||
            folded(std::string(table_key(place.level)) + std::string(place.key)) == wanted) {
            return place;
        }
    }
    return std::nullopt;
}

std::optional<Place> closest_key(std::string_view key, TableLevel level) {
    std::vector<std::string> here(keys_of(level).begin(), keys_of(level).end());
    std::vector<std::string> matches = closest_matches(key, here, 1);
    if (!matches.empty()) {
        return Place{level, keys_of(level)[static_cast<std::size_t>(
                                std::find(here.begin(), here.end(), matches[0]) - here.begin())]};
    }
    std::vector<Place> elsewhere;
    std::vector<std::string> names;
    for (const Place& place : all_places()) {
        if (place.level != level) {
            elsewhere.push_back(place);
            names.emplace_back(place.key);
        }
    }
    matches = closest_matches(key, names, 1);
    if (matches.empty()) {
        return std::nullopt;
    }
    return elsewhere[static_cast<std::size_t>(std::find(names.begin(), names.end(), matches[0]) -
                                              names.begin())];
}

std::string suggestion(const Place& place, TableLevel level, std::string_view label) {
    if (place.level == level) {
        return "did you mean " + std::string(place.key) + "?";
    }
    if (level == TableLevel::action) {
        return "did you mean " + std::string(table_key(place.level)) + "." +
               std::string(place.key) + "?";
    }
    return "did you mean " + std::string(place.key) + " in " + table_header(place.level, label) +
           "?";
}

std::string expected_keys(TableLevel level) {
    std::span<const std::string_view> keys = keys_of(level);
    if (keys.size() == 1) {
        return "the only key here is " + std::string(keys[0]);
    }
    std::string text = "expected ";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == keys.size() ? " or " : ", ");
        text += keys[i];
    }
    return text;
}

std::string hint(std::string_view key, TableLevel level, std::string_view label) {
    for (const Place& place : all_places()) {
        if (place.key == key && place.level != level && level != TableLevel::action) {
            return "it belongs in " + table_header(place.level, label);
        }
    }
    if (folded(key).starts_with("timeout") && level == TableLevel::function) {
        return "use timeout_seconds, the function's timeout in whole seconds from 1 to 15";
    }
    if (folded(key).starts_with("timeout") && key != "timeout_seconds") {
        return "use timeout_seconds" +
               (level == TableLevel::action ? ""
                                            : " in " + table_header(TableLevel::action, label)) +
               ", in whole seconds from 1 to 60";
    }
    if (auto place = same_key_spelt_differently(key)) {
        return suggestion(*place, level, label);
    }
    if (auto place = closest_key(key, level)) {
        return suggestion(*place, level, label);
    }
    return expected_keys(level);
}

}  // namespace

std::string_view table_key(TableLevel level) {
    switch (level) {
        case TableLevel::request:
            return "request";
        case TableLevel::response:
            return "response";
        case TableLevel::function:
            return "function";
        case TableLevel::probe:
            return "probe";
        case TableLevel::action:
            break;
    }
    return "";
}

std::span<const std::string_view> keys_of(TableLevel level) {
    switch (level) {
        case TableLevel::request:
            return k_request_keys;
        case TableLevel::response:
            return k_response_keys;
        case TableLevel::function:
            return k_function_keys;
        case TableLevel::probe:
            return k_probe_keys;
        case TableLevel::action:
            break;
    }
    return k_action_keys;
}

std::string table_header(TableLevel level, std::string_view label) {
    std::string header = "[action." + std::string(label);
    if (level != TableLevel::action) {
        header += '.';
        header += table_key(level);
    }
    return header + "]";
}

std::string unknown_key_message(std::string_view key, TableLevel level, std::string_view label) {
    return "unknown key " + dactl::quoted(key) + " in " + table_header(level, label) + "; " +
           hint(key, level, label);
}

}  // namespace dactl::manifest
