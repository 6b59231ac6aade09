// The org store: reads, edits, stale views, adds and removals.

#include "tests/emulator/org.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/seed_loader.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

Org small_org() {
    Result<std::vector<ActionEntry>> actions =
        parse_seed(emulator::testing::small_seed(), "seed.json");
    REQUIRE(actions.ok());
    return Org(std::move(*actions));
}

std::string name_of(const std::optional<ActionEntry>& entry) {
    REQUIRE(entry.has_value());
    return entry->action.string_or("name", "");
}

Result<Json> rename(Org& org, const std::string& id, const std::string& name, StaleWindow stale) {
    return org.edit(
        id,
        [&](ActionEntry& entry) -> Result<Json> {
            entry.action.set("name", name);
            return entry.action;
        },
        stale);
}

}  // namespace

TEST_CASE("the org answers its actions in seed order", "[emulator][org]") {
    Org org = small_org();
    std::vector<ActionEntry> actions = org.read_all(TimePoint());
    REQUIRE(actions.size() == 5);
    REQUIRE(actions[4].action.string_or("id", "") == "static_-_0005");
    REQUIRE(name_of(org.read("custom_-_0003", TimePoint())) == "Lookup Customer");
    REQUIRE_FALSE(org.read("custom_-_9999", TimePoint()).has_value());
    REQUIRE_FALSE(org.find("custom_-_9999").has_value());
}

TEST_CASE("after a write, readers see the old action until the stale window ends",
          "[emulator][org]") {
    Org org = small_org();
    const TimePoint written = TimePoint() + std::chrono::seconds(100);
    REQUIRE(rename(org, "custom_-_0001", "Renamed", StaleWindow{Milliseconds(500), written}).ok());

    REQUIRE(name_of(org.read("custom_-_0001", written + Milliseconds(499))) == "Get Order Status");
    REQUIRE(org.read_all(written + Milliseconds(499))[0].action.string_or("name", "") ==
            "Get Order Status");
    REQUIRE(name_of(org.find("custom_-_0001")) == "Renamed");
    REQUIRE(org.dump()[0].action.string_or("name", "") == "Renamed");
    REQUIRE(name_of(org.read("custom_-_0001", written + Milliseconds(500))) == "Renamed");
}

TEST_CASE("a write without a stale window is seen at once", "[emulator][org]") {
    Org org = small_org();
    REQUIRE(rename(org, "custom_-_0001", "Renamed", StaleWindow{}).ok());
    REQUIRE(name_of(org.read("custom_-_0001", TimePoint())) == "Renamed");
}

TEST_CASE("a failed edit keeps its changes but starts no stale window", "[emulator][org]") {
    Org org = small_org();
    Result<Json> result = org.edit(
        "custom_-_0001",
        [](ActionEntry& entry) -> Result<Json> {
            entry.action.set("version", 4);
            return make_error(ErrorKind::conflict, "someone else saved");
        },
        StaleWindow{Milliseconds(1000), TimePoint()});
    REQUIRE_FALSE(result.ok());
    REQUIRE(org.read("custom_-_0001", TimePoint())->action.find("version")->as_integer() == 4);
}

TEST_CASE("editing an unknown action is a 404", "[emulator][org]") {
    Org org = small_org();
    Result<Json> result = rename(org, "custom_-_9999", "x", StaleWindow{});
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.error().http_status == 404);
    REQUIRE(result.error().api_code == "not.found");
    REQUIRE(result.error().message == "Action custom_-_9999 not found");
}

TEST_CASE("actions are added at the end, once per id, and removed", "[emulator][org]") {
    Org org = small_org();
    ActionEntry copy = *org.find("custom_-_0001");
    Status again = org.add(copy);
    REQUIRE_FALSE(again.ok());
    REQUIRE(again.error().http_status == 409);
    REQUIRE(again.error().message == "An action with id custom_-_0001 already exists");

    copy.action.set("id", "custom_-_0009");
    REQUIRE(org.add(copy).ok());
    REQUIRE(org.dump().back().action.string_or("id", "") == "custom_-_0009");

    REQUIRE(org.remove("custom_-_0002").ok());
    REQUIRE_FALSE(org.find("custom_-_0002").has_value());
    REQUIRE(name_of(org.find("custom_-_0003")) == "Lookup Customer");
    REQUIRE(org.remove("custom_-_0002").error().http_status == 404);
}
