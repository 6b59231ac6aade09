#pragma once
// StateBackend: where one environment's state, lock and history live. The
// local backend keeps them in files under `.dactl/` (state_file.h, lock.h);
// the postgres backend (providers/postgres) in a database every runner shares.
// Each command reaches them through one backend, chosen once from dactl.toml's
// [state] table (cmd/steps/state_step.h).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/state/lock.h"
#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl {

/// Who wrote a version, and from where: kept with it in the history.
struct WriteOrigin {
    std::string command;  ///< "apply", "import", "state mv", "state restore"...
    std::string who;      ///< user@host
    std::string run;      ///< the CI run's URL, else the host
    int changed = 0;      ///< entries added, removed or changed against the version before
};

/// One version in the history.
struct StateVersion {
    std::int64_t serial = 0;
    std::string lineage;
    std::string written_at;  ///< UTC, RFC 3339
    WriteOrigin origin;
};

/// What a lock is asked for with.
struct LockRequest {
    LockInfo holder;                    ///< the id, command, who, CI URL, version, time
    std::chrono::milliseconds wait{0};  ///< how long to wait for another's lock
    const std::atomic<bool>* interrupted = nullptr;
    /// Told once who holds the lock when this request has to wait for it.
    std::function<void(const LockInfo&)> waiting = {};
};

/// A held lock; released when destroyed (if it is still this lease's).
class StateLease {
public:
    virtual ~StateLease() = default;
    virtual const LockInfo& info() const = 0;
};

class StateBackend {
public:
    virtual ~StateBackend() = default;

    /// How messages name where the state lives: a file's path, or
    /// "postgres schema dactl, project P, environment prod".
    virtual std::string location() const = 0;
    /// The latest version, or nothing before the first write.
    virtual Result<std::optional<State>> read() = 0;
    /// Takes the lock for `request.holder.command`, waiting up to `request.wait`
    /// with backoff. Fails with ErrorKind::conflict naming the holder, and with
    /// ErrorKind::cancelled when interrupted while waiting.
    virtual Result<std::unique_ptr<StateLease>> lock(const LockRequest& request) = 0;
    /// Who holds the lock, or nothing.
    virtual Result<std::optional<LockInfo>> lock_holder() = 0;
    /// Removes the lock if its id is `id`.
    virtual Status force_unlock(const std::string& id) = 0;
    /// Writes `state` as the version after serial `expected` (0: no state yet):
    /// a compare-and-swap, refused with ErrorKind::conflict when another
    /// version was written since `expected` was read or the lineage differs;
    /// nothing is written then.
    virtual Status write(const State& state, std::int64_t expected, const WriteOrigin& origin) = 0;
    /// Every version kept, the newest first.
    virtual Result<std::vector<StateVersion>> history() = 0;
    /// The version with this serial, or nothing when it is not kept.
    virtual Result<std::optional<State>> read_version(std::int64_t serial) = 0;
};

/// How many entries `next` adds, removes or records differently from `previous`.
int count_changed(const std::optional<State>& previous, const State& next);

/// "apply (alice@runner-7, https://github.com/o/r/actions/runs/9, dactl 0.3.0,
/// since 2026-12-07T01:02:03Z, lock id X)": a lock's holder in full.
std::string holder_text(const LockInfo& holder);

}  // namespace dactl
