#include "providers/genesys/test_result_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/util/ascii.h"

namespace dactl::genesys {

namespace {

// The error of the result, or of its first failed operation.
const rapidjson::Value* error_of(const rapidjson::Value& body) {
    auto error = body.FindMember("error");
    if (error != body.MemberEnd() && error->value.IsObject()) {
        return &error->value;
    }
    auto operations = body.FindMember("operations");
    if (operations == body.MemberEnd() || !operations->value.IsArray()) {
        return nullptr;
    }
    for (const auto& operation : operations->value.GetArray()) {
        const rapidjson::Value* error_member = member(operation, "error");
        if (error_member != nullptr && error_member->IsObject()) {
            return error_member;
        }
    }
    return nullptr;
}

}  // namespace

Result<TestRun> decode_test_result(std::string_view json) {
    rapidjson::Document body;
    if (parse_json(json, body, Utf8::trusted) || !body.IsObject()) {
        return make_error(ErrorKind::invalid_response, "the test result is not a JSON object");
    }
    auto success = body.FindMember("success");
    if (success == body.MemberEnd() || !success->value.IsBool()) {
        return make_error(ErrorKind::invalid_response, "the test result has no boolean success");
    }
    TestRun run;
    run.success = success->value.GetBool();
    if (run.success) {
        return run;
    }
    if (const rapidjson::Value* error = error_of(body)) {
        run.error = text_member(*error, "message");
        const std::string code = ascii_lower(text_member(*error, "code"));
        const std::string message = ascii_lower(run.error);
        run.timed_out = code.find("timeout") != std::string::npos ||
                        message.find("timed out") != std::string::npos ||
                        message.find("timeout") != std::string::npos;
    }
    if (run.error.empty()) {
        run.error = "the test failed without an error message";
    }
    return run;
}

}  // namespace dactl::genesys
