#include "engine/state/lock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sstream>
#include <unistd.h>

#include "engine/util/file_io.h"
#include "engine/util/interrupt.h"
#include "engine/util/uuid.h"

namespace dactl {

namespace {

std::string encode(const LockInfo& info) {
    return "id=" + info.id + "\npid=" + std::to_string(info.pid) + "\nhost=" + info.host +
           "\ncreated_at=" + info.created_at + "\ncommand=" + info.command + "\n";
}

LockInfo decode(const std::string& text) {
    LockInfo info;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        auto equals = line.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        std::string key = line.substr(0, equals);
        std::string value = line.substr(equals + 1);
        if (key == "id") {
            info.id = value;
        } else if (key == "pid") {
            info.pid = std::strtol(value.c_str(), nullptr, 10);
        } else if (key == "host") {
            info.host = value;
        } else if (key == "created_at") {
            info.created_at = value;
        } else if (key == "command") {
            info.command = value;
        }
    }
    return info;
}

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) {
        return "unknown";
    }
    return name;
}

std::string describe_holder(const LockInfo& holder) {
    std::string text = "the project is locked by " +
                       (holder.command.empty() ? std::string("another run") : holder.command) +
                       " (pid " + std::to_string(holder.pid) + " on " + holder.host + ", since " +
                       holder.created_at + ", lock id " + holder.id + ")";
    const bool here = holder.host == host_name();
    if (here && holder.pid > 0 && ::kill(static_cast<pid_t>(holder.pid), 0) != 0 &&
        errno == ESRCH) {
        text += "; that process is no longer running";
    }
    return text + "; wait for it (--lock-timeout), or if it crashed run: dactl force-unlock " +
           holder.id;
}

// A lock file that is empty or not dactl's (a crash while it was written, a
// hand edit) names no holder: say how to remove it instead of naming a blank id.
std::string unreadable_lock(const std::filesystem::path& path) {
    return "the project is locked, but the lock file " + path.string() +
           " cannot be read (it is empty or not written by dactl); if no apply is running, "
           "remove it: rm " +
           path.string();
}

// Creates the lock file; answers false when it already exists.
Result<bool> try_create(const std::filesystem::path& path, const LockInfo& info) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) {
            return false;
        }
        return make_error(ErrorKind::io,
                          "cannot create " + path.string() + ": " + std::strerror(errno));
    }
    const std::string text = encode(info);
    bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    written = ::fsync(fd) == 0 && written;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str());
        return make_error(ErrorKind::io, "cannot write " + path.string());
    }
    return true;
}

}  // namespace

std::filesystem::path lock_path(const std::filesystem::path& home) {
    return home / "lock";
}

Result<std::optional<LockInfo>> read_lock(const std::filesystem::path& home) {
    const std::filesystem::path path = lock_path(home);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::optional<LockInfo>();
    }
    Result<std::string> text = read_file(path);
    if (!text) {
        return text.error();
    }
    return std::optional<LockInfo>(decode(*text));
}

Result<ProjectLock> ProjectLock::acquire(const std::filesystem::path& home,
                                         const std::string& command, std::chrono::milliseconds wait,
                                         const std::string& created_at,
                                         const std::atomic<bool>* interrupted) {
    const std::filesystem::path path = lock_path(home);
    if (Status made = ensure_private_directory(path.parent_path()); !made) {
        return made.error();
    }
    LockInfo info{
        random_uuid(), static_cast<long>(::getpid()), host_name(), created_at, command, "", "", ""};
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (true) {
        Result<bool> created = try_create(path, info);
        if (!created) {
            return created.error();
        }
        if (*created) {
            return ProjectLock(path, info);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            Result<std::optional<LockInfo>> holder = read_lock(home);
            if (!holder || (holder->has_value() && (*holder)->id.empty())) {
                return make_error(ErrorKind::conflict, unreadable_lock(path));
            }
            if (holder->has_value()) {
                return make_error(ErrorKind::conflict, describe_holder(**holder));
            }
            continue;  // released meanwhile: try once more
        }
        if (!sleep_unless_interrupted(std::chrono::milliseconds(200), interrupted)) {
            return make_error(ErrorKind::cancelled,
                              "interrupted while waiting for the lock; nothing was changed");
        }
    }
}

ProjectLock::ProjectLock(std::filesystem::path path, LockInfo info)
    : m_path(std::move(path)), m_info(std::move(info)) {}

ProjectLock::ProjectLock(ProjectLock&& other) noexcept
    : m_path(std::move(other.m_path)), m_info(std::move(other.m_info)) {
    other.m_path.clear();
}

ProjectLock::~ProjectLock() {
    if (m_path.empty()) {
        return;
    }
    Result<std::string> text = read_file(m_path);
    if (text && decode(*text).id == m_info.id) {
        ::unlink(m_path.c_str());
    }
}

Status force_unlock(const std::filesystem::path& home, const std::string& id) {
    Result<std::optional<LockInfo>> holder = read_lock(home);
    if (!holder) {
        return holder.error();
    }
    if (!holder->has_value()) {
        return make_error(ErrorKind::invalid_input, "the project is not locked");
    }
    if ((*holder)->id.empty()) {
        return make_error(ErrorKind::invalid_input,
                          unreadable_lock(lock_path(home)) + "; nothing was removed");
    }
    if ((*holder)->id != id) {
        return make_error(ErrorKind::invalid_input, "the lock's id is " + (*holder)->id + ", not " +
                                                        id + "; nothing was removed");
    }
    if (::unlink(lock_path(home).c_str()) != 0) {
        return make_error(ErrorKind::io, "cannot remove " + lock_path(home).string() + ": " +
                                             std::strerror(errno));
    }
    return {};
}

}  // namespace dactl
