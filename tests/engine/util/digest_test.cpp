#include "engine/util/digest.h"

#include <catch2/catch.hpp>

using namespace dactl;

// Vectors from NIST's "SHA-256 examples" (FIPS 180-4 example values) and the
// one-million-'a' vector of the Secure Hash Standard's test suite.
TEST_CASE("sha256 matches the NIST vectors", "[sha256]") {
    REQUIRE(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    REQUIRE(sha256_hex("abc") ==
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    REQUIRE(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    REQUIRE(sha256_hex(
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    REQUIRE(sha256_hex(std::string(1000000, 'a')) ==
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 pads correctly at every length around a block boundary", "[sha256]") {
    // 55 bytes is the longest message whose padding fits in one block; 56 needs two.
    REQUIRE(sha256_hex(std::string(55, 'a')) ==
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    REQUIRE(sha256_hex(std::string(56, 'a')) ==
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    REQUIRE(sha256_hex(std::string(64, 'a')) ==
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("sha256 gives the same digest however the input is split", "[sha256]") {
    std::string message;
    for (int i = 0; i < 300; ++i) {
        message += static_cast<char>(i * 7);
    }
    const std::string whole = sha256_hex(message);
    for (std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64},
                              std::size_t{65}, std::size_t{200}, message.size()}) {
        Sha256 hash;
        hash.update(std::string_view(message).substr(0, split));
        hash.update(std::string_view(message).substr(split));
        REQUIRE(hash.hex_digest() == whole);
    }
    REQUIRE(whole != sha256_hex(message.substr(1)));
}

// RFC 4231, test cases 1, 2 and 6 (a key longer than the block).
TEST_CASE("hmac_sha256 matches the RFC 4231 vectors", "[sha256]") {
    REQUIRE(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    REQUIRE(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    REQUIRE(hmac_sha256_hex(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First") ==
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}
