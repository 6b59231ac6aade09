#include "engine/model/secrets.h"

#include <catch2/catch.hpp>

using namespace dactl;

TEST_CASE("a header value that only references a template variable is not a secret", "[secrets]") {
    for (const char* reference :
         {"${credentials.token}", "Bearer ${credentials.token}", "$!{credentials.key}",
          "Basic ${credentials.user}:${credentials.password}", "Token ${a}, ${b_2}"}) {
        INFO(reference);
        CHECK(is_template_reference(reference));
        CHECK_FALSE(is_secret_entry(Field::request_headers, "Authorization", reference));
    }
    for (const char* literal :
         {"Bearer abc123", "abc123", "Bearer ${credentials.token}x", "x${credentials.token}",
          "Bearer", "", "${}", "${1abc}", "${a b}", "${credentials.token", "$credentials.token",
          "Bearer ${a} secret", "(sensitive)", "(sensitive, hmac-sha256:0123abcd:0000)"}) {
        INFO(literal);
        CHECK_FALSE(is_template_reference(literal));
        CHECK(is_secret_entry(Field::request_headers, "Authorization", literal));
    }
    // Only secret-looking header names of request.headers are ever secret.
    CHECK_FALSE(is_secret_entry(Field::request_headers, "Accept", "abc123"));
    CHECK_FALSE(is_secret_entry(Field::response_translation_map, "token", "abc123"));
}

TEST_CASE("masking and fingerprints keep template references as they are", "[secrets]") {
    const StringMap headers = {{"Authorization", "Bearer ${credentials.token}"},
                               {"X-Api-Key", "k-123"},
                               {"Accept", "application/json"}};
    REQUIRE(masked(Field::request_headers, headers) ==
            Value(StringMap{{"Authorization", "Bearer ${credentials.token}"},
                            {"X-Api-Key", "(sensitive)"},
                            {"Accept", "application/json"}}));
    REQUIRE(fingerprinted(Field::request_headers, headers, "key-1") ==
            Value(StringMap{{"Authorization", "Bearer ${credentials.token}"},
                            {"X-Api-Key", fingerprint("key-1", "k-123")},
                            {"Accept", "application/json"}}));
}
