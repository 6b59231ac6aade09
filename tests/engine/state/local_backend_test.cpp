// The local backend: a compare-and-swap on the file's serial and lineage,
// the version before the last kept, and count_changed for the history.

#include "engine/state/local_backend.h"

#include <catch2/catch.hpp>

#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

StateAction entry(const std::string& label, std::int64_t version) {
    StateAction action;
    action.address = "action." + label;
    action.id = "custom_-_" + label;
    action.name = label;
    action.version = version;
    action.applied_at = "2026-12-07T01:00:00Z";
    return action;
}

State state_of(std::int64_t serial, std::vector<StateAction> actions) {
    State state;
    state.lineage = "11111111-2222-4333-8444-555555555555";
    state.serial = serial;
    state.actions = std::move(actions);
    return state;
}

}  // namespace

TEST_CASE("the local backend writes only after the serial it read", "[state][backend]") {
    TempDir project;
    LocalStateBackend backend(state_directory(project.path()));
    const WriteOrigin origin{"apply", "me@here", "here", 1};
    REQUIRE(backend.write(state_of(1, {entry("a", 1)}), 0, origin).ok());

    Status stale = backend.write(state_of(2, {entry("a", 2)}), 0, origin);
    REQUIRE_FALSE(stale.ok());
    REQUIRE(stale.error().kind == ErrorKind::conflict);
    REQUIRE(stale.error().message ==
            backend.location() +
                " holds serial 1, not the serial 0 this run read: another run wrote it "
                "meanwhile; nothing was written");

    State stranger = state_of(2, {entry("a", 2)});
    stranger.lineage = "99999999-2222-4333-8444-555555555555";
    Status other = backend.write(stranger, 1, origin);
    REQUIRE(other.error().message == backend.location() +
                                         " has the lineage 11111111-2222-4333-8444-555555555555, "
                                         "not 99999999-2222-4333-8444-555555555555; nothing was "
                                         "written");
    REQUIRE(backend.read().value()->serial == 1);

    REQUIRE(backend.write(state_of(2, {entry("a", 2)}), 1, origin).ok());
    REQUIRE(backend.read_version(2).value()->serial == 2);
    REQUIRE(backend.read_version(1).value()->actions.front().version == 1);
    REQUIRE_FALSE(backend.read_version(7).value().has_value());
    REQUIRE_FALSE(backend.history().ok());
}

TEST_CASE("count_changed counts entries added, removed and recorded differently",
          "[state][backend]") {
    const State before = state_of(3, {entry("a", 1), entry("b", 1), entry("c", 1)});
    REQUIRE(count_changed(std::nullopt, before) == 3);
    REQUIRE(count_changed(before, before) == 0);
    REQUIRE(count_changed(before, state_of(4, {entry("a", 2), entry("c", 1), entry("d", 1)})) == 3);
}

TEST_CASE("holder_text names a lock's holder in full", "[state][backend]") {
    LockInfo holder{"id-1",
                    42,
                    "runner-7",
                    "2026-12-07T01:02:03Z",
                    "apply",
                    "ci@runner-7",
                    "https://github.com/o/r/actions/runs/9",
                    "0.1.0"};
    REQUIRE(holder_text(holder) ==
            "apply (ci@runner-7, https://github.com/o/r/actions/runs/9, dactl 0.1.0, since "
            "2026-12-07T01:02:03Z, lock id id-1)");
    REQUIRE(holder_text(LockInfo{"id-2", 7, "laptop", "t", "", "", "", ""}) ==
            "another run (laptop, since t, lock id id-2)");
}
