#include "providers/http/encoding.h"

#include <catch2/catch.hpp>

using namespace dactl::http;

TEST_CASE("percent_encode keeps only unreserved characters", "[http]") {
    CHECK(percent_encode("custom_-_3f1c-AZ.az~09") == "custom_-_3f1c-AZ.az~09");
    CHECK(percent_encode("a/b?c&d=e f#g%") == "a%2Fb%3Fc%26d%3De%20f%23g%25");
    CHECK(percent_encode("caf\xc3\xa9") == "caf%C3%A9");
    CHECK(percent_encode("") == "");
}

TEST_CASE("base64 follows RFC 4648", "[http]") {
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
    CHECK(base64("foob") == "Zm9vYg==");
    CHECK(base64("fooba") == "Zm9vYmE=");
    CHECK(base64("foobar") == "Zm9vYmFy");
    CHECK(base64("client-id:s3cret\xff") == "Y2xpZW50LWlkOnMzY3JldP8=");
}
