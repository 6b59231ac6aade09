// UpdateActionInput: every PATCH rule, checked directly.

#include "tests/emulator/action_update.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/seed_loader.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

ActionEntry entry_of(const std::string& id) {
    Result<std::vector<ActionEntry>> actions =
        parse_seed(emulator::testing::small_seed(), "seed.json");
    REQUIRE(actions.ok());
    for (auto& entry : *actions) {
        if (entry.action.string_or("id", "") == id) {
            return entry;
        }
    }
    FAIL("no action " << id);
    return {};
}

// "<status> <code>: <message>" of the check, or "ok".
std::string check(const std::string& body, const std::string& id = "custom_-_0001") {
    Result<Json> parsed = parse_json(body);
    REQUIRE(parsed.ok());
    Status status = check_update_input(*parsed, entry_of(id));
    if (status.ok()) {
        return "ok";
    }
    return std::to_string(status.error().http_status) + " " + status.error().api_code + ": " +
           status.error().message;
}

}  // namespace

TEST_CASE("a PATCH body with version and any of name, category, config is valid",
          "[emulator][patch]") {
    REQUIRE(check(R"({"version": 3})") == "ok");
    REQUIRE(
        check(
            R"({"version": 3, "name": "N", "category": "C", "config": {"timeoutSeconds": 60}})") ==
        "ok");
    REQUIRE(check(R"({"version": 3, "config": {"timeoutSeconds": null}})") == "ok");
}

TEST_CASE("contract, secure and unknown members are invalid properties", "[emulator][patch]") {
    REQUIRE(check(R"({"version": 3, "contract": {}})") ==
            "400 invalid.property: contract cannot be changed with PATCH: UpdateActionInput has no "
            "contract "
            "(only a draft can change it)");
    REQUIRE(check(R"({"version": 3, "secure": true})") ==
            "400 invalid.property: secure cannot be changed with PATCH: UpdateActionInput has no "
            "secure "
            "(only a draft can change it)");
    REQUIRE(check(R"({"version": 3, "id": "x"})") ==
            "400 invalid.property: id is not a property of UpdateActionInput (name, category, "
            "config, version)");
}

TEST_CASE("the version is required and must be an integer", "[emulator][patch]") {
    REQUIRE(check(R"({"name": "N"})") ==
            "400 bad.request: version is required: send the action's current version");
    REQUIRE(check(R"({"version": "3"})") == "400 invalid.value: version must be an integer");
}

TEST_CASE("timeoutSeconds must be an integer from 1 to 60", "[emulator][patch]") {
    const std::string message =
        "400 constraint.validation: config.timeoutSeconds must be an integer from 1 to 60";
    REQUIRE(check(R"({"version": 3, "config": {"timeoutSeconds": 61}})") == message);
    REQUIRE(check(R"({"version": 3, "config": {"timeoutSeconds": 0}})") == message);
    REQUIRE(check(R"({"version": 3, "config": {"timeoutSeconds": 2.5}})") == message);
    REQUIRE(check(R"({"version": 3, "config": {"timeoutSeconds": "5"}})") == message);
    REQUIRE(check(R"({"version": 3, "config": {"timeoutSeconds": 1}})") == "ok");
}

TEST_CASE("built-in actions cannot be changed", "[emulator][patch]") {
    REQUIRE(check(R"({"version": 1, "name": "x"})", "static_-_0005") ==
            "400 bad.request: Action static_-_0005 is a built-in action and cannot be changed");
}

TEST_CASE("custom authentication actions take no timeout", "[emulator][patch]") {
    REQUIRE(
        check(R"({"version": 1, "config": {"timeoutSeconds": 5}})", "customAuth_-_0004") ==
        "400 invalid.value: config.timeoutSeconds is invalid for custom authentication actions");
    REQUIRE(check(R"({"version": 1, "name": "Renamed"})", "customAuth_-_0004") == "ok");
}

TEST_CASE("names, categories and configs are checked", "[emulator][patch]") {
    REQUIRE(check(R"({"version": 3, "name": ""})") ==
            "400 invalid.value: name must be a non-empty string");
    REQUIRE(check(R"({"version": 3, "category": 5})") ==
            "400 invalid.value: category must be a non-empty string");
    REQUIRE(check(R"({"version": 3, "config": []})") ==
            "400 invalid.value: config must be an object");
    REQUIRE(check(R"({"version": 3, "config": {"retries": 2}})") ==
            "400 invalid.property: config.retries is not a known property");
    REQUIRE(check(R"([1])") ==
            "400 bad.request: The body must be a JSON object (UpdateActionInput)");
}

TEST_CASE("applying replaces the whole config and adds one to the version", "[emulator][patch]") {
    Json action = entry_of("custom_-_0001").action;
    Result<Json> body =
        parse_json(R"({"version": 3, "name": "New", "config": {"timeoutSeconds": 9}})");
    REQUIRE(body.ok());
    REQUIRE(version_matches(*body, action));
    apply_update_input(action, *body);
    REQUIRE(action.string_or("name", "") == "New");
    REQUIRE(action.string_or("category", "") == "Orders Web Services");
    REQUIRE(action.find("version")->as_integer() == 4);
    REQUIRE(write_json(*action.find("config")) == R"({"timeoutSeconds":9})");
    REQUIRE_FALSE(version_matches(*body, action));
}

TEST_CASE("the conflict answer carries the vendor's message", "[emulator][patch]") {
    Error conflict = version_conflict();
    REQUIRE(conflict.http_status == 409);
    REQUIRE(conflict.api_code == "conflict");
    REQUIRE(conflict.message == "Version does not match current version.");
}
