// dactl.toml's [state] table: the backend, and never the connection itself.

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "engine/manifest/settings_reader.h"
#include "engine/text/quote.h"
#include "engine/text/suggest.h"
#include "engine/text/word_list.h"

namespace dactl::manifest {

namespace {

constexpr std::array<std::string_view, 4> k_state_keys = {"backend", "schema", "project",
                                                          "conn_env"};
// Keys someone may try for the connection itself; none belongs in a file.
constexpr std::array<std::string_view, 12> k_connection_keys = {
    "password", "conn", "connection", "conninfo", "uri",    "url",
    "dsn",      "host", "port",       "user",     "dbname", "database"};

bool is_schema_name(std::string_view name) {
    return !name.empty() && name.size() <= 63 && !(name[0] >= '0' && name[0] <= '9') &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
           });
}

bool is_project_key(std::string_view name) {
    return !name.empty() && name.size() <= 200 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.' || c == '/';
    });
}

// One key of [state] into `state`.
void read_state_key(const std::string& name, const toml::key& key, const toml::node& value,
                    ManifestFile& file, StateSettings& state) {
    const auto* text = value.as_string();
    const std::string path = "state." + name;
    if (std::find(k_connection_keys.begin(), k_connection_keys.end(), name) !=
        k_connection_keys.end()) {
        file.error(key.source().begin,
                   path +
                       ": the database connection and its password never go in dactl.toml; "
                       "set libpq's variables (PGHOST, PGDATABASE, PGUSER, PGPASSWORD, "
                       "PGSSLMODE or PGSERVICE), or put a connection URI in a variable and "
                       "name it with conn_env");
    } else if (std::find(k_state_keys.begin(), k_state_keys.end(), name) == k_state_keys.end()) {
        std::vector<std::string> keys(k_state_keys.begin(), k_state_keys.end());
        const std::vector<std::string> close = closest_matches(name, keys, 1);
        file.error(key.source().begin, "unknown key " + dactl::quoted(name) + " in [state]; " +
                                           (close.empty() ? "the keys are " + word_list(keys)
                                                          : "did you mean " + close[0] + "?"));
    } else if (text == nullptr) {
        file.error(value.source().begin, path + " must be a string, found " + describe_type(value));
    } else if (name == "backend") {
        if (text->get() == "local" || text->get() == "postgres") {
            state.backend =
                text->get() == "local" ? StateBackendKind::local : StateBackendKind::postgres;
        } else {
            file.error(value.source().begin,
                       "state.backend must be \"local\" or \"postgres\", "
                       "found " +
                           dactl::quoted(text->get()));
        }
    } else if (name == "schema") {
        if (is_schema_name(text->get())) {
            state.schema = text->get();
        } else {
            file.error(value.source().begin,
                       "state.schema must be a schema name (a-z, 0-9 and _, not starting with a "
                       "digit, at most 63), found " +
                           dactl::quoted(text->get()));
        }
    } else if (name == "project") {
        if (is_project_key(text->get())) {
            state.project = text->get();
        } else {
            file.error(value.source().begin,
                       "state.project must be a key of letters, digits, _, -, . and / (at most "
                       "200), e.g. \"contact-centre/prod-actions\", found " +
                           dactl::quoted(text->get()));
        }
    } else if (is_variable_name(text->get())) {
        state.conn_env = text->get();
    } else {
        file.error(value.source().begin,
                   "state.conn_env must name an environment variable (letters, digits and _) "
                   "that holds the connection URI; the URI itself never goes in a file");
    }
}

}  // namespace

StateSettings read_state_settings(const toml::node& node, ManifestFile& file) {
    StateSettings state;
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(node.source().begin,
                   "state must be a table ([state]), found " + describe_type(node));
        return state;
    }
    state.where = file.position(table->source().begin);
    for (auto&& [key, value] : *table) {
        read_state_key(std::string(key.str()), key, value, file, state);
    }
    if (state.backend == StateBackendKind::postgres && state.project.empty()) {
        file.error(table->source().begin,
                   "[state] with backend = \"postgres\" needs project, the key this project's "
                   "states live under in the database (e.g. project = \"contact-centre\"), so "
                   "that two repositories sharing a database never share a state");
    }
    return state;
}

}  // namespace dactl::manifest
