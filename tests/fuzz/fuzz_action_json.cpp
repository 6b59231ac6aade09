// libFuzzer target: the decoders of the API's JSON answers (Action,
// ActionEntityListing, ErrorBody), fed the same bytes, plus the PATCH body
// built from any action that decodes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "providers/genesys/action_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);

    dactl::Result<dactl::LiveAction> action = dactl::genesys::decode_action(json);
    if (action) {
        dactl::FieldValues changes;
        changes.emplace(dactl::Field::timeout_seconds, dactl::Value(std::int64_t{15}));
        (void)dactl::genesys::encode_update(*action, changes);
        (void)dactl::genesys::encode_update(*action, {});
    } else if (action.error().message.empty()) {
        __builtin_trap();  // every failure says what is wrong
    }

    (void)dactl::genesys::decode_action_page(json);

    dactl::http::Response response;
    response.status = 400 + static_cast<int>(size % 200);
    response.body = std::string(json);
    const dactl::Error error = dactl::genesys::decode_error(response, "GET /fuzz");
    if (error.message.empty() || error.message.size() > response.body.size() + 64) {
        __builtin_trap();  // a message, and never more than an excerpt of the body
    }
    return 0;
}
