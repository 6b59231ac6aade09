// [env.<name>] settings and [action.<label>.env.<name>] overrides.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using dactl::testing::TempDir;

namespace {

const ManifestSource k_settings{"dactl.toml",
                                "[env.test]\nregion = \"us-east-1\"\n"
                                "[env.prod]\nregion = \"eu-west-1\"\n"
                                "client_id_env = \"GC_PROD_ID\"\n"
                                "client_secret_env = \"GC_PROD_SECRET\"\n"};

const ManifestSource k_orders{"orders.toml",
                              "[action.orders]\n"
                              "name = \"Orders\"\n"
                              "timeout_seconds = 8\n"
                              "request.type = \"GET\"\n"
                              "request.url_template = \"https://test/x\"\n"
                              "[action.orders.env.prod]\n"
                              "id = \"p-1\"\n"
                              "timeout_seconds = 20\n"
                              "request.type = \"POST\"\n"};

}  // namespace

TEST_CASE("environments are read from dactl.toml, sorted, with their variables",
          "[manifest][environments]") {
    LoadResult loaded = load_sources({k_settings, k_orders});
    REQUIRE(loaded.diagnostics.format().empty());
    const Settings& settings = loaded.project.settings;
    REQUIRE(settings.environment_names() == std::vector<std::string>{"prod", "test"});
    REQUIRE(settings.environment("prod")->region == "eu-west-1");
    REQUIRE(settings.environment("prod")->client_id_variable() == "GC_PROD_ID");
    REQUIRE(settings.environment("prod")->client_secret_variable() == "GC_PROD_SECRET");
    REQUIRE(settings.environment("test")->client_id_variable() == "GENESYSCLOUD_OAUTHCLIENT_ID");
    REQUIRE(settings.environment("test")->where.line == 1);
    REQUIRE(loaded.project.environment.empty());
}

TEST_CASE("an environment's overrides replace the base's keys, one level into tables",
          "[manifest][environments]") {
    SECTION("the base, read without an environment") {
        LoadResult base = load_sources({k_settings, k_orders});
        const DesiredAction& action = base.project.actions.at(0);
        REQUIRE(action.selector.by == Selector::By::name);
        REQUIRE(action.managed.at(Field::timeout_seconds) == Value(8));
        REQUIRE(action.managed.at(Field::request_type) == Value("GET"));
        REQUIRE(action.overridden_in == std::vector<std::string>{"prod"});
    }
    SECTION("test has no overrides: the base") {
        LoadResult test = load_sources({k_settings, k_orders}, "test");
        REQUIRE(test.project.environment == "test");
        REQUIRE(test.project.actions.at(0).managed.at(Field::timeout_seconds) == Value(8));
    }
    SECTION("prod: its id selects afresh, the name is not kept as a rename") {
        LoadResult prod = load_sources({k_settings, k_orders}, "prod");
        REQUIRE(prod.diagnostics.format().empty());
        const DesiredAction& action = prod.project.actions.at(0);
        REQUIRE(action.selector.by == Selector::By::id);
        REQUIRE(action.selector.value == "p-1");
        REQUIRE(action.managed.count(Field::name) == 0);
        REQUIRE(action.managed.at(Field::timeout_seconds) == Value(20));
        REQUIRE(action.managed.at(Field::request_type) == Value("POST"));
        REQUIRE(action.managed.at(Field::request_url_template) == Value("https://test/x"));
        REQUIRE(action.position_of(Field::timeout_seconds).line == 8);
        REQUIRE(action.position_of(Field::request_url_template).line == 5);
    }
}

TEST_CASE("override and environment mistakes are errors at line and column",
          "[manifest][environments]") {
    const std::string settings_problems =
        load_sources({{"dactl.toml",
                       "[env.Prod]\n[env.test]\nregoin = \"x\"\nclient_id_env = \"1X\"\n"
                       "api_url = \"\"\n[env.uat]\nregion = 5\n[env]\nqa = 3\n"},
                      {"a.toml", "[action.a]\nname = \"A\"\n"}})
            .diagnostics.format();
    REQUIRE(settings_problems ==
            "dactl.toml:1:6: invalid environment name \"Prod\": use only a-z, 0-9, _ and -, e.g. "
            "prod\n"
            "    [env.Prod]\n"
            "         ^\n"
            "dactl.toml:3:1: unknown key \"regoin\" in [env.test]; did you mean region?\n"
            "    regoin = \"x\"\n"
            "    ^\n"
            "dactl.toml:4:17: env.test.client_id_env must name an environment variable (letters, "
            "digits and _), found \"1X\"; the value itself never goes in a file\n"
            "    client_id_env = \"1X\"\n"
            "                    ^\n"
            "dactl.toml:5:11: env.test.api_url must not be empty\n"
            "    api_url = \"\"\n"
            "              ^\n"
            "dactl.toml:7:10: env.uat.region must be a string, found an integer\n"
            "    region = 5\n"
            "             ^\n"
            "dactl.toml:9:6: env.qa must be a table ([env.qa]), found an integer\n"
            "    qa = 3\n"
            "         ^\n");

    const std::string override_problems =
        load_sources({k_settings,
                      {"a.toml",
                       "[action.a]\nname = \"A\"\n[action.a.env.prd]\ntimeout_seconds = 3\n"
                       "[action.a.env.test]\ntimeout_sconds = 3\nenv.prod.id = \"x\"\n"
                       "[action.b]\nname = \"B\"\nenv = 1\n[env.test]\n"}},
                     "test")
            .diagnostics.format();
    REQUIRE(override_problems ==
            "a.toml:3:15: action.a.env.prd overrides environment \"prd\", which dactl.toml does "
            "not declare; did you mean prod?\n"
            "    [action.a.env.prd]\n"
            "                  ^\n"
            "a.toml:6:1: unknown key \"timeout_sconds\" in [action.a]; use timeout_seconds, "
            "in whole seconds from 1 to 60\n"
            "    timeout_sconds = 3\n"
            "    ^\n"
            "a.toml:7:1: action.a.env.test cannot hold env: overrides do not nest\n"
            "    env.prod.id = \"x\"\n"
            "    ^\n"
            "a.toml:10:7: action.b.env must be a table of [action.b.env.<environment>] tables, "
            "found an integer\n"
            "    env = 1\n"
            "          ^\n"
            "a.toml:11:2: [env.<name>] declares an environment; put it in dactl.toml at the "
            "project root (an action's overrides go in [action.<label>.env.<name>])\n"
            "    [env.test]\n"
            "     ^\n");
}

TEST_CASE("every environment is checked - a problem in only some names them",
          "[manifest][environments]") {
    TempDir project;
    project.write("dactl.toml", "[env.test]\n[env.prod]\n[env.uat]\n");
    project.write("a.toml",
                  "[action.a]\nname = \"A\"\ntimeout_seconds = 0\n"
                  "[action.a.env.prod]\ntimeout_seconds = 70\n"
                  "[action.b]\nname = \"B\"\n[action.b.env.uat]\nname = \"A\"\n");
    const LoadResult every = load_every_environment(project.path());
    REQUIRE(every.project.environment.empty());
    REQUIRE(every.diagnostics.format() ==
            "a.toml:3:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "0; without it the service default of 60 applies (environments test and uat)\n"
            "    timeout_seconds = 0\n"
            "                      ^\n"
            "a.toml:5:19: timeout_seconds must be a whole number of seconds from 1 to 60, found "
            "70; without it the service default of 60 applies (environment prod)\n"
            "    timeout_seconds = 70\n"
            "                      ^\n"
            "a.toml:9:1: action.b and action.a (a.toml:2) both select the action named \"A\"; "
            "keep one of them (environment uat)\n"
            "    name = \"A\"\n"
            "    ^\n");
}
