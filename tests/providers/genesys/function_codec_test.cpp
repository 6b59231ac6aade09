#include "providers/genesys/function_codec.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;

TEST_CASE("an integrations page names the function integrations and the page's facts",
          "[codec][functions]") {
    Result<IntegrationPage> page = decode_integration_page(
        R"({"entities": [{"id": "int-lambda", "integrationType": {"id": "function-data-actions"}},
                         {"id": "int-rest", "integrationType": {"id": "custom-rest-actions"}}],
            "pageSize": 100, "pageNumber": 1, "pageCount": 3, "total": 202,
            "nextUri": "/api/v2/integrations?pageNumber=2"})");
    REQUIRE(page);
    CHECK(page->function_ids == std::vector<std::string>{"int-lambda"});
    CHECK(page->facts.ids == std::vector<std::string>{"int-lambda", "int-rest"});
    CHECK(page->facts.page_count == 3);
    CHECK(page->facts.page_number == 1);
    CHECK(page->facts.total == 202);
    CHECK(page->facts.has_next);
}

TEST_CASE("an integrations page that cannot be trusted is refused, naming what is wrong",
          "[codec][functions][hostile]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"total": 0})", "the integrations page has no entities array"},
        {R"({"entities": []})", "the integrations list: pageCount is missing"},
        {R"({"entities": [], "pageCount": "2"})",
         "the integrations list: pageCount is a string, expected an integer"},
        {R"({"entities": [], "pageCount": 20000})",
         "the integrations list says it has 20000 pages; dactl reads from 0 to 10000"},
        {R"({"entities": [], "pageCount": 1, "total": -4})",
         "the integrations list: a pageNumber of -1 or a total of -4 cannot be"},
        {R"({"entities": [{"id": "int-bare"}], "pageCount": 1})",
         "integration int-bare comes without its integrationType.id; dactl cannot tell "
         "whether its actions run a function"},
        {R"({"entities": [{"integrationType": {"id": "function-data-actions"}}], "pageCount": 1})",
         "the integrations page holds an integration without an id"},
        {R"({"entities": [7], "pageCount": 1})",
         "the integrations page holds an entity that is not an object"},
    };
    for (const auto& [json, message] : cases) {
        Result<IntegrationPage> page = decode_integration_page(json);
        REQUIRE_FALSE(page.ok());
        CHECK(page.error().kind == ErrorKind::invalid_response);
        CHECK(page.error().message == message);
    }
}

TEST_CASE("a FunctionConfig gives the function's timeout (15 when absent) and what a PUT needs",
          "[codec][functions]") {
    Result<FunctionSetup> function = decode_function_config(
        R"({"id": "custom_-_f", "function": {"description": "scores", "handler": "index.handler",
            "runtime": "nodejs18.x", "timeoutSeconds": 10, "zipId": "zip-1"}})");
    REQUIRE(function);
    REQUIRE(*function == FunctionSetup{10, "scores", "index.handler", "nodejs18.x"});
    REQUIRE(decode_function_config(R"({"function": {"handler": "h"}})")->timeout_seconds == 15);
    REQUIRE(decode_function_config(R"({"id": "custom_-_f", "function": {}})", "custom_-_f"));
    REQUIRE(decode_function_config(R"({"function": {}})", "custom_-_f"));
    REQUIRE(decode_function_config(R"({"id": "custom_-_g", "function": {}})", "custom_-_f")
                .error()
                .message ==
            "the answer is the function config of \"custom_-_g\", not of "
            "custom_-_f; dactl acts on no other action's function");
    REQUIRE(decode_function_config(R"({"function": {"timeoutSeconds": 16}})").error().message ==
            "the function's timeoutSeconds is 16, not a whole number from 1 to 15");
    REQUIRE(decode_function_config(R"({"id": "x"})").error().message ==
            "the function config has no function object");
}

TEST_CASE("the draft's Function carries description, handler, runtime and timeout, never the zip",
          "[codec][functions]") {
    REQUIRE(encode_function(FunctionSetup{10, "scores \"leads\"", "index.handler", "nodejs18.x"}) ==
            "{\n"
            "  \"description\": \"scores \\\"leads\\\"\",\n"
            "  \"handler\": \"index.handler\",\n"
            "  \"runtime\": \"nodejs18.x\",\n"
            "  \"timeoutSeconds\": 10\n"
            "}\n");
}
