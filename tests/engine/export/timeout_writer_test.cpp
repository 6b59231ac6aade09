#include "engine/export/timeout_writer.h"

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"
#include "engine/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

const char* k_orders =
    "[action.order]\n"
    "name = \"Get Order\"\n"
    "timeout_seconds = 3\n"
    "\n"
    "[action.refund]\n"
    "name = \"Refund\"\n";
const char* k_billing =
    "[action.invoice]\n"
    "id = \"custom_-_9\"   # kept as written\n";

Project load(const TempDir& dir) {
    LoadResult loaded = load_project(dir.path());
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    return std::move(loaded.project);
}

}  // namespace

TEST_CASE("timeout_edits keeps what is new, leaves lower bounds and equal values out",
          "[export][write]") {
    TempDir dir;
    dir.write("orders.toml", k_orders);
    const Project project = load(dir);

    TimeoutEdits edits = timeout_edits(project, {{"action.order", 3, false},
                                                 {"action.refund", 12, true},
                                                 {"action.unknown", 5, false},
                                                 {"action.order", 8, false}});

    REQUIRE(edits.edits.size() == 1);
    REQUIRE(edits.edits[0].action->address() == "action.order");
    REQUIRE(edits.edits[0].seconds == 8);
    REQUIRE(edits.lower_bounds == std::vector<std::string>{"action.refund"});
}

TEST_CASE("timeout_file_edits edits every file in place and says what it set", "[export][write]") {
    TempDir dir;
    dir.write("orders.toml", k_orders);
    dir.write("billing.toml", k_billing);
    const Project project = load(dir);
    std::vector<TimeoutEdit> edits = {
        {project.find("refund"), 12}, {project.find("order"), 8}, {project.find("invoice"), 20}};

    Result<ManifestChange> change = timeout_file_edits(project, edits);

    REQUIRE(change.ok());
    REQUIRE(change->files.size() == 2);
    REQUIRE(write_manifests(change->files, {}).ok());
    REQUIRE(change->lines ==
            std::vector<std::string>{"Set timeout_seconds = 20 for action.invoice in billing.toml",
                                     "Set timeout_seconds = 12 for action.refund in orders.toml",
                                     "Set timeout_seconds = 8 for action.order in orders.toml"});
    REQUIRE(*read_file(dir.path() / "orders.toml") ==
            "[action.order]\n"
            "name = \"Get Order\"\n"
            "timeout_seconds = 8\n"
            "\n"
            "[action.refund]\n"
            "name = \"Refund\"\n"
            "timeout_seconds = 12\n");
    REQUIRE(*read_file(dir.path() / "billing.toml") ==
            "[action.invoice]\n"
            "id = \"custom_-_9\"   # kept as written\n"
            "timeout_seconds = 20\n");
}

TEST_CASE("timeout_file_edits refuses a file that changed since it was loaded", "[export][write]") {
    TempDir dir;
    dir.write("orders.toml", k_orders);
    dir.write("billing.toml", k_billing);
    const Project project = load(dir);
    dir.write("orders.toml", std::string("\n\n") + k_orders);

    Result<ManifestChange> change =
        timeout_file_edits(project, {{project.find("invoice"), 20}, {project.find("order"), 8}});

    REQUIRE_FALSE(change.ok());
    REQUIRE(change.error().message ==
            "orders.toml: the file changed since it was read; action.order was not updated");
    REQUIRE(*read_file(dir.path() / "billing.toml") == k_billing);
}
