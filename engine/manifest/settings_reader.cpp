#include "engine/manifest/settings_reader.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/text/quote.h"
#include "engine/text/suggest.h"
#include "engine/text/word_list.h"

namespace dactl::manifest {

namespace {

// The keys of [api] and the range of each whole-number one.
struct WholeNumberKey {
    std::string_view name;
    int lowest;
    int highest;
    std::string_view unit;  ///< " of seconds" or ""
    std::optional<int> ApiSettings::*member;
};

constexpr std::array<WholeNumberKey, 6> k_whole_number_keys = {{
    {"requests_per_minute", 1, 10000, "", &ApiSettings::requests_per_minute},
    {"client_requests_per_minute", 1, 100000, "", &ApiSettings::client_requests_per_minute},
    {"tokens", 1, 10, "", &ApiSettings::tokens},
    {"connect_timeout_seconds", 1, 300, " of seconds", &ApiSettings::connect_timeout_seconds},
    {"request_timeout_seconds", 1, 600, " of seconds", &ApiSettings::request_timeout_seconds},
    {"max_attempts", 1, 20, "", &ApiSettings::max_attempts},
}};

constexpr std::string_view k_ca_bundle = "ca_bundle";

std::vector<std::string> api_keys() {
    std::vector<std::string> keys;
    keys.reserve(k_whole_number_keys.size() + 1);
    for (const WholeNumberKey& key : k_whole_number_keys) {
        keys.emplace_back(key.name);
    }
    keys.emplace_back(k_ca_bundle);
    return keys;
}

void read_whole_number(const WholeNumberKey& key, const toml::node& value, ManifestFile& file,
                       ApiSettings& api) {
    const auto* integer = value.as_integer();
    if (integer != nullptr && integer->get() >= key.lowest && integer->get() <= key.highest) {
        api.*key.member = static_cast<int>(integer->get());
        return;
    }
    const std::string found = value.is_number() ? describe_value(value) : describe_type(value);
    file.error(value.source().begin, "api." + std::string(key.name) + " must be a whole number" +
                                         std::string(key.unit) + " from " +
                                         std::to_string(key.lowest) + " to " +
                                         std::to_string(key.highest) + ", found " + found);
}

void read_ca_bundle(const toml::node& value, ManifestFile& file, ApiSettings& api) {
    const auto* text = value.as_string();
    if (text == nullptr) {
        file.error(
            value.source().begin,
            "api.ca_bundle must be a string (a PEM file's path), found " + describe_type(value));
    } else if (text->get().empty()) {
        file.error(value.source().begin, "api.ca_bundle must not be empty");
    } else {
        api.ca_bundle = text->get();
        api.ca_bundle_where = file.position(value.source().begin);
    }
}

// The [api] key `name` was probably meant to be: the closest by spelling, else
// one it begins ("connect_timeout" for connect_timeout_seconds); "" if none.
std::string closest_api_key(const std::string& name) {
    const std::vector<std::string> keys = api_keys();
    if (const std::vector<std::string> close = closest_matches(name, keys, 1); !close.empty()) {
        return close[0];
    }
    constexpr std::size_t k_shortest_prefix = 5;
    const auto begun = std::find_if(keys.begin(), keys.end(), [&](const std::string& key) {
        return name.size() >= k_shortest_prefix && key.starts_with(name);
    });
    return begun != keys.end() ? *begun : "";
}

std::string unknown_api_key_message(const std::string& name) {
    const std::vector<std::string> keys = api_keys();
    if (const std::string close = closest_api_key(name); !close.empty()) {
        return "unknown key " + dactl::quoted(name) + " in [api]; did you mean " + close + "?";
    }
    return "unknown key " + dactl::quoted(name) + " in [api]; the keys are " + word_list(keys);
}

ApiSettings read_api(const toml::node& node, ManifestFile& file) {
    ApiSettings api;
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(node.source().begin,
                   "api must be a table ([api]), found " + describe_type(node));
        return api;
    }
    for (auto&& [key, value] : *table) {
        const std::string name(key.str());
        const auto* whole = std::find_if(k_whole_number_keys.begin(), k_whole_number_keys.end(),
                                         [&](const WholeNumberKey& k) { return k.name == name; });
        if (whole != k_whole_number_keys.end()) {
            read_whole_number(*whole, value, file, api);
        } else if (name == k_ca_bundle) {
            read_ca_bundle(value, file, api);
        } else {
            file.error(key.source().begin, unknown_api_key_message(name));
        }
    }
    return api;
}

void read_region(const toml::key& key, const toml::node& value, ManifestFile& file,
                 Settings& settings) {
    const auto* text = value.as_string();
    if (text == nullptr) {
        file.error(value.source().begin, "region must be a string, found " + describe_type(value));
    } else if (text->get().empty()) {
        file.error(value.source().begin, "region must not be empty");
    } else {
        settings.region = text->get();
        settings.region_where = file.position(key.source().begin);
    }
}

InsightsSettings read_insights(const toml::node& node, ManifestFile& file) {
    InsightsSettings insights;
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(node.source().begin,
                   "insights must be a table ([insights]), found " + describe_type(node));
        return insights;
    }
    for (auto&& [key, value] : *table) {
        const std::string name(key.str());
        if (name == "concurrency_limit") {
            const auto* limit = value.as_integer();
            if (limit == nullptr || limit->get() < 1 || limit->get() > 100'000) {
                file.error(value.source().begin,
                           "insights.concurrency_limit must be a whole number from 1 to 100000 "
                           "(the org's concurrent data action executions), found " +
                               describe_type(value));
                continue;
            }
            insights.concurrency_limit = limit->get();
            continue;
        }
        if (name != "timeout_error_types") {
            file.error(
                key.source().begin,
                "unknown key " + dactl::quoted(name) +
                    " in [insights]; the keys are timeout_error_types and concurrency_limit");
            continue;
        }
        const toml::array* list = value.as_array();
        std::vector<std::string> types;
        bool valid = list != nullptr;
        for (std::size_t i = 0; valid && i < list->size(); ++i) {
            const auto* text = (*list)[i].as_string();
            valid = text != nullptr && !text->get().empty();
            if (valid) {
                types.push_back(text->get());
            }
        }
        if (!valid) {
            file.error(value.source().begin,
                       "insights.timeout_error_types must be a list of non-empty strings (the "
                       "analytics errorType values that are timeouts), found " +
                           describe_type(value));
            continue;
        }
        insights.timeout_error_types = std::move(types);
    }
    return insights;
}

constexpr std::array<std::string_view, 4> k_environment_keys = {
    "region", "api_url", "client_id_env", "client_secret_env"};

bool is_environment_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

}  // namespace

bool is_variable_name(std::string_view name) {
    return !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_';
           });
}

namespace {

// One key of an [env.<name>] table into `environment`.
void read_environment_key(const toml::key& key, const toml::node& value, ManifestFile& file,
                          EnvironmentSettings& environment) {
    const std::string name(key.str());
    const std::string path = "env." + environment.name + "." + name;
    const auto* text = value.as_string();
    if (std::find(k_environment_keys.begin(), k_environment_keys.end(), name) ==
        k_environment_keys.end()) {
        std::vector<std::string> keys(k_environment_keys.begin(), k_environment_keys.end());
        const std::vector<std::string> close = closest_matches(name, keys, 1);
        file.error(key.source().begin, "unknown key " + dactl::quoted(name) + " in [env." +
                                           environment.name + "]; " +
                                           (close.empty() ? "the keys are " + word_list(keys)
                                                          : "did you mean " + close[0] + "?"));
    } else if (text == nullptr) {
        file.error(value.source().begin, path + " must be a string, found " + describe_type(value));
    } else if (text->get().empty()) {
        file.error(value.source().begin, path + " must not be empty");
    } else if (name.ends_with("_env") && !is_variable_name(text->get())) {
        file.error(value.source().begin,
                   path + " must name an environment variable (letters, digits and _), found " +
                       dactl::quoted(text->get()) + "; the value itself never goes in a file");
    } else if (name == "region") {
        environment.region = text->get();
        environment.region_where = file.position(value.source().begin);
    } else if (name == "api_url") {
        environment.api_url = text->get();
        environment.api_url_where = file.position(value.source().begin);
    } else if (name == "client_id_env") {
        environment.client_id_env = text->get();
    } else {
        environment.client_secret_env = text->get();
    }
}

std::vector<EnvironmentSettings> read_environments(const toml::node& node, ManifestFile& file) {
    std::vector<EnvironmentSettings> environments;
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(node.source().begin,
                   "env must be a table of [env.<name>] tables, found " + describe_type(node));
        return environments;
    }
    for (auto&& [key, value] : *table) {
        EnvironmentSettings environment;
        environment.name = std::string(key.str());
        const toml::table* keys = value.as_table();
        if (!is_environment_name(environment.name)) {
            file.error(key.source().begin, "invalid environment name " +
                                               dactl::quoted(environment.name) +
                                               ": use only a-z, 0-9, _ and -, e.g. prod");
            continue;
        }
        if (keys == nullptr) {
            file.error(value.source().begin, "env." + environment.name + " must be a table ([env." +
                                                 environment.name + "]), found " +
                                                 describe_type(value));
            continue;
        }
        environment.where =
            file.position(keys->is_inline() ? key.source().begin : keys->source().begin);
        for (auto&& [inner, setting] : *keys) {
            read_environment_key(inner, setting, file, environment);
        }
        environments.push_back(std::move(environment));
    }
    std::sort(
        environments.begin(), environments.end(),
        [](const EnvironmentSettings& a, const EnvironmentSettings& b) { return a.name < b.name; });
    return environments;
}

std::string unknown_setting_message(const std::string& name) {
    const std::vector<std::string> keys = api_keys();
    const std::string head = "unknown setting " + dactl::quoted(name) + " in dactl.toml; ";
    if (std::find(keys.begin(), keys.end(), name) != keys.end()) {
        return head + "put it in the [api] table";
    }
    if (const std::string close = closest_api_key(name); !close.empty()) {
        return head + "did you mean " + close + " in the [api] table?";
    }
    if (const std::vector<std::string> close =
            closest_matches(name, {"region", "api", "insights", "state", "env"}, 1);
        !close.empty()) {
        return head + "did you mean " + close[0] + "?";
    }
    return head +
           "the settings are region and the [api], [insights], [state] and [env.<name>] tables";
}

}  // namespace

Settings read_settings(const toml::table& root, ManifestFile& file) {
    Settings settings;
    for (auto&& [key, value] : root) {
        const std::string name(key.str());
        if (name == "region") {
            read_region(key, value, file, settings);
        } else if (name == "api") {
            settings.api = read_api(value, file);
        } else if (name == "insights") {
            settings.insights = read_insights(value, file);
        } else if (name == "state") {
            settings.state = read_state_settings(value, file);
        } else if (name == "env") {
            settings.environments = read_environments(value, file);
        } else if (name == "action") {
            file.error(key.source().begin,
                       "dactl.toml holds settings only; move the [action.<label>] tables to "
                       "another .toml file");
        } else {
            file.error(key.source().begin, unknown_setting_message(name));
        }
    }
    return settings;
}

}  // namespace dactl::manifest
