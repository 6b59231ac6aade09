#include "providers/genesys/function_codec.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;

TEST_CASE("an integrations page names the function integrations and the page count",
          "[codec][functions]") {
    Result<IntegrationPage> page = decode_integration_page(
        R"({"entities": [{"id": "int-lambda", "integrationType": {"id": "function-data-actions"}},
                         {"id": "int-rest", "integrationType": {"id": "custom-rest-actions"}},
                         {"id": "int-bare"}],
            "pageSize": 100, "pageNumber": 1, "pageCount": 3})");
    REQUIRE(page);
    REQUIRE(page->function_ids == std::vector<std::string>{"int-lambda"});
    REQUIRE(page->page_count == 3);
    REQUIRE(decode_integration_page(R"({"total": 0})").error().message ==
            "the integrations page has no entities array");
    REQUIRE(decode_integration_page(R"({"entities": [], "pageCount": 20000})").error().message ==
            "the integrations page has a pageCount of 20000, outside 0-10000");
}

TEST_CASE("a FunctionConfig gives the function's timeout (15 when absent) and what a PUT needs",
          "[codec][functions]") {
    Result<FunctionSetup> function = decode_function_config(
        R"({"id": "custom_-_f", "function": {"description": "scores", "handler": "index.handler",
            "runtime": "nodejs18.x", "timeoutSeconds": 10, "zipId": "zip-1"}})");
    REQUIRE(function);
    REQUIRE(*function == FunctionSetup{10, "scores", "index.handler", "nodejs18.x"});
    REQUIRE(decode_function_config(R"({"function": {"handler": "h"}})")->timeout_seconds == 15);
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
