#include "providers/http/curl_transport.h"

#include <thread>

#include <catch2/catch.hpp>

#include "tests/support/socket_server.h"

using namespace dactl;
using namespace dactl::http;
using namespace dactl::testing;
using std::chrono::milliseconds;

namespace {

CurlOptions quick_options() {
    CurlOptions options;
    options.connect_timeout = milliseconds(2000);
    options.total_timeout = milliseconds(300);
    options.max_response_bytes = 1000;
    return options;
}

}  // namespace

TEST_CASE("CurlTransport sends the request and reads the whole answer", "[curl]") {
    SocketServer server([](const std::string&) {
        return http_answer("201 Created", "Content-Type: application/json\r\nX-Test:  yes \r\n",
                           R"({"ok": true})");
    });
    CurlTransport transport(quick_options());
    Request request;
    request.method = "PATCH";
    request.url = server.base_url() + "/api/v2/integrations/actions/a?x=1";
    request.headers = {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}};
    request.body = R"({"version":1})";
    Result<Response> answer = transport.send(request);
    REQUIRE(answer.ok());
    CHECK(answer->status == 201);
    CHECK(answer->body == R"({"ok": true})");
    CHECK(answer->header("x-test") == "yes");
    CHECK(answer->header("content-type") == "application/json");
    const auto received = server.requests();
    REQUIRE(received.size() == 1);
    CHECK(received[0].rfind("PATCH /api/v2/integrations/actions/a?x=1 HTTP/1.1\r\n", 0) == 0);
    CHECK(received[0].find("\r\nAuthorization: Bearer t\r\n") != std::string::npos);
    CHECK(received[0].find("\r\nContent-Type: application/json\r\n") != std::string::npos);
    CHECK(received[0].find("\r\nExpect:") == std::string::npos);
    CHECK(received[0].substr(received[0].size() - 13) == R"({"version":1})");
}

TEST_CASE("CurlTransport sends GETs without a body, from several threads", "[curl]") {
    SocketServer server([](const std::string& request) {
        return http_answer("200 OK", "", request.substr(0, request.find(' ')));
    });
    CurlTransport transport(quick_options());
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5; ++i) {
                Result<Response> answer = transport.send({"GET", server.base_url() + "/x", {}, ""});
                if (answer.ok() && answer->status == 200 && answer->body == "GET") {
                    ++good;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(good == 20);
    CHECK(server.requests().size() == 20);
}

TEST_CASE("CurlTransport reports a closed connection as no answer", "[curl]") {
    SocketServer server([](const std::string&) { return std::string(); });
    CurlTransport transport(quick_options());
    Result<Response> answer = transport.send({"GET", server.base_url() + "/a?b=c", {}, ""});
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::transport);
    CHECK(answer.error().message ==
          "GET " + server.base_url() + "/a?b=c: no answer: Empty reply from server");
}

TEST_CASE("CurlTransport reports a refused connection as no answer", "[curl]") {
    CurlTransport transport(quick_options());
    const std::string url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/a";
    Result<Response> answer =
        transport.send({"GET", url, {{"Authorization", "Bearer secret-token"}}, ""});
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::transport);
    // The rest of the message is curl's own wording (with a time in it).
    CHECK(answer.error().message.rfind("GET " + url + ": no answer: ", 0) == 0);
    CHECK(answer.error().message.find("secret-token") == std::string::npos);
}

TEST_CASE("CurlTransport gives up on a slow answer", "[curl]") {
    SocketServer server([](const std::string&) {
        std::this_thread::sleep_for(milliseconds(800));
        return http_answer("200 OK", "", "late");
    });
    CurlTransport transport(quick_options());
    const auto started = std::chrono::steady_clock::now();
    Result<Response> answer = transport.send({"GET", server.base_url() + "/slow", {}, ""});
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::timeout);
    CHECK(answer.error().message ==
          "GET " + server.base_url() + "/slow: no complete answer within 300 ms");
    CHECK(took < milliseconds(700));
}

TEST_CASE("CurlTransport refuses an oversized answer", "[curl]") {
    SECTION("announced by Content-Length") {
        SocketServer server(
            [](const std::string&) { return http_answer("200 OK", "", std::string(1001, 'x')); });
        CurlTransport transport(quick_options());
        Result<Response> answer = transport.send({"GET", server.base_url() + "/big", {}, ""});
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::invalid_response);
        CHECK(answer.error().message == "GET " + server.base_url() +
                                            "/big: the answer is larger than the 1000 bytes "
                                            "allowed; refusing it");
    }
    SECTION("sent without a length") {
        SocketServer server([](const std::string&) {
            return "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + std::string(5000, 'x');
        });
        CurlTransport transport(quick_options());
        Result<Response> answer = transport.send({"GET", server.base_url() + "/big", {}, ""});
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::invalid_response);
        CHECK(answer.error().message == "GET " + server.base_url() +
                                            "/big: the answer is larger than the 1000 bytes "
                                            "allowed; refusing it");
    }
    SECTION("exactly at the limit is fine") {
        SocketServer server(
            [](const std::string&) { return http_answer("200 OK", "", std::string(1000, 'x')); });
        CurlTransport transport(quick_options());
        Result<Response> answer = transport.send({"GET", server.base_url() + "/big", {}, ""});
        REQUIRE(answer.ok());
        CHECK(answer->body.size() == 1000);
    }
}

TEST_CASE("CurlTransport speaks only http and https", "[curl]") {
    CurlTransport transport(quick_options());
    Result<Response> answer = transport.send({"GET", "file:///etc/passwd", {}, ""});
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::transport);
    CHECK(answer.error().message ==
          "GET file:///etc/passwd: no answer: Protocol \"file\" not supported or disabled in "
          "libcurl");
}

TEST_CASE("CurlTransport lets an exchange finish within the grace after the interrupt",
          "[curl][interrupt]") {
    SocketServer server([](const std::string&) {
        std::this_thread::sleep_for(milliseconds(200));
        return http_answer("200 OK", "", "on its way");
    });
    CurlOptions options = quick_options();
    options.total_timeout = milliseconds(5000);
    options.interrupt_grace = milliseconds(3000);
    CurlTransport transport(options);
    std::atomic<bool> interrupted{true};
    Request request{"PATCH", server.base_url() + "/a", {}, "{}"};
    request.interrupted = &interrupted;
    Result<Response> answer = transport.send(request);
    REQUIRE(answer.ok());
    CHECK(answer->body == "on its way");
}

TEST_CASE("CurlTransport cuts off a stalled exchange once the grace after the interrupt is over",
          "[curl][interrupt]") {
    std::atomic<bool> release{false};
    SocketServer server([&](const std::string&) {
        while (!release) {
            std::this_thread::sleep_for(milliseconds(10));
        }
        return std::string();
    });
    CurlOptions options = quick_options();
    options.total_timeout = milliseconds(60000);
    options.interrupt_grace = milliseconds(200);
    CurlTransport transport(options);
    std::atomic<bool> interrupted{false};
    std::thread ctrl_c([&] {
        std::this_thread::sleep_for(milliseconds(100));
        interrupted = true;
    });
    Request request{"GET", server.base_url() + "/stalled", {}, ""};
    request.interrupted = &interrupted;
    Result<Response> answer = transport.send(request);
    ctrl_c.join();
    release = true;
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::cancelled);
    CHECK(answer.error().message ==
          "GET " + server.base_url() + "/stalled: cut off by the interrupt after 200 ms");
}

TEST_CASE("CurlTransport refuses header values holding CR, LF or NUL, sending nothing",
          "[curl][secrets]") {
    SocketServer server([](const std::string&) { return http_answer("200 OK", "", ""); });
    CurlTransport transport(quick_options());
    for (const std::string& value : {std::string("Bearer a\r\nX-Evil: 1"),
                                     std::string("Bearer a\n"), std::string("a\0b", 3)}) {
        Request request{"GET", server.base_url() + "/a", {{"Authorization", value}}, ""};
        Result<Response> answer = transport.send(request);
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::invalid_input);
        CHECK(answer.error().message == "GET " + server.base_url() +
                                            "/a: the header Authorization holds a control "
                                            "character (CR, LF or NUL); not sent");
    }
    CHECK(server.requests().empty());
}

TEST_CASE("CurlTransport never sends plain http through a proxy", "[curl][secrets]") {
    SocketServer proxy([](const std::string&) { return http_answer("200 OK", "", "via proxy"); });
    SocketServer api([](const std::string&) { return http_answer("200 OK", "", "direct"); });
    ::setenv("http_proxy", proxy.base_url().c_str(), 1);
    ::setenv("ALL_PROXY", proxy.base_url().c_str(), 1);
    CurlTransport transport(quick_options());
    Result<Response> answer = transport.send(
        {"POST", api.base_url() + "/oauth/token", {{"Authorization", "Basic c2VjcmV0"}}, "x"});
    ::unsetenv("http_proxy");
    ::unsetenv("ALL_PROXY");
    REQUIRE(answer.ok());
    CHECK(answer->body == "direct");
    CHECK(proxy.requests().empty());
}

TEST_CASE("CurlTransport gives up a stalled exchange at the request's own shorter timeout",
          "[curl]") {
    std::atomic<bool> release{false};
    SocketServer server([&](const std::string&) {
        while (!release) {
            std::this_thread::sleep_for(milliseconds(10));
        }
        return std::string();
    });
    CurlOptions options = quick_options();
    options.total_timeout = milliseconds(60000);
    CurlTransport transport(options);
    Request request{"POST", server.base_url() + "/api/v2/audits/query/realtime", {}, "{}"};
    request.timeout = milliseconds(300);
    const auto started = std::chrono::steady_clock::now();
    Result<Response> answer = transport.send(request);
    const auto took = std::chrono::steady_clock::now() - started;
    release = true;
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::timeout);
    CHECK(answer.error().message ==
          "POST " + server.base_url() +
              "/api/v2/audits/query/realtime: no complete answer within 300 ms");
    CHECK(took < std::chrono::seconds(10));
}
