// The seed loader: valid seeds, and one clear message per broken rule.

#include "tests/emulator/seed_loader.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

// One action with `extra` spliced into its members (e.g. R"("x": 1,)").
std::string seed_with(const std::string& id, const std::string& extra) {
    return R"([{"id": ")" + id +
           R"(", "name": "A", "integrationId": "i", "category": "C", "version": 1, )" + extra +
           R"( "secure": false}])";
}

std::string error_of(const std::string& seed) {
    Result<std::vector<ActionEntry>> loaded = parse_seed(seed, "org.json");
    REQUIRE_FALSE(loaded.ok());
    return loaded.error().message;
}

}  // namespace

TEST_CASE("a seed loads its actions in order, with traits and canonical members",
          "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded =
        parse_seed(emulator::testing::small_seed(), "org.json");
    REQUIRE(loaded.ok());
    REQUIRE(loaded->size() == 5);
    REQUIRE((*loaded)[0].action.string_or("id", "") == "custom_-_0001");
    REQUIRE((*loaded)[2].traits == ActionTraits{50, 50, false, std::nullopt, std::nullopt, {}});
    REQUIRE((*loaded)[3].traits.custom_auth);
    const std::string stored = write_json((*loaded)[1].action);
    REQUIRE(stored.rfind(
                R"({"id":"custom_-_0002","name":"Get Order Status","integrationId":"int-legacy",)"
                R"("category":"Legacy Orders","version":1,"secure":true,"contract":)",
                0) == 0);
}

TEST_CASE("secure defaults to false and selfUri is dropped", "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded = parse_seed(
        R"([{"selfUri": "/x", "id": "custom_-_1", "name": "A", "integrationId": "i", "category": "C", "version": 2}])",
        "org.json");
    REQUIRE(loaded.ok());
    REQUIRE(
        write_json((*loaded)[0].action) ==
        R"({"id":"custom_-_1","name":"A","integrationId":"i","category":"C","version":2,"secure":false})");
}

TEST_CASE("the _emulator member sets latency, failure and custom authentication",
          "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded = parse_seed(
        seed_with(
            "customAuth_-_1",
            R"("_emulator": {"latencyMs": [10, 20], "failure": "boom", "customAuth": true},)"),
        "org.json");
    REQUIRE(loaded.ok());
    REQUIRE((*loaded)[0].traits ==
            ActionTraits{10, 20, true, std::string("boom"), std::nullopt, {}});
}

TEST_CASE("ids starting with customAuth are custom authentication actions", "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded =
        parse_seed(seed_with("customAuth_-_1", ""), "org.json");
    REQUIRE(loaded.ok());
    REQUIRE((*loaded)[0].traits.custom_auth);
}

TEST_CASE("seed problems are reported with the file and the action", "[emulator][seed]") {
    REQUIRE(error_of("[1,\n 2,,]") == "org.json:2:4: invalid JSON: Invalid value.");
    REQUIRE(error_of(R"({"id": 1})") ==
            "org.json: the seed must be a JSON array of actions, not object");
    REQUIRE(error_of("[3]") == "org.json: action 1: an action must be an object, not integer");
    REQUIRE(error_of(R"([{"name": "A", "integrationId": "i", "category": "C", "version": 1}])") ==
            "org.json: action 1: id is required");
    REQUIRE(error_of(seed_with("custom_-_1", R"("colour": "red",)")) ==
            "org.json: action 1 (id \"custom_-_1\"): colour is not a known property");
    REQUIRE(error_of(seed_with("custom_-_1", R"("version": "1",)")) ==
            "org.json: action 1 (id \"custom_-_1\"): version must be an integer, not string");
    REQUIRE(error_of(seed_with("custom/1", "")) ==
            "org.json: action 1 (id \"custom/1\"): id must be non-empty and use only letters, "
            "digits and - _ . ~");
    REQUIRE(
        error_of(
            R"([{"id": "custom_-_1", "name": "A", "integrationId": "i", "category": "C", "version": 0}])") ==
        "org.json: action 1 (id \"custom_-_1\"): version must be at least 1");
}

TEST_CASE("duplicate ids are refused", "[emulator][seed]") {
    const std::string action =
        R"({"id": "custom_-_1", "name": "A", "integrationId": "i", "category": "C", "version": 1})";
    REQUIRE(error_of("[" + action + "," + action + "]") ==
            "org.json: action 2 (id \"custom_-_1\"): the id is used by an earlier action");
}

TEST_CASE("config rules apply to seeds", "[emulator][seed]") {
    REQUIRE(error_of(seed_with("custom_-_1", R"("config": {"timeoutSeconds": 61},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): config.timeoutSeconds must be an integer from "
            "1 to 60");
    REQUIRE(error_of(seed_with("custom_-_1",
                               R"("config": {"request": {"requestTemplateUri": "/x"}},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): config.request.requestTemplateUri cannot be "
            "written: "
            "send the template text as requestTemplate");
    REQUIRE(
        error_of(seed_with("custom_-_1", R"("config": {"request": {"requestType": "FETCH"}},)")) ==
        "org.json: action 1 (id \"custom_-_1\"): config.request.requestType must be one of GET, "
        "PUT, POST, "
        "PATCH, DELETE");
    REQUIRE(error_of(seed_with("custom_-_1", R"("config": {"request": {"headers": {"A": 1}}},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): config.request.headers.A must be a string, "
            "not integer");
    REQUIRE(
        error_of(seed_with("custom_-_1", R"("config": {"response": {"translationMap": []}},)")) ==
        "org.json: action 1 (id \"custom_-_1\"): config.response.translationMap must be an object "
        "of strings, "
        "not array");
}

TEST_CASE("custom authentication: by the customAuth id or the flag, and no timeout",
          "[emulator][seed]") {
    // An id like any other, flagged: a custom authentication action all the same.
    Result<std::vector<ActionEntry>> flagged =
        parse_seed(seed_with("custom_-_1", R"("_emulator": {"customAuth": true},)"), "org.json");
    REQUIRE(flagged.ok());
    REQUIRE((*flagged)[0].traits.custom_auth);
    REQUIRE(error_of(seed_with("custom_-_1", R"("_emulator": {"customAuth": true},
                                                 "config": {"timeoutSeconds": 5},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): config.timeoutSeconds is invalid for custom "
            "authentication actions");
    REQUIRE(error_of(seed_with("customAuth_-_1", R"("_emulator": {"customAuth": false},)")) ==
            "org.json: action 1 (id \"customAuth_-_1\"): _emulator.customAuth is false but the id "
            "starts with "
            "\"customAuth\"");
    REQUIRE(
        error_of(seed_with("customAuth_-_1", R"("config": {"timeoutSeconds": 5},)")) ==
        "org.json: action 1 (id \"customAuth_-_1\"): config.timeoutSeconds is invalid for custom "
        "authentication actions");
}

TEST_CASE("bad _emulator members are refused", "[emulator][seed]") {
    REQUIRE(error_of(seed_with("custom_-_1", R"("_emulator": {"latencyMs": [20, 10]},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): _emulator.latencyMs must be [MIN, MAX]: two "
            "integers, "
            "0 <= MIN <= MAX");
    REQUIRE(error_of(seed_with("custom_-_1", R"("_emulator": {"slow": true},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): _emulator.slow is not known (latencyMs, "
            "customAuth, failure, traffic, function, flows)");
    REQUIRE(error_of(seed_with("custom_-_1", R"("_emulator": {"failure": 5},)")) ==
            "org.json: action 1 (id \"custom_-_1\"): _emulator.failure must be a string");
}

TEST_CASE("a missing seed file is named", "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded = load_seed("/nonexistent/org.json");
    REQUIRE_FALSE(loaded.ok());
    REQUIRE(loaded.error().message == "/nonexistent/org.json: cannot read the seed file");
}

TEST_CASE("the shipped demo org loads", "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded =
        load_seed(std::string(DACTL_SOURCE_DIR) + "/examples/seeds/demo-org.json");
    INFO((loaded.ok() ? "" : loaded.error().message));
    REQUIRE(loaded.ok());
    REQUIRE(loaded->size() >= 8);
}

TEST_CASE("the --auth-ids plain switch gives custom authentication actions ids like any other",
          "[emulator][seed]") {
    Result<std::vector<ActionEntry>> loaded =
        parse_seed(seed_with("customAuth_-_1", ""), "org.json");
    REQUIRE(loaded.ok());
    plain_auth_ids(*loaded);
    REQUIRE((*loaded)[0].action.string_or("id", "") == "custom_-_1");
    REQUIRE((*loaded)[0].traits.custom_auth);
}
