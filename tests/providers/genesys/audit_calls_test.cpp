// The audit trail's calls: the query body, the answer and the service mapping.
#include <catch2/catch.hpp>

#include "providers/genesys/audit_codec.h"
#include "providers/genesys/genesys_provider.h"
#include "tests/support/fake_transport.h"

using namespace dactl;
using namespace dactl::genesys;
using namespace dactl::testing;

TEST_CASE("the audit query asks for actions' entries, newest first, a page of 500",
          "[provider][audit]") {
    AuditQuery query;
    query.interval = {1'795'478'400'000, 1'795'564'800'000};
    query.entity_id = "custom_-_1";
    REQUIRE(encode_audit_query(query) ==
            "{\n"
            "  \"interval\": \"2026-11-24T00:00:00.000Z/2026-11-25T00:00:00.000Z\",\n"
            "  \"serviceName\": \"Integrations\",\n"
            "  \"filters\": [\n"
            "    {\n      \"property\": \"EntityType\",\n      \"value\": \"Action\"\n    },\n"
            "    {\n      \"property\": \"EntityId\",\n      \"value\": \"custom_-_1\"\n    }\n"
            "  ],\n"
            "  \"sort\": [\n    {\n      \"name\": \"Timestamp\",\n      \"sortOrder\": "
            "\"descending\"\n    }\n  ],\n"
            "  \"pageNumber\": 1,\n"
            "  \"pageSize\": 500\n"
            "}\n");
}

TEST_CASE("audit entries are read with their user, client and changes as given",
          "[provider][audit]") {
    Result<AuditPage> page = decode_audit_page(R"({"entities": [
        {"id": "e1", "user": {"id": "u-1", "name": "Jane Admin"}, "client": {"id": "ui"},
         "eventDate": "2026-11-24T10:02:11.000Z", "action": "Update",
         "entity": {"id": "custom_-_1", "name": "X"}, "entityType": "Action",
         "propertyChanges": [{"property": "timeoutSeconds", "oldValues": ["10"], "newValues": ["45"]}]},
        {"id": "e2", "client": {"id": "tool"}, "eventDate": "2026-11-24T11:00:00Z", "action": "Update",
         "entity": {"id": "custom_-_2"}}],
        "pageSize": 500, "pageNumber": 1, "total": 2, "pageCount": 1})");
    REQUIRE(page);
    REQUIRE(page->page_count == 1);
    REQUIRE(page->entries.size() == 2);
    REQUIRE(page->entries[0] == AuditEntry{1'795'478'400'000 + 36'131'000,
                                           "custom_-_1",
                                           "Update",
                                           std::string("u-1"),
                                           std::string("Jane Admin"),
                                           "ui",
                                           {{"timeoutSeconds", {"10"}, {"45"}}}});
    REQUIRE_FALSE(page->entries[1].user_id);
    REQUIRE(page->entries[1].client_id == "tool");
    REQUIRE(decode_audit_page(R"({"total": 0})").error().message ==
            "the answer has no entities array");
    REQUIRE(decode_audit_page(R"({"entities": [{"eventDate": "soon"}]})").error().message ==
            "the answer has an audit entry whose eventDate is \"soon\", not an instant such as "
            "2026-12-01T10:00:00Z");
    REQUIRE(decode_audit_page(R"({"entities": [{"eventDate": ""}]})").error().message ==
            "the answer has an audit entry whose eventDate is \"\", not an instant such as "
            "2026-12-01T10:00:00Z");
    REQUIRE(decode_audit_page(R"({"entities": [{"eventDate": 1764583200}]})").error().message ==
            "the answer has an audit entry whose eventDate is 1764583200, not an instant such as "
            "2026-12-01T10:00:00Z");
    REQUIRE(decode_audit_page(R"({"entities": [{}]})").error().message ==
            "the answer has an audit entry whose eventDate is missing, not an instant such as "
            "2026-12-01T10:00:00Z");
}

TEST_CASE("the service mapping lists services and entity types", "[provider][audit]") {
    Result<std::vector<AuditService>> services = decode_audit_services(
        R"({"services": [{"name": "Integrations", "entities": [{"name": "Action", "actions": ["Update"]}]}]})");
    REQUIRE(services);
    REQUIRE(services->size() == 1);
    REQUIRE((*services)[0].name == "Integrations");
    REQUIRE((*services)[0].entity_types == std::vector<std::string>{"Action"});
    REQUIRE(decode_audit_services("[]").error().message == "the answer is not a JSON object");

    FakeTransport transport;
    ClientOptions options;
    options.sleep = [](std::chrono::milliseconds) {};
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"}, options);
    GenesysProvider provider(client);
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(200, R"({"services": []})"));
    transport.push(json_answer(200, R"({"entities": [], "pageCount": 0})"));
    REQUIRE(provider.audits().audit_services());
    REQUIRE(provider.audits().query_audits(AuditQuery{}));
    REQUIRE(transport.lines() ==
            std::vector<std::string>{"POST https://login/oauth/token",
                                     "GET https://api/api/v2/audits/query/realtime/servicemapping",
                                     "POST https://api/api/v2/audits/query/realtime?expand=user"});
}

TEST_CASE("audit reads are one attempt of at most 15 s: the trail is optional",
          "[provider][audit]") {
    FakeTransport transport;
    ClientOptions options;
    options.sleep = [](std::chrono::milliseconds) {};
    GenesysClient client(transport, {"https://api", "https://login"}, {"id", "secret"}, options);
    GenesysProvider provider(client);
    transport.push(json_answer(200, R"({"access_token": "t"})"));
    transport.push(json_answer(503, R"({"message": "busy", "code": "service.unavailable"})"));
    transport.push(make_error(ErrorKind::timeout, "no complete answer within 15 s"));
    REQUIRE_FALSE(provider.audits().audit_services());  // a 503 is not retried
    Result<AuditPage> page = provider.audits().query_audits(AuditQuery{});
    REQUIRE_FALSE(page);
    REQUIRE(page.error().kind == ErrorKind::timeout);
    const std::vector<http::Request> sent = transport.requests();
    REQUIRE(sent.size() == 3);
    REQUIRE(sent[1].timeout == std::chrono::milliseconds(15'000));
    REQUIRE(sent[2].timeout == std::chrono::milliseconds(15'000));
    REQUIRE_FALSE(sent[0].timeout);
}
