// load_project over real directories, the manifests' digest, and a file with
// many problems reported in one run.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"
#include "engine/util/digest.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using dactl::testing::TempDir;

namespace {

std::string digest_of(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string framed;
    for (const auto& [path, text] : files) {
        framed += path;
        framed += '\0';
        framed += text;
        framed += '\0';
    }
    return "sha256:" + sha256_hex(framed);
}

}  // namespace

TEST_CASE("load_project reads every .toml file recursively in sorted order", "[manifest]") {
    TempDir dir;
    dir.write("zeta.toml", "[action.zeta]\nname = \"Z\"\n");
    dir.write("orders/b.toml", "[action.b]\nname = \"B\"\n");
    dir.write("orders/a.toml", "[action.a]\nname = \"A\"\n");
    dir.write("dactl.toml", "region = \"us-east-1\"\n");
    dir.write("README.md", "[action.readme]\n");
    dir.write("orders/notes.toml.bak", "not toml");
    dir.write(".dactl/state.toml", "garbage [");
    dir.write(".git/config.toml", "garbage [");
    dir.write("orders/.hidden/x.toml", "garbage [");
    dir.write(".editor.toml", "garbage [");

    LoadResult result = load_project(dir.path());

    REQUIRE(result.diagnostics.format().empty());
    REQUIRE(result.project.directory == dir.path());
    REQUIRE(result.project.files ==
            std::vector<std::string>{"dactl.toml", "orders/a.toml", "orders/b.toml", "zeta.toml"});
    REQUIRE(result.project.settings.region == "us-east-1");
    REQUIRE(result.project.actions.size() == 3);
    REQUIRE(result.project.actions[0].address() == "action.a");
    REQUIRE(result.project.actions[0].where.path == "orders/a.toml");
    REQUIRE(result.project.actions[1].address() == "action.b");
    REQUIRE(result.project.actions[2].address() == "action.zeta");
    REQUIRE(result.project.digest == digest_of({{"dactl.toml", "region = \"us-east-1\"\n"},
                                                {"orders/a.toml", "[action.a]\nname = \"A\"\n"},
                                                {"orders/b.toml", "[action.b]\nname = \"B\"\n"},
                                                {"zeta.toml", "[action.zeta]\nname = \"Z\"\n"}}));
}

TEST_CASE("load_project reports a missing directory instead of throwing", "[manifest]") {
    TempDir dir;
    const std::filesystem::path missing = dir.path() / "nope";
    LoadResult result = load_project(missing);
    REQUIRE(result.diagnostics.format() == "the project directory " + missing.string() +
                                               " does not exist or is not a directory\n");
    REQUIRE(result.project.directory == missing);
}

TEST_CASE("the digest covers paths and bytes, not the order given", "[manifest]") {
    const std::vector<ManifestSource> sources = {{"b.toml", "[action.b]\nname = \"B\"\n"},
                                                 {"a.toml", "[action.a]\nname = \"A\"\n"}};
    const std::string digest = load_sources(sources).project.digest;
    REQUIRE(digest == digest_of({{"a.toml", "[action.a]\nname = \"A\"\n"},
                                 {"b.toml", "[action.b]\nname = \"B\"\n"}}));
    REQUIRE(digest.size() == 7 + 64);
    REQUIRE(load_sources({sources[1], sources[0]}).project.digest == digest);

    // One byte, a file's name, or the split between path and contents changes it.
    REQUIRE(load_sources({sources[0], {"a.toml", "[action.a]\nname = \"A\" \n"}}).project.digest !=
            digest);
    REQUIRE(load_sources({sources[0], {"c.toml", sources[1].text}}).project.digest != digest);
    REQUIRE(load_sources({{"ab", "c"}}).project.digest !=
            load_sources({{"a", "bc"}}).project.digest);
    // Comments are bytes too: a reviewed plan is tied to the exact files.
    REQUIRE(load_sources({sources[0], {"a.toml", "# x\n" + sources[1].text}}).project.digest !=
            digest);
}

TEST_CASE("one run reports every problem of a file, in order", "[manifest]") {
    LoadResult result = load_sources({{"orders.toml", R"([action.Orders]
name = "Orders"
timeout_seconds = 90
timeout_ms = 3000
[action.Orders.request]
type = "get"
headers = { Accept = 1 }
[action.status]
category = "Orders"
url_template = "https://x"
)"}});
    REQUIRE(result.diagnostics.format() ==
            "orders.toml:1:9: invalid label \"Orders\": use only a-z, 0-9 and _, e.g. orders\n"
            "    [action.Orders]\n"
            "            ^\n"
            "orders.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, "
            "found 90; without it the service default of 60 applies\n"
            "    timeout_seconds = 90\n"
            "                      ^\n"
            "orders.toml:4:1: unknown key \"timeout_ms\" in [action.Orders]; use timeout_seconds, "
            "in whole seconds from 1 to 60\n"
            "    timeout_ms = 3000\n"
            "    ^\n"
            "orders.toml:6:8: request.type must be one of GET, PUT, POST, PATCH, DELETE, found "
            "\"get\"; write it in upper case: \"GET\"\n"
            "    type = \"get\"\n"
            "           ^\n"
            "orders.toml:7:22: request.headers.Accept must be a string, found an integer\n"
            "    headers = { Accept = 1 }\n"
            "                         ^\n"
            "orders.toml:8:1: action.status has neither name nor id; add name = \"<the action's "
            "exact name>\" or id = \"<its id>\"\n"
            "    [action.status]\n"
            "    ^\n"
            "orders.toml:10:1: unknown key \"url_template\" in [action.status]; did you mean "
            "request.url_template?\n"
            "    url_template = \"https://x\"\n"
            "    ^\n");
    REQUIRE(result.diagnostics.size() == 7);
    REQUIRE(result.diagnostics.has_errors());
}
