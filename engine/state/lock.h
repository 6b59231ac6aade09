#pragma once
// ProjectLock: the exclusive `.dactl/lock` that keeps two applies on one project
// from running at once.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "engine/util/result.h"

namespace dactl {

/// Who holds a lock.
struct LockInfo {
    std::string id;  ///< a UUID, given to force-unlock
    long pid = 0;
    std::string host;
    std::string created_at;  ///< UTC, RFC 3339
    std::string command;     ///< "apply"
    std::string who;         ///< user@host (the postgres backend's locks)
    std::string ci_url;      ///< the CI run's URL, when known
    std::string version;     ///< the dactl version that took it
};

/// `<home>/lock`, where `home` is a state_directory().
std::filesystem::path lock_path(const std::filesystem::path& home);

/// The lock's holder, or nothing when the project is not locked.
Result<std::optional<LockInfo>> read_lock(const std::filesystem::path& home);

class ProjectLock {
public:
    /// Takes the lock, creating it atomically (O_EXCL, mode 0600). While another
    /// holds it, retries every 200 ms until `wait` has passed (zero: fails at
    /// once). Fails with ErrorKind::conflict saying who holds it and how to
    /// remove a lock left by a crash, and with ErrorKind::cancelled at once when
    /// `interrupted` becomes true while it waits.
    static Result<ProjectLock> acquire(const std::filesystem::path& home,
                                       const std::string& command, std::chrono::milliseconds wait,
                                       const std::string& created_at,
                                       const std::atomic<bool>* interrupted = nullptr);

    ProjectLock(ProjectLock&& other) noexcept;
    ProjectLock& operator=(ProjectLock&&) = delete;
    ProjectLock(const ProjectLock&) = delete;
    /// Releases the lock if it is still ours.
    ~ProjectLock();

    const LockInfo& info() const { return m_info; }

private:
    ProjectLock(std::filesystem::path path, LockInfo info);

    std::filesystem::path m_path;
    LockInfo m_info;
};

/// Removes the lock if its id is `id`. Fails when there is no lock, or when it
/// has another id (naming it).
Status force_unlock(const std::filesystem::path& home, const std::string& id);

}  // namespace dactl
