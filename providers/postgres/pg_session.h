#pragma once
// PgSession: one libpq connection, the only place dactl calls libpq. Each
// statement takes its values as parameters (never spliced into the SQL) and
// answers rows of text or an error naming the server's SQLSTATE; a connection
// found lost is re-established once before a statement.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/util/result.h"

struct pg_conn;

namespace dactl::postgres {

/// The rows a statement answered, as text (SQL NULL as "").
struct Rows {
    std::vector<std::vector<std::string>> rows;
    long affected = 0;  ///< rows an INSERT, UPDATE or DELETE touched
};

/// A failed statement or connection: the server's SQLSTATE ("42501") when it
/// answered, and libpq's message in one line.
struct PgFailure {
    std::string sqlstate;
    std::string message;
    bool connection_lost = false;
};

class PgSession {
public:
    /// Connects with `conninfo` (a URI or key=value string; "" takes libpq's
    /// PG* variables and service file alone).
    static Result<std::unique_ptr<PgSession>> connect(const std::string& conninfo);
    ~PgSession();
    PgSession(const PgSession&) = delete;
    PgSession& operator=(const PgSession&) = delete;

    /// Runs one statement with `parameters` as $1, $2...
    std::variant<Rows, PgFailure> run(const std::string& sql,
                                      const std::vector<std::string>& parameters = {});
    /// The role connected as.
    std::string user() const;

private:
    explicit PgSession(pg_conn* connection) : m_connection(connection) {}
    pg_conn* m_connection;
};

/// The password a connection string or URI holds, if any (to be redacted).
std::optional<std::string> password_in(const std::string& conninfo);

}  // namespace dactl::postgres
