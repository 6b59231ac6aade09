// Regressions found by fuzzing decode_state (tests/fuzz/fuzz_state_json.cpp):
// a state dactl writes must read back to the same bytes, and no state file,
// however malformed, may crash the reader.

#include <string>

#include <catch2/catch.hpp>

#include "engine/state/state_codec.h"

using namespace dactl;

namespace {

std::string state_with_before(const std::string& before) {
    return R"({"format_version": 1, "lineage": "l", "serial": 1, "actions": [{"address": )"
           R"("action.a", "id": "i", "name": "n", "version": 1, "applied_at": "t", "managed": )"
           R"({}, "before": )" +
           before + R"(, "after": {}}]})";
}

}  // namespace

TEST_CASE("numbers in stored documents survive any number of rewrites", "[state][fuzz]") {
    // Found by fuzz_state_json: a huge integer read imprecisely became
    // -2.2337292233720367e38, then -2.233729223372037e38 on the next write.
    for (const std::string number :
         {"-223372922337203685472337203685454775809", "-2.2337292233720367e38", "0.1", "1e-320",
          "123456789.987654321", "-22337203685454775809", "1.7976931348623157e308"}) {
        INFO(number);
        Result<State> first =
            decode_state(state_with_before(R"({"contract": {"x": )" + number + "}}"));
        REQUIRE(first.ok());
        const std::string written = encode_state(*first);
        Result<State> again = decode_state(written);
        REQUIRE(again.ok());
        CHECK(encode_state(*again) == written);
    }
}

TEST_CASE("a state file nested absurdly deep is refused without a crash", "[state][fuzz]") {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    Result<State> nested = decode_state(state_with_before(R"({"x": )" + deep + "}"));
    REQUIRE_FALSE(nested.ok());
    CHECK(nested.error().message == "state file: nested more than 128 levels deep");
    CHECK(decode_state(deep).error().message == "state file: nested more than 128 levels deep");
    CHECK(decode_state(std::string(200000, '{')).error().message ==
          "state file: nested more than 128 levels deep");
    CHECK(mask_action_document(R"({"x": )" + deep + "}") == "{}");
}
