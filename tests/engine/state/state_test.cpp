#include <filesystem>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "engine/state/state_codec.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "tests/support/golden.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

State sample_state() {
    State state;
    state.lineage = "5b0c2f5e-8a51-4d0e-9d2b-3f4a1c7e9b10";
    state.serial = 4;
    StateAction action;
    action.address = "action.order_status";
    action.id = "custom_-_9a0b";
    action.name = "Lookup Order Status";
    action.version = 13;
    action.applied_at = "2026-11-28T15:35:39Z";
    action.applied_serial = 4;
    action.managed = {
        {Field::timeout_seconds, 20},
        {Field::request_headers, StringMap{{"Accept", "application/json"}, {"X-Api-Key", "k-123"}}},
        {Field::response_success_template, "{\"status\": ${status}}\n"}};
    action.before =
        R"({"id":"custom_-_9a0b","name":"Lookup Order Status","version":12,"config":{"timeoutSeconds":3,)"
        R"("request":{"requestType":"GET","headers":{"Accept":"text/plain","Authorization":"Bearer s3cr3t"}}}})";
    action.after =
        R"({"id":"custom_-_9a0b","name":"Lookup Order Status","version":13,"config":{"timeoutSeconds":20,)"
        R"("request":{"requestType":"GET","headers":{"Accept":"application/json","Authorization":"Bearer s3cr3t"}}}})";
    state.actions.push_back(action);
    return state;
}

}  // namespace

TEST_CASE("encode_state writes a stable, documented shape with secrets masked", "[state]") {
    std::string text = encode_state(sample_state());
    check_golden("engine/state/golden/state.json", text);
    REQUIRE(text.find("s3cr3t") == std::string::npos);
    REQUIRE(text.find("k-123") == std::string::npos);
}

TEST_CASE("decode_state reads back what encode_state wrote", "[state]") {
    Result<State> decoded = decode_state(encode_state(sample_state()));
    REQUIRE(decoded.ok());
    REQUIRE(decoded->lineage == "5b0c2f5e-8a51-4d0e-9d2b-3f4a1c7e9b10");
    REQUIRE(decoded->serial == 4);
    REQUIRE(decoded->actions.size() == 1);
    const StateAction& action = decoded->actions[0];
    REQUIRE(action.version == 13);
    REQUIRE(action.applied_serial == 4);
    REQUIRE(action.managed.at(Field::timeout_seconds) == Value(20));
    REQUIRE(action.managed.at(Field::request_headers) ==
            Value(StringMap{{"Accept", "application/json"}, {"X-Api-Key", "(sensitive)"}}));
    REQUIRE(action.managed.at(Field::response_success_template) ==
            Value("{\"status\": ${status}}\n"));
    REQUIRE(
        action.after ==
        R"j({"id":"custom_-_9a0b","name":"Lookup Order Status","version":13,"config":{"timeoutSeconds":20,)j"
        R"j("request":{"requestType":"GET","headers":{"Accept":"application/json","Authorization":"(sensitive)"}}}})j");
    REQUIRE(encode_state(*decoded) == encode_state(sample_state()));
}

TEST_CASE("decode_state names what is wrong", "[state]") {
    struct Case {
        const char* text;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"{", "state file: not valid JSON at byte 1: Missing a name for object member."},
        {"[]", "state file: not a JSON object"},
        {"{\"lineage\": \"\xff\"}",
         "state file: not valid JSON at byte 13: Invalid encoding in string."},
        {R"({"format_version": 9})",
         "state file: unsupported format_version (this dactl reads version 1)"},
        {R"({"format_version": 1, "serial": 1, "actions": []})",
         "state file: \"lineage\" is missing or not a string"},
        {R"({"format_version": 1, "lineage": "x", "serial": "1", "actions": []})",
         "state file: \"serial\" or \"actions\" is missing or malformed"},
        {R"({"format_version": 1, "lineage": "x", "serial": 1, "actions": [{"address": "action.a",
            "id": "i", "name": "n", "applied_at": "t", "version": 1, "managed": {"timeout": 3},
            "before": {}, "after": {}}]})",
         "state file: action.a: unknown managed field \"timeout\""},
        {R"({"format_version": 1, "lineage": "x", "serial": 1, "actions": [{"address": "action.a",
            "id": "i", "name": "n", "applied_at": "t", "version": 1, "managed": {"timeout_seconds": "3"},
            "before": {}, "after": {}}]})",
         "state file: action.a: timeout_seconds has the wrong type"},
        {R"({"format_version": 1, "lineage": "x", "serial": 1, "actions": [{"address": "action.a",
            "id": "i", "name": "n", "applied_at": "t", "applied_serial": 0, "version": 1,
            "managed": {}, "before": {}, "after": {}}]})",
         "state file: action.a: \"applied_serial\" is not a positive whole number"},
    };
    for (const auto& c : cases) {
        Result<State> decoded = decode_state(c.text);
        REQUIRE_FALSE(decoded.ok());
        REQUIRE(decoded.error().message == c.message);
    }
}

TEST_CASE("write_state replaces the file atomically, keeps a backup, mode 0600", "[state]") {
    TempDir project;
    State first = sample_state();
    REQUIRE(write_state(state_directory(project.path()), first).ok());
    State second = first;
    second.serial = 5;
    REQUIRE(write_state(state_directory(project.path()), second).ok());

    const auto path = state_path(state_directory(project.path()));
    Result<std::optional<State>> read = read_state(state_directory(project.path()));
    REQUIRE(read.ok());
    REQUIRE(read->has_value());
    REQUIRE((*read)->serial == 5);
    REQUIRE(*read_file(path.string() + ".backup") == encode_state(first));
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    REQUIRE((info.st_mode & 0777) == 0600);
    REQUIRE(::stat(path.parent_path().c_str(), &info) == 0);
    REQUIRE((info.st_mode & 0777) == 0700);
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    REQUIRE(names == std::vector<std::string>{"state.json", "state.json.backup"});
}

TEST_CASE("read_state answers nothing without a state file and names a bad one", "[state]") {
    TempDir project;
    Result<std::optional<State>> none = read_state(state_directory(project.path()));
    REQUIRE(none.ok());
    REQUIRE_FALSE(none->has_value());

    std::filesystem::create_directories(project.path() / ".dactl");
    REQUIRE(write_file_atomically(project.path() / ".dactl" / "state.json", "[]").ok());
    Result<std::optional<State>> bad = read_state(state_directory(project.path()));
    REQUIRE_FALSE(bad.ok());
    REQUIRE(bad.error().message == (project.path() / ".dactl" / "state.json").string() +
                                       ": state file: not a JSON object");
}

TEST_CASE("read_state says what is wrong with a zeroed state file or a directory in its place",
          "[state]") {
    TempDir project;
    const auto path = state_path(state_directory(project.path()));
    std::filesystem::create_directories(path.parent_path());
    REQUIRE(write_file_atomically(path, std::string(512, '\0')).ok());
    Result<std::optional<State>> zeroed = read_state(state_directory(project.path()));
    REQUIRE_FALSE(zeroed.ok());
    REQUIRE(zeroed.error().message ==
            path.string() + ": state file: not valid JSON at byte 0: The text holds a NUL byte.");

    REQUIRE(write_file_atomically(path, std::string("{\"format_version\": 1\0}", 22)).ok());
    REQUIRE(read_state(state_directory(project.path())).error().message ==
            path.string() + ": state file: not valid JSON at byte 20: The text holds a NUL byte.");

    std::filesystem::remove(path);
    std::filesystem::create_directory(path);
    Result<std::optional<State>> directory = read_state(state_directory(project.path()));
    REQUIRE_FALSE(directory.ok());
    REQUIRE(directory.error().message == "cannot read " + path.string() + ": it is a directory");

    std::filesystem::remove(path);
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    REQUIRE(read_state(state_directory(project.path())).error().message ==
            "cannot read " + path.string() + ": it is not a regular file");
}
