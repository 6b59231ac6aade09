// The audit trail: changes through the API and the admin API, queried.

#include "tests/emulator/audits.h"

#include <catch2/catch.hpp>

#include "tests/emulator/analytics_api.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/json_codec.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;
using namespace dactl::emulator::testing;

namespace {

std::string query(const std::string& extra = "") {
    const std::int64_t now = now_ms();
    return R"({"interval": ")" + format_instant(now - 86'400'000) + "/" +
           format_instant(now + 60'000) + R"(", "serviceName": "Integrations")" + extra + "}";
}

// "who: property old -> new; ..." per entity.
std::string entries(const Reply& reply) {
    REQUIRE(reply.status == 200);
    Json body = body_json(reply);
    // Appended piece by piece: "text" + temporary trips GCC 12's -Wrestrict at -O3.
    std::string lines;
    auto add = [&lines](std::initializer_list<std::string> pieces) {
        for (const std::string& piece : pieces) {
            lines += piece;
        }
    };
    for (const Json& entry : body.find("entities")->as_array()) {
        if (const Json* user = entry.find("user")) {
            add({"user ", user->string_or("id", ""), " ", user->string_or("name", "(no name)")});
        } else {
            add({"client ", entry.find("client")->string_or("id", "")});
        }
        add({" ", entry.string_or("action", ""), " ", entry.find("entity")->string_or("id", ""),
             ":"});
        for (const Json& change : entry.find("propertyChanges")->as_array()) {
            add({" ", change.string_or("property", ""), " ", write_json(*change.find("oldValues")),
                 " -> ", write_json(*change.find("newValues"))});
        }
        lines += "\n";
    }
    add({"total ", write_json(*body.find("total")), ", pages ",
         write_json(*body.find("pageCount"))});
    return lines;
}

}  // namespace

TEST_CASE("API and admin changes are audited, by client and by user", "[emulator][audits]") {
    TestServer server(small_seed());
    REQUIRE(
        server
            .api(
                "PATCH", action_path("custom_-_0003"),
                R"({"version": 2, "config": {"timeoutSeconds": 25, "request": {"requestUrlTemplate": "https://crm.example.com/customers", "requestType": "GET", "headers": {}, "requestTemplate": "${input.rawRequest}"}, "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}}})")
            .status == 200);
    REQUIRE(server
                .admin("PATCH",
                       "/__emulator/actions/custom_-_0003?userId=u-1&userName=Jane%20Admin",
                       R"({"config": {"timeoutSeconds": 45}})")
                .status == 200);
    REQUIRE(server
                .admin("PATCH", "/__emulator/actions/custom_-_0001?clientId=other-tool",
                       R"({"category": "Orders"})")
                .status == 200);
    REQUIRE(
        entries(server.api("POST", std::string(k_audit_query_path) + "?expand=user", query())) ==
        "client test-client Update custom_-_0003: config.timeoutSeconds [\"20\"] -> [\"25\"]\n"
        "user u-1 Jane Admin Update custom_-_0003: config.timeoutSeconds [\"25\"] -> [\"45\"]\n"
        "client other-tool Update custom_-_0001: category [\"Orders Web Services\"] -> "
        "[\"Orders\"]\n"
        "total 3, pages 1");
    REQUIRE(
        entries(server.api(
            "POST", std::string(k_audit_query_path),
            query(
                R"(, "filters": [{"property": "EntityId", "value": "custom_-_0003"}], "sort": [{"name": "Timestamp", "sortOrder": "descending"}], "pageSize": 1, "pageNumber": 1)"))) ==
        "user u-1 (no name) Update custom_-_0003: config.timeoutSeconds [\"25\"] -> [\"45\"]\n"
        "total 2, pages 2");
    server.settings(R"({"auditPropertyNames": "bare"})");
    REQUIRE(entries(server.api(
                "POST", std::string(k_audit_query_path),
                query(R"(, "filters": [{"property": "ClientId", "value": "test-client"}])"))) ==
            "client test-client Update custom_-_0003: timeoutSeconds [\"20\"] -> [\"25\"]\n"
            "total 1, pages 1");
}

TEST_CASE("the service mapping, and what the switches take away", "[emulator][audits]") {
    TestServer server(small_seed());
    Reply mapping = server.api("GET", std::string(k_audit_mapping_path));
    REQUIRE(mapping.status == 200);
    REQUIRE(mapping.body.find(R"({"name":"Integrations","entities":[{"name":"Action",)") !=
            std::string::npos);
    server.settings(R"({"auditServiceMapped": false, "auditsForbidden": true})");
    REQUIRE(server.api("GET", std::string(k_audit_mapping_path)).body.find("Integrations") ==
            std::string::npos);
    Reply refused = server.api("POST", std::string(k_audit_query_path), query());
    REQUIRE(refused.status == 403);
    REQUIRE(body_json(refused).string_or("message", "") ==
            "Unable to perform the requested action. You are missing the following "
            "permission(s): audits:audit:view");
    server.settings(R"({"auditsForbidden": false})");
    REQUIRE(body_json(
                server.api("POST", std::string(k_audit_query_path), query(R"(, "pageSize": 501)")))
                .string_or("message", "") == "pageSize must be an integer from 1 to 500");
    REQUIRE(
        body_json(server.api("POST", std::string(k_audit_query_path),
                             query(R"(, "filters": [{"property": "Level", "value": "x"}])")))
            .string_or("message", "") ==
        "filter property \"Level\" is not one of UserId, ClientId, Action, EntityType, EntityId");
}
