#include "engine/manifest/action_reader.h"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/manifest/field_reader.h"
#include "engine/manifest/key_rules.h"
#include "engine/manifest/probe_input.h"
#include "engine/model/label.h"
#include "engine/text/quote.h"
#include "engine/text/suggest.h"
#include "engine/text/word_list.h"
#include "engine/util/escape.h"

namespace dactl::manifest {

namespace {

bool accepts(TableLevel level, std::string_view key) {
    std::span<const std::string_view> keys = keys_of(level);
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// A `name` or `id` as written, with where its key is.
struct Written {
    std::string value;
    toml::source_position key_at;
};

class ActionReader {
public:
    ActionReader(const toml::key& label, const toml::table& table, const EnvironmentScope& scope,
                 ManifestFile& file)
        : m_label(label),
          m_table(table),
          m_scope(scope),
          m_file(file),
          m_label_text(key_text(label.str())) {}

    DesiredAction read();

private:
    void read_overrides(const toml::node& node);
    void read_layers();
    void read_action_key(const toml::key& key, const toml::node& value,
                         const toml::table* over = nullptr);
    void read_table(TableLevel level, const toml::node& node, const toml::table* over = nullptr);
    void read_field(Field field, const toml::key& key, const toml::node& value);
    void check_id(const toml::node& value);
    void read_selector_key(std::optional<Written>& slot, const toml::key& key,
                           const toml::node& value);
    void read_probe(const toml::table& probe);
    void settle_selector();
    void wrong_type(const std::string& name, std::string_view expected, const toml::node& value);
    toml::source_position header_of(const toml::key& key, const toml::table& table) const {
        return table.is_inline() ? key.source().begin : table.source().begin;
    }

    const toml::key& m_label;
    const toml::table& m_table;
    const EnvironmentScope& m_scope;
    ManifestFile& m_file;
    /// The chosen environment's [action.<label>.env.<name>] table, if any.
    const toml::table* m_override = nullptr;
    std::string m_label_text;
    DesiredAction m_action;
    std::optional<Written> m_name;
    std::optional<Written> m_id;
    bool m_selector_written = false;  ///< a name or id key is there, valid or not
    bool m_in_override = false;       ///< the keys read now are the override's
};

DesiredAction ActionReader::read() {
    m_action.label = std::string(m_label.str());
    m_action.where = m_file.position(header_of(m_label, m_table));
    if (!is_valid_label(m_action.label)) {
        m_file.error(m_label.source().begin, "invalid label " + dactl::quoted(m_action.label) +
                                                 ": use only a-z, 0-9 and _, e.g. " +
                                                 label_from_name(m_action.label));
    }
    if (const toml::node* overrides = m_table.get("env")) {
        read_overrides(*overrides);
    }
    read_layers();
    settle_selector();
    return std::move(m_action);
}

// The [action.<label>.env] table: every name declared; the chosen one kept.
void ActionReader::read_overrides(const toml::node& node) {
    const std::string where = "action." + m_label_text + ".env";
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        m_file.error(node.source().begin, where + " must be a table of [" + where +
                                              ".<environment>] tables, found " +
                                              describe_type(node));
        return;
    }
    for (auto&& [name, value] : *table) {
        const std::string text(name.str());
        const auto& declared = m_scope.declared;
        if (std::find(declared.begin(), declared.end(), text) == declared.end()) {
            std::string message = where + "." + key_text(text) + " overrides environment " +
                                  dactl::quoted(text) + ", which dactl.toml does not declare";
            if (declared.empty()) {
                message += "; declare it there as [env." + key_text(text) + "]";
            } else {
                message += suggestion(text, declared, "the environments are");
            }
            m_file.error(name.source().begin, message);
            continue;
        }
        const toml::table* keys = value.as_table();
        if (keys == nullptr) {
            wrong_type(where + "." + key_text(text), "a table", value);
            continue;
        }
        if (const toml::node* nested = keys->get("env")) {
            m_file.error(nested->source().begin,
                         where + "." + key_text(text) + " cannot hold env: overrides do not nest");
        }
        m_action.overridden_in.push_back(text);
        if (text == m_scope.chosen) {
            m_override = keys;
            m_action.override_where = m_file.position(header_of(name, *keys));
        }
    }
}

// The base's keys the override does not replace, then the override's; a table
// both write is read as one, key by key.
void ActionReader::read_layers() {
    const bool reselects =
        m_override != nullptr && (m_override->contains("id") || m_override->contains("name"));
    for (auto&& [key, value] : m_table) {
        const std::string_view name = key.str();
        if (name == "env" || (reselects && (name == "id" || name == "name"))) {
            continue;
        }
        const toml::node* over = m_override != nullptr ? m_override->get(name) : nullptr;
        if (over == nullptr) {
            read_action_key(key, value);
        } else if (name != "probe" && value.is_table() && over->is_table()) {
            read_action_key(key, value, over->as_table());
        }
    }
    if (m_override == nullptr) {
        return;
    }
    m_in_override = true;
    for (auto&& [key, value] : *m_override) {
        const toml::node* base = m_table.get(key.str());
        if (key.str() == "env") {
            continue;  // reported by read_overrides
        }
        if (base == nullptr || key.str() == "probe" || !base->is_table() || !value.is_table()) {
            read_action_key(key, value);
        }
    }
    m_in_override = false;
}

void ActionReader::read_action_key(const toml::key& key, const toml::node& value,
                                   const toml::table* over) {
    const std::string_view name = key.str();
    if (name == "name") {
        read_selector_key(m_name, key, value);
    } else if (name == "id") {
        read_selector_key(m_id, key, value);
        check_id(value);
    } else if (name == "request") {
        read_table(TableLevel::request, value, over);
    } else if (name == "response") {
        read_table(TableLevel::response, value, over);
    } else if (name == "function") {
        read_table(TableLevel::function, value, over);
    } else if (name == "probe") {
        read_table(TableLevel::probe, value);
    } else if (accepts(TableLevel::action, name)) {
        read_field(*field_from_key(name), key, value);
    } else {
        m_file.error(key.source().begin,
                     unknown_key_message(name, TableLevel::action, m_label_text));
    }
}

void ActionReader::read_table(TableLevel level, const toml::node& node, const toml::table* over) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        wrong_type(std::string(table_key(level)), "a table", node);
        return;
    }
    if (level == TableLevel::probe) {
        read_probe(*table);
        return;
    }
    const auto read_key = [&](const toml::key& key, const toml::node& value) {
        if (accepts(level, key.str())) {
            const std::string full_key =
                std::string(table_key(level)) + "." + std::string(key.str());
            read_field(*field_from_key(full_key), key, value);
        } else {
            m_file.error(key.source().begin, unknown_key_message(key.str(), level, m_label_text));
        }
    };
    for (auto&& [key, value] : *table) {
        if (over == nullptr || !over->contains(key.str())) {
            read_key(key, value);
        }
    }
    if (over != nullptr) {
        const bool was = std::exchange(m_in_override, true);
        for (auto&& [key, value] : *over) {
            read_key(key, value);
        }
        m_in_override = was;
    }
}

void ActionReader::read_field(Field field, const toml::key& key, const toml::node& value) {
    std::optional<Value> result = FieldReader(m_file).value(field, value);
    if (result) {
        m_action.managed[field] = std::move(*result);
        m_action.positions[field] = m_file.position(key.source().begin);
        if (m_in_override) {
            m_action.overridden_fields.insert(field);
        } else {
            m_action.overridden_fields.erase(field);
        }
    }
}

void ActionReader::read_selector_key(std::optional<Written>& slot, const toml::key& key,
                                     const toml::node& value) {
    m_selector_written = true;
    if (std::optional<std::string> written =
            FieldReader(m_file).non_empty_text(std::string(key.str()), value)) {
        slot = Written{std::move(*written), key.source().begin};
    }
}

// An id as the API gives it: one action's, with nothing a copy and paste
// could have brought along (a list, spaces, invisible characters).
void ActionReader::check_id(const toml::node& value) {
    const auto* text = value.as_string();
    if (text == nullptr || text->get().empty()) {
        return;  // non_empty_text said so
    }
    const std::string& id = text->get();
    if (id.find(',') != std::string::npos) {
        m_file.error(value.source().begin,
                     "id " + dactl::quoted(id) +
                         " lists more than one id; an [action.<label>] table selects one action, "
                         "so declare each in its own table");
    } else if (id.find_first_of(" \t") != std::string::npos || printable(id) != id) {
        m_file.error(value.source().begin,
                     "id " + dactl::quoted(id) +
                         " holds spaces or invisible characters, which no action id has; copy "
                         "the id again (dactl export shows each action's)");
    }
}

void ActionReader::read_probe(const toml::table& probe) {
    ProbeSpec spec{"{}", m_file.position(probe.source().begin)};
    bool ok = true;
    for (auto&& [key, value] : probe) {
        if (key.str() != "input") {
            m_file.error(key.source().begin,
                         unknown_key_message(key.str(), TableLevel::probe, m_label_text));
            continue;
        }
        spec.where = m_file.position(key.source().begin);
        const toml::table* input = value.as_table();
        std::optional<std::string> json;
        if (input == nullptr) {
            wrong_type("probe.input", "a table", value);
        } else {
            json = probe_input_json(*input, "probe.input", m_file);
        }
        ok = ok && json.has_value();
        spec.input_json = json.value_or("{}");
    }
    if (ok) {
        m_action.probe = std::move(spec);
    }
}

void ActionReader::settle_selector() {
    if (m_id) {
        m_action.selector = Selector{Selector::By::id, m_id->value};
        m_action.selector_where = m_file.position(m_id->key_at);
        if (m_name) {
            m_action.managed[Field::name] = Value(m_name->value);
            m_action.positions[Field::name] = m_file.position(m_name->key_at);
        }
    } else if (m_name) {
        m_action.selector = Selector{Selector::By::name, m_name->value};
        m_action.selector_where = m_file.position(m_name->key_at);
    } else if (!m_selector_written) {
        m_file.error(header_of(m_label, m_table),
                     "action." + m_label_text +
                         " has neither name nor id; add name = \"<the action's exact name>\" or "
                         "id = \"<its id>\"");
    }
}

void ActionReader::wrong_type(const std::string& name, std::string_view expected,
                              const toml::node& value) {
    m_file.error(value.source().begin,
                 name + " must be " + std::string(expected) + ", found " + describe_type(value));
}

}  // namespace

std::optional<DesiredAction> read_action(const toml::key& label, const toml::node& node,
                                         const EnvironmentScope& scope, ManifestFile& file) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(node.source().begin, "action." + key_text(label.str()) +
                                            " must be a table, found " + describe_type(node) +
                                            "; declare each action as [action.<label>]");
        return std::nullopt;
    }
    return ActionReader(label, *table, scope, file).read();
}

}  // namespace dactl::manifest
