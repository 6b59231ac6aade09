#include "providers/postgres/postgres_backend.h"

#include <algorithm>

#include "engine/state/state_codec.h"
#include "engine/util/interrupt.h"
#include "providers/postgres/pg_session.h"

namespace dactl::postgres {

namespace {

constexpr const char* k_insufficient_privilege = "42501";
constexpr const char* k_undefined_table = "42P01";
constexpr const char* k_invalid_schema = "3F000";

std::string failure_text(const PgFailure& failure) {
    return failure.message.empty() ? "the server answered SQLSTATE " + failure.sqlstate
                                   : failure.message;
}

class PostgresBackend;

class PostgresLease final : public StateLease {
public:
    PostgresLease(PostgresBackend& backend, LockInfo info)
        : m_backend(backend), m_info(std::move(info)) {}
    ~PostgresLease() override;
    const LockInfo& info() const override { return m_info; }

private:
    PostgresBackend& m_backend;
    LockInfo m_info;
};

class PostgresBackend final : public StateBackend {
public:
    explicit PostgresBackend(PostgresTarget target) : m_target(std::move(target)) {}

    std::string location() const override {
        return "postgres schema " + m_target.schema + ", project " + m_target.project +
               (m_target.environment.empty() ? "" : ", environment " + m_target.environment);
    }

    Result<std::optional<State>> read() override {
        return one_state(
            query("SELECT document FROM " + table("states") +
                      " WHERE project = $1 AND environment = $2 ORDER BY serial DESC LIMIT 1",
                  {}),
            "the state");
    }

    Result<std::optional<State>> read_version(std::int64_t serial) override {
        return one_state(query("SELECT document FROM " + table("states") +
                                   " WHERE project = $1 AND environment = $2 AND serial = $3",
                               {std::to_string(serial)}),
                         "version " + std::to_string(serial));
    }

    Result<std::unique_ptr<StateLease>> lock(const LockRequest& request) override {
        const auto deadline = std::chrono::steady_clock::now() + request.wait;
        auto delay = std::chrono::milliseconds(250);
        bool told = false;
        const LockInfo& me = request.holder;
        while (true) {
            Result<Rows> taken =
                query("INSERT INTO " + table("locks") +
                          " (project, environment, id, operation, who, host, pid, ci_url, version, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                          "ON CONFLICT (project, environment) DO NOTHING",
                      {me.id, me.command, me.who, me.host, std::to_string(me.pid), me.ci_url,
                       me.version, me.created_at});
            if (!taken) {
                return taken.error();
            }
            if (taken->affected == 1) {
                m_lock_id = me.id;
                return std::unique_ptr<StateLease>(std::make_unique<PostgresLease>(*this, me));
            }
            Result<std::optional<LockInfo>> holder = lock_holder();
            if (!holder) {
                return holder.error();
            }
            if (!*holder) {
                continue;  // released meanwhile
            }
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline) {
                return make_error(ErrorKind::conflict,
                                  "the state (" + location() + ") is locked by " +
                                      holder_text(**holder) +
                                      "; wait for it (--lock-timeout), or if that run died: "
                                      "dactl force-unlock " +
                                      (*holder)->id);
            }
            if (!told && request.waiting) {
                request.waiting(**holder);
                told = true;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
            if (!sleep_unless_interrupted(std::min(delay, left), request.interrupted)) {
                return make_error(ErrorKind::cancelled,
                                  "interrupted while waiting for the lock; nothing was changed");
            }
            delay = std::min(delay * 2, std::chrono::milliseconds(4000));
        }
    }

    Result<std::optional<LockInfo>> lock_holder() override {
        Result<Rows> found =
            query("SELECT id, operation, who, host, pid, ci_url, version, created_at FROM " +
                      table("locks") + " WHERE project = $1 AND environment = $2",
                  {});
        if (!found) {
            return found.error();
        }
        if (found->rows.empty()) {
            return std::optional<LockInfo>();
        }
        const std::vector<std::string>& row = found->rows.front();
        LockInfo info;
        info.id = row[0];
        info.command = row[1];
        info.who = row[2];
        info.host = row[3];
        info.pid = std::atol(row[4].c_str());
        info.ci_url = row[5];
        info.version = row[6];
        info.created_at = row[7];
        return std::optional<LockInfo>(std::move(info));
    }

    Status force_unlock(const std::string& id) override {
        Result<std::optional<LockInfo>> holder = lock_holder();
        if (!holder) {
            return holder.error();
        }
        if (!*holder) {
            return make_error(ErrorKind::invalid_input,
                              "the state (" + location() + ") is not locked");
        }
        if ((*holder)->id != id) {
            return make_error(
                ErrorKind::invalid_input,
                "the lock's id is " + (*holder)->id + ", not " + id + "; nothing was removed");
        }
        Result<Rows> removed = release(id);
        return removed ? Status() : Status(removed.error());
    }

    Status write(const State& state, std::int64_t expected, const WriteOrigin& origin) override {
        Result<Rows> begun = query("BEGIN", {}, false);
        if (!begun) {
            return begun.error();
        }
        Status written = write_in_transaction(state, expected, origin);
        Result<Rows> ended = query(written ? "COMMIT" : "ROLLBACK", {}, false);
        if (written && !ended) {
            return ended.error();
        }
        return written;
    }

    Result<std::vector<StateVersion>> history() override {
        Result<Rows> found = query(
            "SELECT serial, lineage, to_char(written_at AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), command, who, run, changed FROM " +
                table("states") + " WHERE project = $1 AND environment = $2 ORDER BY serial DESC",
            {});
        if (!found) {
            return found.error();
        }
        std::vector<StateVersion> versions;
        for (const std::vector<std::string>& row : found->rows) {
            versions.push_back(
                StateVersion{std::atoll(row[0].c_str()), row[1], row[2],
                             WriteOrigin{row[3], row[4], row[5], std::atoi(row[6].c_str())}});
        }
        return versions;
    }

    /// Deletes the lock row with this id (a lease's release, force-unlock).
    Result<Rows> release(const std::string& id) {
        if (id == m_lock_id) {
            m_lock_id.clear();
        }
        return query("DELETE FROM " + table("locks") +
                         " WHERE project = $1 AND environment = $2 AND id = $3",
                     {id});
    }

private:
    std::string table(const std::string& name) const {
        return "\"" + m_target.schema + "\"." + name;
    }

    Status write_in_transaction(const State& state, std::int64_t expected,
                                const WriteOrigin& origin) {
        Result<Rows> head =
            expected == 0
                ? query("INSERT INTO " + table("heads") +
                            " (project, environment, serial, lineage) VALUES ($1, $2, $3, $4) "
                            "ON CONFLICT (project, environment) DO NOTHING",
                        {std::to_string(state.serial), state.lineage})
                : query("UPDATE " + table("heads") +
                            " SET serial = $3 WHERE project = $1 AND environment = $2 "
                            "AND lineage = $4 AND serial = $5",
                        {std::to_string(state.serial), state.lineage, std::to_string(expected)});
        if (!head) {
            return head.error();
        }
        if (head->affected != 1) {
            return refused(state, expected);
        }
        Result<Rows> inserted =
            query("INSERT INTO " + table("states") +
                      " (project, environment, serial, lineage, document, command, who, run, "
                      "changed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                  {std::to_string(state.serial), state.lineage, encode_state(state), origin.command,
                   origin.who, origin.run, std::to_string(origin.changed)});
        return inserted ? Status() : Status(inserted.error());
    }

    // Why a compare-and-swap was refused: another version, or another lineage.
    Error refused(const State& state, std::int64_t expected) {
        Result<Rows> head = query("SELECT serial, lineage FROM " + table("heads") +
                                      " WHERE project = $1 AND environment = $2",
                                  {});
        std::string found = "no state";
        std::string lineage;
        if (head && !head->rows.empty()) {
            found = "serial " + head->rows[0][0];
            lineage = head->rows[0][1];
        }
        if (!lineage.empty() && lineage != state.lineage) {
            return make_error(ErrorKind::conflict,
                              "the state (" + location() + ") has the lineage " + lineage +
                                  ", not " + state.lineage +
                                  " (another project's state?); nothing was written");
        }
        return make_error(ErrorKind::conflict,
                          "the state (" + location() + ") holds " + found + ", not the serial " +
                              std::to_string(expected) +
                              " this run read: another run wrote it meanwhile; nothing was "
                              "written");
    }

    Result<std::optional<State>> one_state(Result<Rows> found, const std::string& what) {
        if (!found) {
            return found.error();
        }
        if (found->rows.empty()) {
            return std::optional<State>();
        }
        Result<State> state = decode_state(found->rows.front().front());
        if (!state) {
            return make_error(ErrorKind::invalid_input,
                              location() + ", " + what + ": " + state.error().message);
        }
        return std::optional<State>(std::move(state).value());
    }

    // Runs a statement with the project and environment as $1 and $2 (when
    // `keyed`) before `parameters`, connecting first when needed.
    Result<Rows> query(const std::string& sql, std::vector<std::string> parameters,
                       bool keyed = true) {
        if (Status ready = connected(); !ready) {
            return ready.error();
        }
        if (keyed) {
            parameters.insert(parameters.begin(), {m_target.project, m_target.environment});
        }
        std::variant<Rows, PgFailure> answer = m_session->run(sql, parameters);
        if (auto* failure = std::get_if<PgFailure>(&answer)) {
            return failed(*failure);
        }
        return std::get<Rows>(std::move(answer));
    }

    Error failed(const PgFailure& failure) const {
        if (failure.connection_lost) {
            std::string text = "lost the connection to the state database (" + m_target.source +
                               "): " + failure_text(failure);
            if (!m_lock_id.empty()) {
                text += "; the lock " + m_lock_id +
                        " may still be held: once the database answers, dactl force-unlock " +
                        m_lock_id;
            }
            return make_error(ErrorKind::transport, text);
        }
        if (failure.sqlstate == k_insufficient_privilege) {
            return make_error(ErrorKind::forbidden,
                              "the role " + m_session->user() + " may not do this in the schema " +
                                  m_target.schema + " (" + failure_text(failure) +
                                  "); it needs the grants in docs/state.md:\n" +
                                  grants_sql(m_target.schema, m_session->user()));
        }
        return make_error(ErrorKind::generic,
                          "the state database (" + m_target.source +
                              ") refused a statement: " + failure_text(failure));
    }

    // Connects at first use and makes sure the schema is there and current.
    Status connected() {
        if (m_session) {
            return {};
        }
        Result<std::unique_ptr<PgSession>> session = PgSession::connect(m_target.conninfo);
        if (!session) {
            return make_error(ErrorKind::transport, "cannot connect to the state database (" +
                                                        m_target.source +
                                                        "): " + session.error().message);
        }
        m_session = std::move(session).value();
        Status schema = current_schema();
        if (!schema) {
            m_session.reset();
        }
        return schema;
    }

    Status current_schema() {
        std::variant<Rows, PgFailure> version =
            m_session->run("SELECT max(version) FROM " + table("schema_version"));
        if (auto* failure = std::get_if<PgFailure>(&version)) {
            if (failure->sqlstate != k_undefined_table && failure->sqlstate != k_invalid_schema) {
                return failed(*failure);
            }
            return make_schema();
        }
        const Rows& rows = std::get<Rows>(version);
        const int found = rows.rows.empty() ? 0 : std::atoi(rows.rows[0][0].c_str());
        if (found > k_schema_version) {
            return make_error(ErrorKind::invalid_input,
                              "the schema " + m_target.schema +
                                  " was made by a newer dactl "
                                  "(schema version " +
                                  std::to_string(found) + "; this dactl knows " +
                                  std::to_string(k_schema_version) + "): upgrade dactl");
        }
        return {};
    }

    // Makes the schema in one transaction; two runners doing it at once are
    // serialised by an advisory lock.
    Status make_schema() {
        std::string sql = "BEGIN; SELECT pg_advisory_xact_lock(hashtext('dactl schema " +
                          m_target.schema + "')); " + schema_sql(m_target.schema) + " COMMIT;";
        std::variant<Rows, PgFailure> made = m_session->run(sql);
        if (auto* failure = std::get_if<PgFailure>(&made)) {
            m_session->run("ROLLBACK");
            if (failure->sqlstate == k_insufficient_privilege) {
                return make_error(ErrorKind::forbidden,
                                  "the schema " + m_target.schema +
                                      " does not exist and the role " + m_session->user() +
                                      " may not create it (" + failure_text(*failure) +
                                      "); have its owner run this once (docs/state.md):\n" +
                                      schema_sql(m_target.schema) + "\n" +
                                      grants_sql(m_target.schema, m_session->user()));
            }
            return failed(*failure);
        }
        return {};
    }

    PostgresTarget m_target;
    std::unique_ptr<PgSession> m_session;
    std::string m_lock_id;  ///< the lock this run holds, for a lost connection's message
};

PostgresLease::~PostgresLease() {
    (void)m_backend.release(m_info.id);
}

}  // namespace

std::unique_ptr<StateBackend> make_postgres_backend(PostgresTarget target) {
    return std::make_unique<PostgresBackend>(std::move(target));
}

}  // namespace dactl::postgres
