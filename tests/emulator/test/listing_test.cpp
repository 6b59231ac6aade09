// GET /api/v2/integrations/actions: query parameters, filters, order, pages and the envelope.

#include "tests/emulator/listing.h"

#include <catch2/catch.hpp>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/seed_loader.h"
#include "tests/emulator/test/support/test_server.h"

using namespace dactl;
using namespace dactl::emulator;

namespace {

std::vector<ActionEntry> load(const std::string& seed) {
    Result<std::vector<ActionEntry>> actions = parse_seed(seed, "seed.json");
    REQUIRE(actions.ok());
    return *actions;
}

Json listing(const std::vector<ActionEntry>& actions, const std::string& query,
             TemplateForm templates = TemplateForm::inline_text) {
    Result<ListQuery> parsed = parse_list_query(parse_query(query));
    REQUIRE(parsed.ok());
    return list_actions(actions, *parsed, templates);
}

std::vector<std::string> ids(const Json& listing) {
    std::vector<std::string> found;
    for (const auto& entity : listing.find("entities")->as_array()) {
        found.push_back(entity.string_or("id", ""));
    }
    return found;
}

std::string refused(const std::string& query) {
    Result<ListQuery> parsed = parse_list_query(parse_query(query));
    REQUIRE_FALSE(parsed.ok());
    REQUIRE(parsed.error().http_status == 400);
    REQUIRE(parsed.error().api_code == "invalid.query.param.value");
    return parsed.error().message;
}

}  // namespace

TEST_CASE("the default page has 25 entities without config or contract", "[emulator][list]") {
    Json page = listing(load(emulator::testing::generated_seed(30)), "");
    REQUIRE(ids(page).size() == 25);
    const Json& first = page.find("entities")->as_array()[0];
    REQUIRE(
        write_json(first) ==
        R"({"id":"custom_-_0001","name":"Action 0001","integrationId":"int-1","category":"Orders",)"
        R"("version":1,"secure":false,"selfUri":"/api/v2/integrations/actions/custom_-_0001"})");
}

TEST_CASE("the envelope carries totals and the page URIs", "[emulator][list]") {
    const std::vector<ActionEntry> actions = load(emulator::testing::generated_seed(250));
    Json middle = listing(actions, "pageSize=100&pageNumber=2&includeConfig=true");
    middle.erase("entities");
    REQUIRE(
        write_json(middle) ==
        R"({"pageSize":100,"pageNumber":2,"total":250,"pageCount":3,)"
        R"("firstUri":"/api/v2/integrations/actions?pageSize=100&pageNumber=1&includeConfig=true",)"
        R"("selfUri":"/api/v2/integrations/actions?pageSize=100&pageNumber=2&includeConfig=true",)"
        R"("nextUri":"/api/v2/integrations/actions?pageSize=100&pageNumber=3&includeConfig=true",)"
        R"("previousUri":"/api/v2/integrations/actions?pageSize=100&pageNumber=1&includeConfig=true",)"
        R"("lastUri":"/api/v2/integrations/actions?pageSize=100&pageNumber=3&includeConfig=true"})");
    Json last = listing(actions, "pageSize=100&pageNumber=3");
    REQUIRE(ids(last).size() == 50);
    REQUIRE(last.find("nextUri") == nullptr);
    Json first = listing(actions, "pageSize=100");
    REQUIRE(first.find("previousUri") == nullptr);
}

TEST_CASE("a page past the end is empty", "[emulator][list]") {
    Json page = listing(load(emulator::testing::generated_seed(3)), "pageSize=2&pageNumber=7");
    REQUIRE(ids(page).empty());
    REQUIRE(page.find("total")->as_integer() == 3);
    REQUIRE(page.find("pageCount")->as_integer() == 2);
}

TEST_CASE("includeConfig adds the config - templates may come as URIs", "[emulator][list]") {
    const std::vector<ActionEntry> actions = load(emulator::testing::small_seed());
    Json with_config = listing(actions, "includeConfig=true&pageSize=1");
    const Json& config = *with_config.find("entities")->as_array()[0].find("config");
    REQUIRE(config.find("request")->string_or("requestTemplate", "") ==
            "{\n  \"q\": \"${input.orderId}\",\n  \"who\": \"Zoë\"\n}");
    Json as_uris = listing(actions, "includeConfig=true&pageSize=1", TemplateForm::uris);
    const Json& uri_config = *as_uris.find("entities")->as_array()[0].find("config");
    REQUIRE(
        write_json(uri_config) ==
        R"({"timeoutSeconds":3,"request":{"requestUrlTemplate":"https://orders.example.com/orders/${input.orderId}",)"
        R"("requestType":"GET","headers":{"Accept":"application/json"},)"
        R"("requestTemplateUri":"/api/v2/integrations/actions/custom_-_0001/templates/requesttemplate.vm"},)"
        R"("response":{"translationMap":{"status":"$.status"},"translationMapDefaults":{"status":"\"UNKNOWN\""},)"
        R"("successTemplateUri":"/api/v2/integrations/actions/custom_-_0001/templates/successtemplate.vm"}})");
}

TEST_CASE("custom authentication actions are listed only when asked for", "[emulator][list]") {
    const std::vector<ActionEntry> actions = load(emulator::testing::small_seed());
    REQUIRE(ids(listing(actions, "")) == std::vector<std::string>{"custom_-_0001", "custom_-_0002",
                                                                  "custom_-_0003",
                                                                  "static_-_0005"});
    REQUIRE(ids(listing(actions, "includeAuthActions=true")).size() == 5);
}

TEST_CASE("name, category, ids and secure filter the list", "[emulator][list]") {
    const std::vector<ActionEntry> actions = load(emulator::testing::small_seed());
    REQUIRE(ids(listing(actions, "name=order+STATUS")) ==
            std::vector<std::string>{"custom_-_0001", "custom_-_0002"});
    REQUIRE(ids(listing(actions, "category=Legacy%20Orders")) ==
            std::vector<std::string>{"custom_-_0002"});
    REQUIRE(ids(listing(actions, "ids=static_-_0005,%20custom_-_0003")) ==
            std::vector<std::string>{"custom_-_0003", "static_-_0005"});
    REQUIRE(ids(listing(actions, "secure=true")) == std::vector<std::string>{"custom_-_0002"});
    REQUIRE(ids(listing(actions, "secure=false")).size() == 3);
    REQUIRE(listing(actions, "name=order").find("total")->as_integer() == 2);
}

TEST_CASE("sortBy and sortOrder order the list", "[emulator][list]") {
    const std::vector<ActionEntry> actions = load(emulator::testing::small_seed());
    REQUIRE(ids(listing(actions, "sortBy=name&sortOrder=desc")) ==
            std::vector<std::string>{"custom_-_0003", "custom_-_0001", "custom_-_0002",
                                     "static_-_0005"});
    REQUIRE(ids(listing(actions, "sortBy=category")) ==
            std::vector<std::string>{"static_-_0005", "custom_-_0003", "custom_-_0002",
                                     "custom_-_0001"});
    REQUIRE(ids(listing(actions, "sortBy=version&sortOrder=DESC")).front() == "custom_-_0001");
}

TEST_CASE("bad list parameters are refused by name", "[emulator][list]") {
    REQUIRE(refused("pageSize=101") ==
            "Value [101] is not valid for query parameter pageSize: an integer from 1 to 100");
    REQUIRE(refused("pageSize=0") ==
            "Value [0] is not valid for query parameter pageSize: an integer from 1 to 100");
    REQUIRE(refused("pageNumber=x") ==
            "Value [x] is not valid for query parameter pageNumber: an integer of at least 1");
    REQUIRE(refused("includeConfig=yes") ==
            "Value [yes] is not valid for query parameter includeConfig: true or false");
    REQUIRE(refused("sortBy=colour") ==
            "Value [colour] is not valid for query parameter sortBy: one of name, category, id, "
            "integrationId, version");
    REQUIRE(refused("sortOrder=up") ==
            "Value [up] is not valid for query parameter sortOrder: asc or desc");
    std::string many = "ids=";
    for (int i = 0; i < 51; ++i) {
        many += 'a';
        many += std::to_string(i);
        many += ',';
    }
    REQUIRE(refused(many) == "Value [51 ids] is not valid for query parameter ids: at most 50 ids");
}
