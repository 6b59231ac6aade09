#include "providers/genesys/token_codec.h"

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;

TEST_CASE("decode_token reads the token and its lifetime", "[codec]") {
    Result<Token> token =
        decode_token(R"({"access_token": "tok", "token_type": "bearer", "expires_in": 300})");
    REQUIRE(token.ok());
    CHECK(token->access_token == "tok");
    CHECK(token->expires_in == std::chrono::seconds(300));
    Result<Token> default_life = decode_token(R"({"access_token": "tok"})");
    REQUIRE(default_life.ok());
    CHECK(default_life->expires_in == std::chrono::seconds(86400));
}

TEST_CASE("decode_token refuses answers without a usable token", "[codec]") {
    const auto failure = [](std::string_view json) {
        Result<Token> token = decode_token(json);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().kind == ErrorKind::invalid_response);
        return token.error().message;
    };
    CHECK(failure("<html>") == "the login answer is not a JSON object");
    CHECK(failure(R"({"token_type": "bearer"})") == "the login answer has no access_token");
    CHECK(failure(R"({"access_token": "secret-token", "expires_in": "soon"})") ==
          "the login answer's expires_in is not a positive integer");
    CHECK(failure(R"({"access_token": "secret-token", "expires_in": 0})") ==
          "the login answer's expires_in is not a positive integer");
}

TEST_CASE("decode_oauth_error prefers the most specific explanation", "[codec]") {
    CHECK(decode_oauth_error(
              R"({"error": "invalid_client", "description": "d", "error_description": "ed"})") ==
          std::optional<std::string>("ed"));
    CHECK(decode_oauth_error(R"({"error": "invalid_client", "description": "d"})") ==
          std::optional<std::string>("d"));
    CHECK(decode_oauth_error(R"({"error": "invalid_client"})") ==
          std::optional<std::string>("invalid_client"));
    CHECK_FALSE(decode_oauth_error(R"({"message": "m", "code": "bad.request"})").has_value());
    CHECK_FALSE(decode_oauth_error("not json").has_value());
}

TEST_CASE("a token holding a control character is refused, never sent", "[token][secrets]") {
    for (const char* body : {R"({"access_token": "abc\r\nX-Evil: 1"})",
                             R"({"access_token": "a\u0000b"})", R"({"access_token": "a\tb"})"}) {
        Result<Token> token = decode_token(body);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().message == "the login answer's access_token holds a control character");
    }
}
