#include "engine/export/export.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "engine/export/toml_text.h"
#include "engine/model/address.h"
#include "engine/model/label.h"
#include "engine/model/secrets.h"
#include "engine/text/quote.h"
#include "engine/util/digest.h"

namespace dactl {

bool export_selects(const LiveAction& action, const ExportOptions& options) {
    const bool filtered =
        (options.category && action.category != *options.category) ||
        (options.name_filter && !std::regex_search(action.name, *options.name_filter));
    return !filtered && !action.is_static();
}

namespace {

// Why an action cannot be exported (managed by dactl), or nothing.
std::optional<std::string> unmanageable(const LiveAction& action) {
    if (action.is_static()) {
        return "built-in actions cannot be changed";
    }
    return std::nullopt;
}

bool selected(const LiveAction& action, const ExportOptions& options, ExportResult& result) {
    if (options.category && action.category != *options.category) {
        return false;
    }
    if (options.name_filter && !std::regex_search(action.name, *options.name_filter)) {
        return false;
    }
    if (std::optional<std::string> why = unmanageable(action)) {
        result.notes.push_back("skipped " + action.id + " " + quoted(action.name) + ": " + *why);
        return false;
    }
    return true;
}

bool has_secret_header(const Value& headers) {
    if (!headers.is_map()) {
        return false;
    }
    return std::any_of(headers.as_map().begin(), headers.as_map().end(), [](const auto& entry) {
        return is_secret_entry(Field::request_headers, entry.first, entry.second);
    });
}

void write_value(std::string& text, std::string_view key, Field field, const Value& value) {
    if (value.is_unset()) {
        return;
    }
    text += std::string(key) + " = ";
    if (value.is_integer()) {
        text += std::to_string(value.as_integer());
    } else if (value.is_map()) {
        text += toml_inline_table(value.as_map());
    } else if (field_info(field).kind == FieldKind::template_text) {
        text += toml_string(value.as_string());
    } else {
        text += toml_basic_string(value.as_string());
    }
    text += "\n";
}

std::string section(const std::string& header, const LiveAction& action,
                    std::initializer_list<std::pair<const char*, Field>> keys,
                    ExportResult& result) {
    std::string body;
    for (const auto& [key, field] : keys) {
        if (field == Field::request_headers && has_secret_header(action.get(field))) {
            result.notes.push_back("left out the request headers of " + action.id + " " +
                                   quoted(action.name) +
                                   ": they hold a secret-looking header; manage them in the UI "
                                   "or add them by hand");
            continue;
        }
        write_value(body, key, field, action.get(field));
    }
    return body.empty() ? body : "\n" + header + "\n" + body;
}

// The action's tables under `label`; for an environment, a base table that
// selects it by name and that environment's override table with its id and
// values, so that no other environment gets this org's id or values.
std::string action_text(const LiveAction& action, const std::string& label, ExportFields fields,
                        ExportResult& result, const std::string& environment = "") {
    std::string text = "# " + quoted(action.name) + ", category " + quoted(action.category) +
                       ", exported at version " + std::to_string(action.version) + "\n";
    std::string table = "action." + label;
    if (!environment.empty()) {
        text += "[" + table + "]\nname = " + toml_basic_string(action.name) + "\n\n";
        table += ".env." + toml_key(environment);
    }
    text += "[" + table + "]\n";
    text += "id = " + toml_basic_string(action.id) + "\n";
    if (fields == ExportFields::all) {
        text += "name = " + toml_basic_string(action.name) + "\n";
        text += "category = " + toml_basic_string(action.category) + "\n";
    }
    if (action.get(Field::timeout_seconds).is_unset()) {
        text += "# timeout_seconds is unset: the service default of 60 s applies\n";
    } else {
        write_value(text, "timeout_seconds", Field::timeout_seconds,
                    action.get(Field::timeout_seconds));
    }
    if (!action.get(Field::function_timeout_seconds).is_unset()) {
        write_value(text, "function.timeout_seconds", Field::function_timeout_seconds,
                    action.get(Field::function_timeout_seconds));
    }
    if (fields == ExportFields::all) {
        text += section("[" + table + ".request]", action,
                        {{"url_template", Field::request_url_template},
                         {"type", Field::request_type},
                         {"headers", Field::request_headers},
                         {"template", Field::request_template}},
                        result);
        text += section("[" + table + ".response]", action,
                        {{"translation_map", Field::response_translation_map},
                         {"translation_map_defaults", Field::response_translation_map_defaults},
                         {"success_template", Field::response_success_template}},
                        result);
    }
    return text;
}

// The file a category's actions go to: its label with - for _, cut (and made
// unique by a hash of the whole name) so that it fits any file system.
std::string file_name(const std::string& category) {
    constexpr std::size_t k_longest_slug = 80;
    std::string slug = label_from_name(category.empty() ? "uncategorised" : category);
    std::replace(slug.begin(), slug.end(), '_', '-');
    if (slug.size() > k_longest_slug) {
        slug = slug.substr(0, k_longest_slug) + "-" + sha256_hex(category).substr(0, 8);
    }
    return slug + ".toml";
}

}  // namespace

Result<ExportedEntry> export_entry(const LiveAction& action, const std::string& label,
                                   ExportFields fields, const std::string& environment) {
    if (std::optional<std::string> why = unmanageable(action)) {
        return make_error(ErrorKind::invalid_input,
                          action.id + " " + quoted(action.name) + ": " + *why);
    }
    ExportResult result;
    ExportedEntry entry;
    entry.file = file_name(action.category);
    entry.text = action_text(action, label, fields, result, environment);
    entry.notes = std::move(result.notes);
    return entry;
}

ExportResult export_actions(const std::vector<LiveAction>& live, const ExportOptions& options) {
    ExportResult result;
    std::vector<const LiveAction*> chosen;
    for (const auto& action : live) {
        if (selected(action, options, result)) {
            chosen.push_back(&action);
        }
    }
    std::sort(chosen.begin(), chosen.end(), [](const LiveAction* a, const LiveAction* b) {
        return std::tie(a->name, a->id) < std::tie(b->name, b->id);
    });
    std::vector<Labelled> wanting;
    wanting.reserve(chosen.size());
    for (const LiveAction* action : chosen) {
        wanting.push_back({action->id, action->name});
    }
    const std::map<std::string, std::string> labels = unique_labels(wanting, {});
    std::map<std::string, std::string> files;
    for (const LiveAction* action : chosen) {
        const std::string& label = labels.at(action->id);
        const std::string address = std::string(k_action_prefix) + label;
        if (!options.targets.empty() && std::none_of(options.targets.begin(), options.targets.end(),
                                                     [&](const std::string& target) {
                                                         return target_matches(target, address);
                                                     })) {
            continue;
        }
        std::string& text = files[file_name(action->category)];
        if (!text.empty()) {
            text += '\n';
        }
        text += action_text(*action, label, options.fields, result);
        ++result.exported;
    }
    for (auto& [path, text] : files) {
        result.files.push_back(ExportedFile{path, std::move(text)});
    }
    return result;
}

}  // namespace dactl
