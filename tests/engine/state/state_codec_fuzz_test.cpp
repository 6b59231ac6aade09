// Regressions found by fuzzing decode_state (tests/fuzz/fuzz_state_json.cpp):
// a state dactl writes must read back, and no state file, however malformed,
// may crash the reader.

#include <string>

#include <catch2/catch.hpp>

#include "engine/json/json_writer.h"
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

std::string written_x(const std::string& number) {
    Result<State> state = decode_state(state_with_before(R"({"x": )" + number + "}"));
    REQUIRE(state.ok());
    const std::string written = encode_state(*state);
    const std::size_t at = written.find("\"x\": ");
    return written.substr(at + 5, written.find('\n', at) - at - 5);
}

TEST_CASE("zeros with huge exponents in stored documents stay zero", "[state][fuzz]") {
    // Found by fuzz_state_json with RapidJSON's full-precision mode, which read
    // 0e-40 as 1.99e-59 (and tripped UBSan); the normal mode reads them right.
    CHECK(written_x("0e-40") == "0.0");
    CHECK(written_x("0.0e-30") == "0.0");
    CHECK(written_x("-0.000e-400") == "-0.0");
    CHECK(written_x("1e-400") == "0.0");
}

TEST_CASE("a state dactl wrote reads back - ordinary numbers keep their bytes", "[state][fuzz]") {
    // Found by fuzz_state_json: a huge integer in a stored document became
    // -2.2337292233720367e38, then -2.233729223372037e38 on the next write:
    // RapidJSON reads numbers with extreme exponents to within a few units in
    // the last place. The state stays readable and its managed values exact.
    for (const std::string number : {"-223372922337203685472337203685454775809", "1e-320",
                                     "-22337203685454775809", "1.7976931348623157e308"}) {
        INFO(number);
        Result<State> first =
            decode_state(state_with_before(R"({"contract": {"x": )" + number + "}}"));
        REQUIRE(first.ok());
        Result<State> again = decode_state(encode_state(*first));
        REQUIRE(again.ok());
        REQUIRE(again->actions.size() == 1);
        CHECK(again->actions[0].address == "action.a");
        CHECK(again->actions[0].version == 1);
    }
    for (const std::string number : {"0.1", "123456789.987654321", "-15.25", "3e10", "42"}) {
        INFO(number);
        const std::string once = written_x(number);
        CHECK(written_x(once) == once);
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
    JsonWriter json;
    json.document(R"({"x": )" + deep + "}");
    CHECK(json.finish() == "{}\n");
}
