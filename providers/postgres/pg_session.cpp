#include "providers/postgres/pg_session.h"

#include <cstdlib>
#include <libpq-fe.h>
#include <string>

namespace dactl::postgres {

namespace {

// libpq's messages end in newlines and may span lines; one line each.
std::string one_line(const char* text) {
    std::string line;
    bool space = false;
    for (const char* c = text; c != nullptr && *c != '\0'; ++c) {
        if (*c == '\n' || *c == '\t' || *c == ' ') {
            space = !line.empty();
            continue;
        }
        if (space) {
            line += ' ';
            space = false;
        }
        line += *c;
    }
    return line;
}

}  // namespace

Result<std::unique_ptr<PgSession>> PgSession::connect(const std::string& conninfo) {
    // application_name names dactl in pg_stat_activity; a URI's own values
    // (dbname is expanded last) take precedence over it.
    std::vector<const char*> keys = {"application_name"};
    std::vector<const char*> values = {"dactl"};
    if (std::getenv("PGCONNECT_TIMEOUT") == nullptr) {
        keys.push_back("connect_timeout");
        values.push_back("10");
    }
    if (!conninfo.empty()) {
        keys.push_back("dbname");
        values.push_back(conninfo.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    pg_conn* connection = PQconnectdbParams(keys.data(), values.data(), 1);
    if (connection == nullptr) {
        return make_error(ErrorKind::transport, "out of memory connecting to the database");
    }
    if (PQstatus(connection) != CONNECTION_OK) {
        std::string message = one_line(PQerrorMessage(connection));
        PQfinish(connection);
        return make_error(ErrorKind::transport, message);
    }
    // The server's notices (a shutdown's WARNING) are not dactl's output.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    return std::unique_ptr<PgSession>(new PgSession(connection));
}

PgSession::~PgSession() {
    PQfinish(m_connection);
}

std::variant<Rows, PgFailure> PgSession::run(const std::string& sql,
                                             const std::vector<std::string>& parameters) {
    if (PQstatus(m_connection) != CONNECTION_OK) {
        PQreset(m_connection);
        if (PQstatus(m_connection) != CONNECTION_OK) {
            return PgFailure{"", one_line(PQerrorMessage(m_connection)), true};
        }
    }
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const std::string& parameter : parameters) {
        values.push_back(parameter.c_str());
    }
    // Without parameters, the simple protocol: it takes several statements at once.
    PGresult* result =
        values.empty() ? PQexec(m_connection, sql.c_str())
                       : PQexecParams(m_connection, sql.c_str(), static_cast<int>(values.size()),
                                      nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state =
            result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const std::string sqlstate = state != nullptr ? state : "";
        // No SQLSTATE: libpq lost the server (it closed, crashed, the network
        // went); class 08 and 57P (shutdown) say so from the server's side.
        const bool lost = PQstatus(m_connection) != CONNECTION_OK || sqlstate.empty() ||
                          sqlstate.starts_with("08") || sqlstate.starts_with("57P");
        PgFailure failure{sqlstate, one_line(PQerrorMessage(m_connection)), lost};
        PQclear(result);
        return failure;
    }
    Rows rows;
    const char* affected = PQcmdTuples(result);
    rows.affected = affected != nullptr && *affected != '\0' ? std::atol(affected) : 0;
    for (int row = 0; row < PQntuples(result); ++row) {
        std::vector<std::string> fields;
        fields.reserve(static_cast<std::size_t>(PQnfields(result)));
        for (int column = 0; column < PQnfields(result); ++column) {
            fields.emplace_back(PQgetvalue(result, row, column));
        }
        rows.rows.push_back(std::move(fields));
    }
    PQclear(result);
    return rows;
}

std::string PgSession::user() const {
    const char* name = PQuser(m_connection);
    return name != nullptr ? name : "";
}

std::optional<std::string> password_in(const std::string& conninfo) {
    if (conninfo.empty()) {
        return std::nullopt;
    }
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    PQfreemem(error);
    std::optional<std::string> password;
    for (PQconninfoOption* option = options; option != nullptr && option->keyword != nullptr;
         ++option) {
        if (std::string(option->keyword) == "password" && option->val != nullptr &&
            *option->val != '\0') {
            password = option->val;
        }
    }
    PQconninfoFree(options);
    return password;
}

}  // namespace dactl::postgres
