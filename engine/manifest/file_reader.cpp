#include "engine/manifest/file_reader.h"

#include <algorithm>
#include <tuple>

#include "engine/manifest/action_reader.h"
#include "engine/manifest/key_depth.h"
#include "engine/manifest/manifest_file.h"
#include "engine/manifest/rule_reader.h"
#include "engine/manifest/settings_reader.h"
#include "engine/text/quote.h"
#include "engine/text/suggest.h"

namespace dactl::manifest {

namespace {

std::optional<toml::table> parse(const ManifestSource& source, ManifestFile& file) {
    try {
        return toml::parse(std::string_view(source.text), std::string_view(source.path));
    } catch (const toml::parse_error& error) {
        std::string description(error.description());
        // toml++ writes "Error while parsing ..."; messages here start in lower case.
        if (!description.empty() && description[0] >= 'A' && description[0] <= 'Z') {
            description[0] = static_cast<char>(description[0] - 'A' + 'a');
        }
        file.error(error.source().begin, "malformed TOML: " + description);
    }
    return std::nullopt;
}

void read_actions(const toml::node& node, const EnvironmentScope& scope, ManifestFile& file,
                  std::vector<DesiredAction>& out) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(
            node.source().begin,
            "action must be a table of [action.<label>] tables, found " + describe_type(node));
        return;
    }
    for (auto&& [label, value] : *table) {
        if (std::optional<DesiredAction> action = read_action(label, value, scope, file)) {
            out.push_back(std::move(*action));
        }
    }
}

std::string unknown_top_level_message(const toml::key& key, const toml::node& value) {
    const std::string name(key.str());
    const toml::table* table = value.as_table();
    if (table != nullptr && (table->contains("name") || table->contains("id"))) {
        return "unknown table [" + key_text(name) + "]; did you mean [action." + key_text(name) +
               "]?";
    }
    if (!closest_matches(name, {"action"}).empty()) {
        return "unknown key " + dactl::quoted(name) + " at the top level; did you mean action?";
    }
    return "unknown key " + dactl::quoted(name) +
           " at the top level; a manifest holds only [action.<label>] and [rule.<label>] tables";
}

void read_action_file(const toml::table& root, const EnvironmentScope& scope, ManifestFile& file,
                      FileContents& contents) {
    if (root.empty()) {
        file.file_warning("the file declares no actions");  // nor rules
    }
    for (auto&& [key, value] : root) {
        if (key.str() == "action") {
            read_actions(value, scope, file, contents.actions);
        } else if (key.str() == "rule") {
            std::vector<Rule> rules = read_rules(value, file);
            std::move(rules.begin(), rules.end(), std::back_inserter(contents.rules));
        } else if (key.str() == "region") {
            file.error(key.source().begin,
                       "region is a setting; put it in dactl.toml at the project root");
        } else if (key.str() == "api") {
            file.error(key.source().begin,
                       "[api] holds settings; put it in dactl.toml at the project root");
        } else if (key.str() == "env") {
            file.error(key.source().begin,
                       "[env.<name>] declares an environment; put it in dactl.toml at the "
                       "project root (an action's overrides go in [action.<label>.env.<name>])");
        } else {
            file.error(key.source().begin, unknown_top_level_message(key, value));
        }
    }
    std::stable_sort(contents.actions.begin(), contents.actions.end(),
                     [](const DesiredAction& a, const DesiredAction& b) {
                         return std::tie(a.where.line, a.where.column) <
                                std::tie(b.where.line, b.where.column);
                     });
}

}  // namespace

FileContents read_manifest_file(const ManifestSource& source, FileRole role,
                                const EnvironmentScope& scope, Diagnostics& diagnostics) {
    ManifestFile file(source.path, diagnostics);
    FileContents contents;
    if (report_deep_keys(source.text, source.path, diagnostics)) {
        return contents;
    }
    std::optional<toml::table> root = parse(source, file);
    if (!root) {
        return contents;
    }
    if (role == FileRole::settings) {
        contents.settings = read_settings(*root, file);
    } else {
        read_action_file(*root, scope, file, contents);
    }
    return contents;
}

}  // namespace dactl::manifest
