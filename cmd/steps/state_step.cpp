#include "cmd/steps/state_step.h"

#include <unistd.h>

#include "cmd/build_info.h"
#include "engine/apply/next_state.h"
#include "engine/state/local_backend.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/state/state_key.h"
#include "engine/util/time_text.h"
#include "engine/util/uuid.h"
#include "providers/postgres/pg_session.h"
#include "providers/postgres/postgres_backend.h"

namespace dactl::cli {

namespace {

std::string host_name() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : "unknown";
}

std::string variable(Session& session, const char* name) {
    return session.context().environment(name).value_or("");
}

// The CI run's URL when the run is a GitHub Actions job, else "".
std::string ci_run_url(Session& session) {
    const std::string server = variable(session, "GITHUB_SERVER_URL");
    const std::string repository = variable(session, "GITHUB_REPOSITORY");
    const std::string run = variable(session, "GITHUB_RUN_ID");
    if (server.empty() || repository.empty() || run.empty()) {
        return "";
    }
    return server + "/" + repository + "/actions/runs/" + run;
}

// user@host; in a GitHub Actions job the actor who started it.
std::string who(Session& session) {
    std::string user = variable(session, "GITHUB_ACTOR");
    for (const char* name : {"USER", "LOGNAME"}) {
        user = user.empty() ? variable(session, name) : user;
    }
    return (user.empty() ? "unknown" : user) + "@" + host_name();
}

Result<std::unique_ptr<StateBackend>> make_backend(Session& session, const Project& project) {
    const StateSettings& settings = project.settings.state;
    if (settings.backend == StateBackendKind::local) {
        return local_backend(project);
    }
    postgres::PostgresTarget target{"", "libpq's PG* variables", settings.schema, settings.project,
                                    project.environment};
    if (settings.conn_env) {
        std::optional<std::string> uri = session.context().environment(settings.conn_env->c_str());
        if (!uri || uri->empty()) {
            return make_error(ErrorKind::invalid_input,
                              "[state] conn_env names " + *settings.conn_env +
                                  ", which is not set: put the database's connection URI in it "
                                  "(docs/state.md)");
        }
        target.conninfo = *uri;
        target.source = "the URI in $" + *settings.conn_env;
        session.context().redactor->add(*uri);
        session.context().redactor->add(postgres::password_in(*uri).value_or(""));
    }
    session.context().redactor->add(variable(session, "PGPASSWORD"));
    return postgres::make_postgres_backend(std::move(target));
}

}  // namespace

std::filesystem::path state_home(const Project& project) {
    return state_directory(project.directory, project.environment);
}

std::unique_ptr<StateBackend> local_backend(const Project& project) {
    return std::make_unique<LocalStateBackend>(state_home(project));
}

Result<StateBackend*> state_backend(Session& session, const Project& project) {
    auto& backends = session.state_backends();
    auto found = backends.find(project.environment);
    if (found == backends.end()) {
        Result<std::unique_ptr<StateBackend>> made = make_backend(session, project);
        if (!made) {
            return made.error();
        }
        found = backends.emplace(project.environment, std::move(made).value()).first;
    }
    return found->second.get();
}

std::string state_location(Session& session, const Project& project) {
    Result<StateBackend*> backend = state_backend(session, project);
    return backend ? (*backend)->location() : state_path(state_home(project)).string();
}

Result<std::optional<State>> read_project_state(Session& session, const Project& project) {
    Result<StateBackend*> backend = state_backend(session, project);
    if (!backend) {
        return backend.error();
    }
    return (*backend)->read();
}

LockInfo lock_request_holder(Session& session, const std::string& command) {
    LockInfo holder;
    holder.id = random_uuid();
    holder.pid = static_cast<long>(::getpid());
    holder.host = host_name();
    holder.created_at = utc_timestamp(session.context().now());
    holder.command = command;
    holder.who = who(session);
    holder.ci_url = ci_run_url(session);
    holder.version = std::string(build_info().version);
    return holder;
}

WriteOrigin write_origin(Session& session, const std::string& command, int changed) {
    const std::string url = ci_run_url(session);
    return WriteOrigin{command, who(session), url.empty() ? host_name() : url, changed};
}

std::optional<LockedState> lock_state(Session& session, const Project& project,
                                      const std::string& command) {
    Result<StateBackend*> backend = state_backend(session, project);
    if (!backend) {
        session.fail(backend.error().message);
        return std::nullopt;
    }
    const bool fingerprints = command == "apply" || command == "import";
    if (fingerprints && project.settings.state.backend == StateBackendKind::postgres &&
        variable(session, "DACTL_STATE_KEY").empty()) {
        session.fail(
            "the postgres backend is shared by every runner, so the state's fingerprints "
            "of secret header values need one key for all: set DACTL_STATE_KEY (64 hex "
            "digits, a secret of the pipeline; docs/state.md); nothing was changed");
        return std::nullopt;
    }
    LockRequest request{lock_request_holder(session, command), session.options().lock_timeout,
                        session.context().interrupted, [&](const LockInfo& holder) {
                            session.tell("Waiting for the lock: held by " + holder_text(holder));
                        }};
    Result<std::unique_ptr<StateLease>> lock = (*backend)->lock(request);
    if (!lock) {
        session.fail(lock.error().message);
        return std::nullopt;
    }
    Result<std::optional<State>> state = (*backend)->read();
    if (!state) {
        session.fail(state.error().message + "; fix or remove it first");
        return std::nullopt;
    }
    return LockedState{std::move(lock).value(), std::move(state).value(), (*backend)->location()};
}

Status record_state(Session& session, const Project& project, const std::optional<State>& previous,
                    const StateUpdate& update) {
    Context& context = session.context();
    Result<StateBackend*> backend = state_backend(session, project);
    if (!backend) {
        return backend.error();
    }
    Result<std::string> key =
        state_key_for_writing(state_home(project), context.environment("DACTL_STATE_KEY"));
    if (!key) {
        return key.error();
    }
    State state = next_state(previous, update.bindings, update.report, utc_timestamp(context.now()),
                             random_uuid(), *key, update.keep);
    state.org = update.org ? update.org : (previous ? previous->org : std::nullopt);
    if (previous && state.same_content(*previous)) {
        return {};  // nothing new: the serial stays, nothing is written
    }
    return (*backend)->write(
        state, previous ? previous->serial : 0,
        write_origin(session, session.command(), count_changed(previous, state)));
}

}  // namespace dactl::cli
