// dactl.toml's [api] table: defaults, values, and every way it can be wrong.

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"
#include "tests/support/temp_dir.h"

using namespace dactl;
using dactl::testing::TempDir;

namespace {

const ManifestSource k_actions{"a.toml", "[action.a]\nname = \"A\"\n"};

LoadResult load_settings(const std::string& text) {
    return load_sources({{"dactl.toml", text}, k_actions});
}

std::string problems(const std::string& settings) {
    return load_settings(settings).diagnostics.format();
}

}  // namespace

TEST_CASE("without [api] every API setting is unset", "[manifest][settings]") {
    const LoadResult result = load_settings("region = \"us-east-1\"\n");
    REQUIRE(result.diagnostics.empty());
    const ApiSettings& api = result.project.settings.api;
    REQUIRE_FALSE(api.requests_per_minute.has_value());
    REQUIRE_FALSE(api.connect_timeout_seconds.has_value());
    REQUIRE_FALSE(api.request_timeout_seconds.has_value());
    REQUIRE_FALSE(api.max_attempts.has_value());
    REQUIRE_FALSE(api.ca_bundle.has_value());
}

TEST_CASE("[api] sets the request budget, timeouts, attempts and CA bundle",
          "[manifest][settings]") {
    const LoadResult result = load_settings(
        "[api]\nrequests_per_minute = 120\nconnect_timeout_seconds = 5\n"
        "request_timeout_seconds = 600\nmax_attempts = 1\nca_bundle = \"certs/ca.pem\"\n");
    REQUIRE(result.diagnostics.empty());
    const ApiSettings& api = result.project.settings.api;
    REQUIRE(api.requests_per_minute == 120);
    REQUIRE(api.connect_timeout_seconds == 5);
    REQUIRE(api.request_timeout_seconds == 600);
    REQUIRE(api.max_attempts == 1);
    REQUIRE(api.ca_bundle == "certs/ca.pem");
    REQUIRE(api.ca_bundle_where.path == "dactl.toml");
    REQUIRE(api.ca_bundle_where.line == 6);
    REQUIRE(api.ca_bundle_where.column == 13);
}

TEST_CASE("[api] accepts the ends of each range", "[manifest][settings]") {
    const LoadResult low = load_settings(
        "[api]\nrequests_per_minute = 1\nconnect_timeout_seconds = 1\n"
        "request_timeout_seconds = 1\nmax_attempts = 1\ntokens = 1\n"
        "client_requests_per_minute = 1\n");
    REQUIRE(low.diagnostics.empty());
    REQUIRE(low.project.settings.api.requests_per_minute == 1);
    REQUIRE(low.project.settings.api.tokens == 1);
    REQUIRE(low.project.settings.api.client_requests_per_minute == 1);
    const LoadResult high = load_settings(
        "api.requests_per_minute = 10000\napi.connect_timeout_seconds = 300\n"
        "api.request_timeout_seconds = 600\napi.max_attempts = 20\napi.tokens = 10\n"
        "api.client_requests_per_minute = 100000\n");
    REQUIRE(high.diagnostics.empty());
    REQUIRE(high.project.settings.api.tokens == 10);
    REQUIRE(high.project.settings.api.client_requests_per_minute == 100000);
    REQUIRE(high.project.settings.api.requests_per_minute == 10000);
    REQUIRE(high.project.settings.api.connect_timeout_seconds == 300);
    REQUIRE(high.project.settings.api.request_timeout_seconds == 600);
    REQUIRE(high.project.settings.api.max_attempts == 20);
}

TEST_CASE("[api] tokens is a pool of 1 to 10", "[manifest][settings]") {
    REQUIRE(problems("[api]\ntokens = 11\nclient_requests_per_minute = 0\n") ==
            "dactl.toml:2:10: api.tokens must be a whole number from 1 to 10, found 11\n"
            "    tokens = 11\n"
            "             ^\n"
            "dactl.toml:3:30: api.client_requests_per_minute must be a whole number from 1 to "
            "100000, found 0\n"
            "    client_requests_per_minute = 0\n"
            "                                 ^\n");
}

TEST_CASE("[api] values out of range or of the wrong type are reported in full",
          "[manifest][settings]") {
    const LoadResult result = load_settings(
        "[api]\nrequests_per_minute = 0\nconnect_timeout_seconds = 2.5\n"
        "request_timeout_seconds = \"60\"\nmax_attempts = 21\nca_bundle = 7\n");
    REQUIRE(result.diagnostics.format() ==
            "dactl.toml:2:23: api.requests_per_minute must be a whole number from 1 to 10000, "
            "found 0\n"
            "    requests_per_minute = 0\n"
            "                          ^\n"
            "dactl.toml:3:27: api.connect_timeout_seconds must be a whole number of seconds from "
            "1 to 300, found 2.5\n"
            "    connect_timeout_seconds = 2.5\n"
            "                              ^\n"
            "dactl.toml:4:27: api.request_timeout_seconds must be a whole number of seconds from "
            "1 to 600, found a string\n"
            "    request_timeout_seconds = \"60\"\n"
            "                              ^\n"
            "dactl.toml:5:16: api.max_attempts must be a whole number from 1 to 20, found 21\n"
            "    max_attempts = 21\n"
            "                   ^\n"
            "dactl.toml:6:13: api.ca_bundle must be a string (a PEM file's path), found an "
            "integer\n"
            "    ca_bundle = 7\n"
            "                ^\n");
    const ApiSettings& api = result.project.settings.api;
    REQUIRE_FALSE(api.requests_per_minute.has_value());
    REQUIRE_FALSE(api.max_attempts.has_value());
    REQUIRE_FALSE(api.ca_bundle.has_value());

    REQUIRE(problems("[api]\nconnect_timeout_seconds = 301\nrequest_timeout_seconds = -1\n"
                     "requests_per_minute = 10001\nca_bundle = \"\"\n") ==
            "dactl.toml:2:27: api.connect_timeout_seconds must be a whole number of seconds from "
            "1 to 300, found 301\n"
            "    connect_timeout_seconds = 301\n"
            "                              ^\n"
            "dactl.toml:3:27: api.request_timeout_seconds must be a whole number of seconds from "
            "1 to 600, found -1\n"
            "    request_timeout_seconds = -1\n"
            "                              ^\n"
            "dactl.toml:4:23: api.requests_per_minute must be a whole number from 1 to 10000, "
            "found 10001\n"
            "    requests_per_minute = 10001\n"
            "                          ^\n"
            "dactl.toml:5:13: api.ca_bundle must not be empty\n"
            "    ca_bundle = \"\"\n"
            "                ^\n");
}

TEST_CASE("unknown keys in [api] get a suggestion or the list of keys", "[manifest][settings]") {
    REQUIRE(problems("[api]\nmax_attempt = 3\nrate = 5\nconnect_timeout = 3\n") ==
            "dactl.toml:2:1: unknown key \"max_attempt\" in [api]; did you mean max_attempts?\n"
            "    max_attempt = 3\n"
            "    ^\n"
            "dactl.toml:3:1: unknown key \"rate\" in [api]; the keys are requests_per_minute, "
            "client_requests_per_minute, tokens, connect_timeout_seconds, "
            "request_timeout_seconds, max_attempts and ca_bundle\n"
            "    rate = 5\n"
            "    ^\n"
            "dactl.toml:4:1: unknown key \"connect_timeout\" in [api]; did you mean "
            "connect_timeout_seconds?\n"
            "    connect_timeout = 3\n"
            "    ^\n");
}

TEST_CASE("API settings outside [api], and [api] that is not a table", "[manifest][settings]") {
    REQUIRE(problems("max_attempts = 3\nrequest_timeout = 30\napi = 5\n") ==
            "dactl.toml:1:1: unknown setting \"max_attempts\" in dactl.toml; put it in the [api] "
            "table\n"
            "    max_attempts = 3\n"
            "    ^\n"
            "dactl.toml:2:1: unknown setting \"request_timeout\" in dactl.toml; did you mean "
            "request_timeout_seconds in the [api] table?\n"
            "    request_timeout = 30\n"
            "    ^\n"
            "dactl.toml:3:7: api must be a table ([api]), found an integer\n"
            "    api = 5\n"
            "          ^\n");
    REQUIRE(problems("apl = 1\n") ==
            "dactl.toml:1:1: unknown setting \"apl\" in dactl.toml; did you mean api?\n"
            "    apl = 1\n"
            "    ^\n");
}

TEST_CASE("[api] in a manifest other than dactl.toml is reported", "[manifest][settings]") {
    REQUIRE(load_sources({{"a.toml", "[api]\nmax_attempts = 3\n[action.a]\nname = \"A\"\n"}})
                .diagnostics.format() ==
            "a.toml:1:2: [api] holds settings; put it in dactl.toml at the project root\n"
            "    [api]\n"
            "     ^\n");
}

TEST_CASE("load_project checks that the CA bundle exists, relative to the project",
          "[manifest][settings]") {
    TempDir dir;
    dir.write("a.toml", "[action.a]\nname = \"A\"\n");
    dir.write("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n");
    dir.write("dactl.toml", "[api]\nca_bundle = \"certs/ca.pem\"\n");
    const LoadResult found = load_project(dir.path());
    REQUIRE(found.diagnostics.format().empty());
    REQUIRE(found.project.settings.api.ca_bundle == "certs/ca.pem");

    dir.write("dactl.toml", "[api]\nca_bundle = \"certs/missing.pem\"\n");
    REQUIRE(load_project(dir.path()).diagnostics.format() ==
            "dactl.toml:2:13: api.ca_bundle names certs/missing.pem, which does not exist; give "
            "the path of a PEM file, relative to the project directory\n"
            "    ca_bundle = \"certs/missing.pem\"\n"
            "                ^\n");

    dir.write("dactl.toml", "[api]\nca_bundle = \"certs\"\n");
    REQUIRE(load_project(dir.path()).diagnostics.format() ==
            "dactl.toml:2:13: api.ca_bundle names certs, which is not a file; give the path of a "
            "PEM file, relative to the project directory\n"
            "    ca_bundle = \"certs\"\n"
            "                ^\n");

    dir.write("dactl.toml",
              "[api]\nca_bundle = \"" + (dir.path() / "certs/ca.pem").string() + "\"\n");
    REQUIRE(load_project(dir.path()).diagnostics.format().empty());
}

TEST_CASE("[insights] lists the errorType values that are timeouts", "[manifest][settings]") {
    REQUIRE_FALSE(load_settings("").project.settings.insights.timeout_error_types);
    const LoadResult listed =
        load_settings("[insights]\ntimeout_error_types = [\"REQUEST_TIMEOUT\", \"SLOW\"]\n");
    REQUIRE(listed.diagnostics.empty());
    REQUIRE(listed.project.settings.insights.timeout_error_types ==
            std::vector<std::string>{"REQUEST_TIMEOUT", "SLOW"});
    REQUIRE(problems("[insights]\ntimeout_error_types = [\"A\", 3]\ntimeouts = []\n") ==
            "dactl.toml:2:23: insights.timeout_error_types must be a list of non-empty strings "
            "(the analytics errorType values that are timeouts), found an array\n"
            "    timeout_error_types = [\"A\", 3]\n"
            "                          ^\n"
            "dactl.toml:3:1: unknown key \"timeouts\" in [insights]; the keys are "
            "timeout_error_types and concurrency_limit\n"
            "    timeouts = []\n"
            "    ^\n");
    REQUIRE(problems("insights = 3\n") ==
            "dactl.toml:1:12: insights must be a table ([insights]), found an integer\n"
            "    insights = 3\n"
            "               ^\n");
}

TEST_CASE("[insights] sets the concurrency limit used when the org's cannot be read",
          "[manifest][settings]") {
    REQUIRE(load_settings("").project.settings.insights.concurrency_limit == 50);
    REQUIRE(load_settings("[insights]\nconcurrency_limit = 200\n")
                .project.settings.insights.concurrency_limit == 200);
    REQUIRE(problems("[insights]\nconcurrency_limit = 0\n") ==
            "dactl.toml:2:21: insights.concurrency_limit must be a whole number from 1 to 100000 "
            "(the org's concurrent data action executions), found an integer\n"
            "    concurrency_limit = 0\n"
            "                        ^\n");
}

TEST_CASE("without [state] the state is local", "[manifest][settings]") {
    const StateSettings& state = load_settings("").project.settings.state;
    REQUIRE(state.backend == StateBackendKind::local);
    REQUIRE(state.schema == "dactl");
    REQUIRE(state.project.empty());
    REQUIRE_FALSE(state.conn_env.has_value());
}

TEST_CASE("[state] names the postgres backend, its schema, project key and URI variable",
          "[manifest][settings]") {
    const LoadResult result = load_settings(
        "[state]\nbackend = \"postgres\"\nschema = \"cc_state\"\nproject = \"cc/actions-1.x\"\n"
        "conn_env = \"DACTL_STATE_URI\"\n");
    REQUIRE(result.diagnostics.empty());
    const StateSettings& state = result.project.settings.state;
    REQUIRE(state.backend == StateBackendKind::postgres);
    REQUIRE(state.schema == "cc_state");
    REQUIRE(state.project == "cc/actions-1.x");
    REQUIRE(state.conn_env == "DACTL_STATE_URI");
}

TEST_CASE("[state] refuses a connection or password in the file and names every mistake",
          "[manifest][settings]") {
    REQUIRE(problems("[state]\nbackend = \"postgres\"\nproject = \"p\"\npassword = \"hunter2\"\n"
                     "host = \"db\"\n") ==
            "dactl.toml:4:1: state.password: the database connection and its password never go "
            "in dactl.toml; set libpq's variables (PGHOST, PGDATABASE, PGUSER, PGPASSWORD, "
            "PGSSLMODE or PGSERVICE), or put a connection URI in a variable and name it with "
            "conn_env\n"
            "    password = \"*******\"\n"
            "    ^\n"
            "dactl.toml:5:1: state.host: the database connection and its password never go in "
            "dactl.toml; set libpq's variables (PGHOST, PGDATABASE, PGUSER, PGPASSWORD, "
            "PGSSLMODE or PGSERVICE), or put a connection URI in a variable and name it with "
            "conn_env\n"
            "    host = \"db\"\n"
            "    ^\n");
    REQUIRE(problems("[state]\nbackend = \"s3\"\nschema = \"Bad-Name\"\nproject = \"a b\"\n"
                     "conn_env = \"postgres://u:p@h/db\"\nbakend = 1\n") ==
            "dactl.toml:2:11: state.backend must be \"local\" or \"postgres\", found \"s3\"\n"
            "    backend = \"s3\"\n"
            "              ^\n"
            "dactl.toml:3:10: state.schema must be a schema name (a-z, 0-9 and _, not starting "
            "with a digit, at most 63), found \"Bad-Name\"\n"
            "    schema = \"Bad-Name\"\n"
            "             ^\n"
            "dactl.toml:4:11: state.project must be a key of letters, digits, _, -, . and / (at "
            "most 200), e.g. \"contact-centre/prod-actions\", found \"a b\"\n"
            "    project = \"a b\"\n"
            "              ^\n"
            "dactl.toml:5:12: state.conn_env must name an environment variable (letters, digits "
            "and _) that holds the connection URI; the URI itself never goes in a file\n"
            "    conn_env = \"postgres://u:p@h/db\"\n"
            "               ^\n"
            "dactl.toml:6:1: unknown key \"bakend\" in [state]; did you mean backend?\n"
            "    bakend = 1\n"
            "    ^\n");
    REQUIRE(problems("[state]\nbackend = \"postgres\"\n") ==
            "dactl.toml:1:1: [state] with backend = \"postgres\" needs project, the key this "
            "project's states live under in the database (e.g. project = \"contact-centre\"), "
            "so that two repositories sharing a database never share a state\n"
            "    [state]\n"
            "    ^\n");
}
