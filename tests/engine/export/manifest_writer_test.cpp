#include "engine/export/manifest_writer.h"

#include <catch2/catch.hpp>

#include "engine/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

FileEdit edit(const TempDir& dir, const std::string& name, std::optional<std::string> before,
              std::string after) {
    return {dir.path() / name, name, std::move(before), std::move(after)};
}

}  // namespace

TEST_CASE("write_manifests writes every file, then runs the check", "[export][write]") {
    TempDir dir;
    dir.write("a.toml", "a = 1\n");
    int checks = 0;
    Status written = write_manifests({edit(dir, "a.toml", "a = 1\n", "a = 2\n"),
                                      edit(dir, "sub/b.toml", std::nullopt, "b = 1\n")},
                                     [&] {
                                         ++checks;
                                         REQUIRE(*read_file(dir.path() / "a.toml") == "a = 2\n");
                                         return Status{};
                                     });
    REQUIRE(written.ok());
    REQUIRE(checks == 1);
    REQUIRE(*read_file(dir.path() / "sub/b.toml") == "b = 1\n");
}

TEST_CASE("write_manifests puts every file back when the check fails", "[export][write]") {
    TempDir dir;
    dir.write("a.toml", "a = 1\n");
    Status written = write_manifests(
        {edit(dir, "a.toml", "a = 1\n", "a = 2\n"), edit(dir, "b.toml", std::nullopt, "b = 1\n")},
        [] { return Status(make_error(ErrorKind::invalid_input, "the entry did not load")); });
    REQUIRE_FALSE(written.ok());
    REQUIRE(written.error().message ==
            "the entry did not load; a.toml and b.toml were put back as they were");
    REQUIRE(*read_file(dir.path() / "a.toml") == "a = 1\n");
    REQUIRE_FALSE(std::filesystem::exists(dir.path() / "b.toml"));
}

TEST_CASE("write_manifests writes nothing over a file changed or made since it was read",
          "[export][write]") {
    TempDir dir;
    dir.write("a.toml", "a = 1\n");
    dir.write("b.toml", "b = 0\n");
    Status changed = write_manifests(
        {edit(dir, "b.toml", std::nullopt, "b = 1\n"), edit(dir, "a.toml", "a = 0\n", "a = 2\n")},
        {});
    REQUIRE(changed.error().message == "b.toml already exists; nothing was written");
    Status edited = write_manifests({edit(dir, "a.toml", "a = 0\n", "a = 2\n")}, {});
    REQUIRE(edited.error().message == "a.toml changed since dactl read it; nothing was written");
    REQUIRE(*read_file(dir.path() / "a.toml") == "a = 1\n");
    REQUIRE(*read_file(dir.path() / "b.toml") == "b = 0\n");
}
