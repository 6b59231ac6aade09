#include <catch2/catch.hpp>

#include "providers/genesys/action_codec.h"

using namespace dactl;
using namespace dactl::genesys;

namespace {

http::Response answer(int status, std::string body, http::Headers headers = {}) {
    http::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

}  // namespace

TEST_CASE("decode_error reads an ErrorBody", "[codec]") {
    const Error error = decode_error(
        answer(409,
               R"({"message": "Version does not match current version.", "code": "conflict",
                   "status": 409, "contextId": "ctx-1", "details": [], "errors": []})",
               {{"inin-correlation-id", "corr-9"}}),
        "PATCH action a");
    CHECK(error.kind == ErrorKind::conflict);
    CHECK(error.message == "Version does not match current version.");
    CHECK(error.http_status == 409);
    CHECK(error.api_code == "conflict");
    CHECK(error.correlation_id == "corr-9");
    CHECK(error.describe() ==
          "Version does not match current version. (HTTP 409 conflict, correlation id corr-9)");
}

TEST_CASE("decode_error falls back to the body's contextId", "[codec]") {
    const Error error = decode_error(
        answer(404, R"({"message": "Not found", "code": "not.found", "contextId": "ctx-1"})"), "");
    CHECK(error.kind == ErrorKind::not_found);
    CHECK(error.correlation_id == "ctx-1");
}

TEST_CASE("decode_error maps statuses to kinds", "[codec]") {
    const std::vector<std::pair<int, ErrorKind>> cases = {
        {400, ErrorKind::bad_request}, {401, ErrorKind::unauthorized}, {403, ErrorKind::forbidden},
        {404, ErrorKind::not_found},   {408, ErrorKind::timeout},      {409, ErrorKind::conflict},
        {413, ErrorKind::generic},     {429, ErrorKind::rate_limited}, {500, ErrorKind::server},
        {503, ErrorKind::server},      {504, ErrorKind::server},       {302, ErrorKind::generic},
    };
    for (const auto& [status, kind] : cases) {
        INFO(status);
        CHECK(decode_error(answer(status, R"({"message": "m"})"), "x").kind == kind);
    }
}

TEST_CASE("decode_error treats a 400 about a stale version as a conflict", "[codec]") {
    CHECK(
        decode_error(
            answer(
                400,
                R"({"message": "The version supplied does not match the current version of the action", "code": "bad.request"})"),
            "")
            .kind == ErrorKind::conflict);
    CHECK(decode_error(answer(400, R"({"message": "Version does not match current version."})"), "")
              .kind == ErrorKind::conflict);
    CHECK(decode_error(answer(400, R"({"message": "version is required"})"), "").kind ==
          ErrorKind::bad_request);
}

TEST_CASE("decode_error quotes the start of a page that is not JSON", "[codec]") {
    const std::string page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\n\t<body>" +
                             std::string("\x01\xff") + std::string(300, 'x') + "</body></html>";
    const Error error = decode_error(answer(502, page), "GET /api/v2/integrations/actions");
    CHECK(error.kind == ErrorKind::server);
    CHECK(error.message == "502 Bad Gateway " + std::string(184, 'x'));
    CHECK(error.message.size() == 200);
    CHECK(decode_error(answer(503, "Service Unavailable\r\n\r\n  The <proxy> is busy.\n"), "")
              .message == "Service Unavailable The <proxy> is busy.");
    CHECK(decode_error(answer(502, "  <p>unterminated <b"), "").message == "unterminated");
}

TEST_CASE("decode_error names the call when the answer has no message", "[codec]") {
    CHECK(decode_error(answer(503, ""), "GET /api/v2/integrations/actions").message ==
          "GET /api/v2/integrations/actions: the answer carried no error message");
    CHECK(decode_error(answer(500, R"({"code": "internal.server.error"})"), "PATCH x").message ==
          "PATCH x: the answer carried no error message");
}
