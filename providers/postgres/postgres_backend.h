#pragma once
// The postgres state backend: every environment's state, lock and history in
// one database that every runner shares (docs/state.md). Each write is a
// compare-and-swap on the serial; every version is kept; the lock is a row
// that names its holder and never expires by itself.

#include <memory>
#include <string>

#include "engine/state/state_backend.h"

namespace dactl::postgres {

/// Where a project's states live in the database.
struct PostgresTarget {
    std::string conninfo;     ///< a URI or key=value string; "" takes libpq's PG* variables
    std::string source;       ///< how messages name it: "libpq's PG* variables" or "$VAR"
    std::string schema;       ///< [a-z0-9_]+, checked when dactl.toml is read
    std::string project;      ///< the key the project's states live under
    std::string environment;  ///< "" for a project without environments
};

/// The schema version this dactl makes and reads.
inline constexpr int k_schema_version = 1;

/// The SQL that makes the schema (what a role that may not create it asks an
/// administrator to run), and the least privileges a role needs afterwards.
std::string schema_sql(const std::string& schema);
std::string grants_sql(const std::string& schema, const std::string& role);

/// A backend that connects at its first use (and makes the schema then when
/// it is missing and the role may).
std::unique_ptr<StateBackend> make_postgres_backend(PostgresTarget target);

}  // namespace dactl::postgres
