#include "engine/manifest/secret_lines.h"

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;
using dactl::manifest::with_secrets_masked;

TEST_CASE("quoted manifest lines never show a secret-looking header's value",
          "[manifest][secrets]") {
    CHECK(with_secrets_masked(R"(headers = { Authorization = "Bearer abc", Accept = "*/*" })") ==
          R"(headers = { Authorization = "**********", Accept = "*/*" })");
    CHECK(with_secrets_masked(R"("X-Api-Key" = 'k-1 "quoted"')") ==
          R"("X-Api-Key" = '************')");
    CHECK(with_secrets_masked(R"(headers.Cookie="a\"b" # x)") == R"(headers.Cookie="****" # x)");
    CHECK(with_secrets_masked(R"(name = "Get Token Status")") == R"(name = "Get Token Status")");
    CHECK(with_secrets_masked(R"(token_header = )") == R"(token_header = )");
}

TEST_CASE("validate quotes the line of a problem with its secret masked", "[manifest][secrets]") {
    LoadResult loaded =
        load_sources({{"a.toml",
                       "[action.a]\n"
                       "name = \"A\"\n"
                       "[action.a.request]\n"
                       "headers = { Authorization = \"Bearer s3cr3t\", Accept = 5 }\n"}});
    const std::string text = loaded.diagnostics.format();
    CHECK(text.find("s3cr3t") == std::string::npos);
    CHECK(text.find("    headers = { Authorization = \"*************\", Accept = 5 }\n") !=
          std::string::npos);
}
