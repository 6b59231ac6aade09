#include "engine/state/local_backend.h"

#include "engine/state/state_codec.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"

namespace dactl {

namespace {

class LocalLease final : public StateLease {
public:
    explicit LocalLease(ProjectLock lock) : m_lock(std::move(lock)) {}
    const LockInfo& info() const override { return m_lock.info(); }

private:
    ProjectLock m_lock;
};

}  // namespace

LocalStateBackend::LocalStateBackend(std::filesystem::path home) : m_home(std::move(home)) {}

std::string LocalStateBackend::location() const {
    return state_path(m_home).string();
}

Result<std::optional<State>> LocalStateBackend::read() {
    return read_state(m_home);
}

Result<std::unique_ptr<StateLease>> LocalStateBackend::lock(const LockRequest& request) {
    Result<ProjectLock> lock = ProjectLock::acquire(m_home, request.holder.command, request.wait,
                                                    request.holder.created_at, request.interrupted);
    if (!lock) {
        return lock.error();
    }
    return std::unique_ptr<StateLease>(std::make_unique<LocalLease>(std::move(lock).value()));
}

Result<std::optional<LockInfo>> LocalStateBackend::lock_holder() {
    return read_lock(m_home);
}

Status LocalStateBackend::force_unlock(const std::string& id) {
    return dactl::force_unlock(m_home, id);
}

Status LocalStateBackend::write(const State& state, std::int64_t expected,
                                const WriteOrigin& /*origin*/) {
    Result<std::optional<State>> current = read_state(m_home);
    if (!current) {
        return current.error();
    }
    const std::int64_t found = *current ? (*current)->serial : 0;
    if (found != expected) {
        return make_error(
            ErrorKind::conflict,
            location() + " holds serial " + std::to_string(found) + ", not the serial " +
                std::to_string(expected) +
                " this run read: another run wrote it meanwhile; nothing was written");
    }
    if (*current && (*current)->lineage != state.lineage) {
        return make_error(ErrorKind::conflict, location() + " has the lineage " +
                                                   (*current)->lineage + ", not " + state.lineage +
                                                   "; nothing was written");
    }
    return write_state(m_home, state);
}

Result<std::vector<StateVersion>> LocalStateBackend::history() {
    return make_error(ErrorKind::invalid_input,
                      "the local state keeps no history, only the version before the last "
                      "(" +
                          location() +
                          ".backup); the postgres backend keeps every version "
                          "([state] in docs/state.md)");
}

Result<std::optional<State>> LocalStateBackend::read_version(std::int64_t serial) {
    Result<std::optional<State>> current = read_state(m_home);
    if (!current || (*current && (*current)->serial == serial)) {
        return current;
    }
    std::filesystem::path backup = state_path(m_home);
    backup += ".backup";
    std::error_code ec;
    if (std::filesystem::exists(backup, ec)) {
        Result<std::string> text = read_file(backup);
        if (!text) {
            return text.error();
        }
        Result<State> state = decode_state(*text);
        if (state && state->serial == serial) {
            return std::optional<State>(std::move(state).value());
        }
    }
    return std::optional<State>();
}

}  // namespace dactl
