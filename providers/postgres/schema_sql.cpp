// The SQL of the postgres backend's schema, and the grants a role needs.

#include "providers/postgres/postgres_backend.h"

namespace dactl::postgres {

std::string schema_sql(const std::string& schema) {
    const std::string s = "\"" + schema + "\".";
    return "CREATE SCHEMA IF NOT EXISTS \"" + schema +
           "\";\n"
           "CREATE TABLE IF NOT EXISTS " +
           s +
           "schema_version (version integer NOT NULL);\n"
           "INSERT INTO " +
           s + "schema_version SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM " + s +
           "schema_version);\n"
           "CREATE TABLE IF NOT EXISTS " +
           s +
           "heads (project text NOT NULL, environment text "
           "NOT NULL, serial bigint NOT NULL, lineage text NOT NULL, PRIMARY KEY (project, "
           "environment));\n"
           "CREATE TABLE IF NOT EXISTS " +
           s +
           "states (project text NOT NULL, environment text "
           "NOT NULL, serial bigint NOT NULL, lineage text NOT NULL, document text NOT NULL, "
           "written_at timestamptz NOT NULL DEFAULT now(), command text NOT NULL, who text NOT "
           "NULL, run text NOT NULL, changed integer NOT NULL, PRIMARY KEY (project, "
           "environment, serial));\n"
           "CREATE TABLE IF NOT EXISTS " +
           s +
           "locks (project text NOT NULL, environment text "
           "NOT NULL, id text NOT NULL, operation text NOT NULL, who text NOT NULL, host text "
           "NOT NULL, pid bigint NOT NULL, ci_url text NOT NULL, version text NOT NULL, "
           "created_at text NOT NULL, PRIMARY KEY (project, environment));";
}

std::string grants_sql(const std::string& schema, const std::string& role) {
    const std::string s = "\"" + schema + "\"";
    const std::string r = "\"" + role + "\"";
    return "GRANT USAGE ON SCHEMA " + s + " TO " + r +
           ";\n"
           "GRANT SELECT ON " +
           s + ".schema_version TO " + r +
           ";\n"
           "GRANT SELECT, INSERT, UPDATE ON " +
           s + ".heads TO " + r +
           ";\n"
           "GRANT SELECT, INSERT ON " +
           s + ".states TO " + r +
           ";\n"
           "GRANT SELECT, INSERT, DELETE ON " +
           s + ".locks TO " + r + ";";
}

}  // namespace dactl::postgres
