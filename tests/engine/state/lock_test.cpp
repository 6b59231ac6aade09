#include "engine/state/lock.h"

#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "engine/state/state_directory.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;
using std::chrono::milliseconds;

namespace {

std::string this_host() {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name;
}

}  // namespace

TEST_CASE("a project lock is exclusive and says who holds it", "[lock]") {
    TempDir project;
    Result<ProjectLock> first = ProjectLock::acquire(state_directory(project.path()), "apply",
                                                     milliseconds(0), "2026-11-28T10:00:00Z");
    REQUIRE(first.ok());
    struct stat info {};
    REQUIRE(::stat(lock_path(state_directory(project.path())).c_str(), &info) == 0);
    REQUIRE((info.st_mode & 0777) == 0600);

    Result<ProjectLock> second = ProjectLock::acquire(state_directory(project.path()), "apply",
                                                      milliseconds(0), "2026-11-28T10:00:01Z");
    REQUIRE_FALSE(second.ok());
    REQUIRE(second.error().kind == ErrorKind::conflict);
    const LockInfo& held = first->info();
    REQUIRE(second.error().message ==
            "the project is locked by apply (pid " + std::to_string(::getpid()) + " on " +
                this_host() + ", since 2026-11-28T10:00:00Z, lock id " + held.id +
                "); wait for it (--lock-timeout), or if it crashed run: dactl force-unlock " +
                held.id);
}

TEST_CASE("a project lock is released when its holder ends", "[lock]") {
    TempDir project;
    {
        Result<ProjectLock> lock =
            ProjectLock::acquire(state_directory(project.path()), "apply", milliseconds(0), "t");
        REQUIRE(lock.ok());
    }
    REQUIRE_FALSE(std::filesystem::exists(lock_path(state_directory(project.path()))));
    REQUIRE(
        ProjectLock::acquire(state_directory(project.path()), "apply", milliseconds(0), "t").ok());
}

TEST_CASE("a waiting acquire takes the lock once it is released", "[lock]") {
    TempDir project;
    auto holder = std::make_unique<Result<ProjectLock>>(
        ProjectLock::acquire(state_directory(project.path()), "apply", milliseconds(0), "t"));
    std::thread release([&] {
        std::this_thread::sleep_for(milliseconds(300));
        holder.reset();
    });
    Result<ProjectLock> waited =
        ProjectLock::acquire(state_directory(project.path()), "apply", milliseconds(5000), "t");
    release.join();
    REQUIRE(waited.ok());
}

TEST_CASE("force-unlock removes only the lock with the given id", "[lock]") {
    TempDir project;
    REQUIRE(force_unlock(state_directory(project.path()), "x").error().message ==
            "the project is not locked");
    // A lock left behind by a crashed run (its holder never released it).
    project.write(".dactl/lock",
                  "id=abc\npid=999999\nhost=elsewhere\ncreated_at=t\ncommand=apply\n");
    REQUIRE(force_unlock(state_directory(project.path()), "xyz").error().message ==
            "the lock's id is abc, not xyz; nothing was removed");
    REQUIRE(std::filesystem::exists(lock_path(state_directory(project.path()))));
    REQUIRE(force_unlock(state_directory(project.path()), "abc").ok());
    REQUIRE_FALSE(std::filesystem::exists(lock_path(state_directory(project.path()))));
}

TEST_CASE("a lock whose process died on this host says so", "[lock]") {
    TempDir project;
    project.write(".dactl/lock",
                  "id=abc\npid=999999\nhost=" + this_host() + "\ncreated_at=t\ncommand=apply\n");
    Result<ProjectLock> lock =
        ProjectLock::acquire(state_directory(project.path()), "apply", milliseconds(0), "t");
    REQUIRE(lock.error().message ==
            "the project is locked by apply (pid 999999 on " + this_host() +
                ", since t, lock id abc); that process is no longer running; wait for it "
                "(--lock-timeout), or if it crashed run: dactl force-unlock abc");
}

TEST_CASE("an interrupt ends the wait for a lock at once", "[lock][interrupt]") {
    TempDir project;
    Result<ProjectLock> held = ProjectLock::acquire(state_directory(project.path()), "apply",
                                                    milliseconds(0), "2026-11-28T10:00:00Z");
    REQUIRE(held.ok());
    std::atomic<bool> interrupted{false};
    std::thread ctrl_c([&] {
        std::this_thread::sleep_for(milliseconds(100));
        interrupted = true;
    });

    Result<ProjectLock> waiting =
        ProjectLock::acquire(state_directory(project.path()), "apply", std::chrono::hours(1),
                             "2026-11-28T10:00:01Z", &interrupted);
    ctrl_c.join();

    REQUIRE_FALSE(waiting.ok());
    REQUIRE(waiting.error().kind == ErrorKind::cancelled);
    REQUIRE(waiting.error().message ==
            "interrupted while waiting for the lock; nothing was changed");
    REQUIRE(read_lock(state_directory(project.path()))->value().id == held->info().id);
}

TEST_CASE("an empty or foreign lock file says it cannot be read and how to remove it",
          "[lock][hostile]") {
    for (const std::string& contents : {std::string(), std::string("{\"id\": \"x\"}\n")}) {
        TempDir project;
        project.write(".dactl/lock", contents);
        const std::string path = (project.path() / ".dactl" / "lock").string();
        const std::string expected =
            "the project is locked, but the lock file " + path +
            " cannot be read (it is empty or not written by dactl); if no apply is running, "
            "remove it: rm " +
            path;

        Result<ProjectLock> lock = ProjectLock::acquire(state_directory(project.path()), "apply",
                                                        milliseconds(0), "2026-11-28T10:00:00Z");
        REQUIRE_FALSE(lock.ok());
        CHECK(lock.error().message == expected);
        Status removed = force_unlock(state_directory(project.path()), "");
        REQUIRE_FALSE(removed.ok());
        CHECK(removed.error().message == expected + "; nothing was removed");
    }
}
