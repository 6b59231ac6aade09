#include "providers/genesys/token_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"

namespace dactl::genesys {

namespace {

constexpr std::chrono::seconds k_default_lifetime{86400};

}  // namespace

Result<Token> decode_token(std::string_view json) {
    rapidjson::Document body;
    if (parse_json(json, body, Utf8::trusted) || !body.IsObject()) {
        return make_error(ErrorKind::invalid_response, "the login answer is not a JSON object");
    }
    Token token;
    token.access_token = text_member(body, "access_token");
    if (token.access_token.empty()) {
        return make_error(ErrorKind::invalid_response, "the login answer has no access_token");
    }
    // It goes into a header: a control character would split it, so it is refused.
    for (char c : token.access_token) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return make_error(ErrorKind::invalid_response,
                              "the login answer's access_token holds a control character");
        }
    }
    token.expires_in = k_default_lifetime;
    auto expires = body.FindMember("expires_in");
    if (expires != body.MemberEnd() && !expires->value.IsNull()) {
        if (!expires->value.IsInt64() || expires->value.GetInt64() <= 0) {
            return make_error(ErrorKind::invalid_response,
                              "the login answer's expires_in is not a positive integer");
        }
        token.expires_in = std::chrono::seconds(expires->value.GetInt64());
    }
    return token;
}

std::optional<std::string> decode_oauth_error(std::string_view json) {
    rapidjson::Document body;
    if (parse_json(json, body, Utf8::trusted) || !body.IsObject()) {
        return std::nullopt;
    }
    for (const char* name : {"error_description", "description", "error"}) {
        std::string text = text_member(body, name);
        if (!text.empty()) {
            return text;
        }
    }
    return std::nullopt;
}

}  // namespace dactl::genesys
