#include "tests/emulator/test/support/test_server.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>
#include <stdexcept>

#include <httplib.h>

#include "tests/emulator/json_codec.h"
#include "tests/emulator/seed_loader.h"

namespace dactl::emulator::testing {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char character) {
        return static_cast<char>(std::tolower(character));
    });
    return text;
}

Reply to_reply(const httplib::Result& result) {
    Reply reply;
    if (!result) {
        return reply;
    }
    reply.answered = true;
    reply.status = result->status;
    for (const auto& [name, value] : result->headers) {
        reply.headers[lower(name)] = value;
    }
    reply.body = result->body;
    return reply;
}

}  // namespace

std::string Reply::header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
}

TestServer::TestServer(const std::string& seed, Settings settings) {
    Result<std::vector<ActionEntry>> actions = parse_seed(seed, "seed.json");
    if (!actions) {
        throw std::runtime_error(actions.error().message);
    }
    m_emulator = std::make_unique<Emulator>(
        std::move(*actions),
        EmulatorOptions{{k_client_id, k_client_secret}, settings, {}, nullptr});
    m_server = std::make_unique<HttpServer>(
        [this](const HttpRequest& request) { return m_emulator->handle(request); }, 16);
    Result<int> port = m_server->bind(0);
    if (!port) {
        throw std::runtime_error(port.error().message);
    }
    m_port = *port;
    m_server->start();
}

TestServer::~TestServer() {
    m_server->stop();
}

Reply TestServer::send(const std::string& method, const std::string& target,
                       const std::string& body,
                       const std::map<std::string, std::string>& headers) const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_read_timeout(10, 0);
    httplib::Headers sent;
    std::string content_type = "application/json";
    for (const auto& [name, value] : headers) {
        if (lower(name) == "content-type") {
            content_type = value;
        } else {
            sent.emplace(name, value);
        }
    }
    if (method == "GET") {
        return to_reply(client.Get(target, sent));
    }
    if (method == "DELETE") {
        return to_reply(client.Delete(target, sent, body, content_type));
    }
    if (method == "POST") {
        return to_reply(client.Post(target, sent, body, content_type));
    }
    if (method == "PUT") {
        return to_reply(client.Put(target, sent, body, content_type));
    }
    return to_reply(client.Patch(target, sent, body, content_type));
}

std::string TestServer::login() {
    Reply reply = send("POST", "/oauth/token", "grant_type=client_credentials",
                       {{"Authorization", "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQtMGI5Zg=="},
                        {"Content-Type", "application/x-www-form-urlencoded"}});
    Result<Json> body = parse_json(reply.body);
    if (reply.status != 200 || !body || body->find("access_token") == nullptr) {
        throw std::runtime_error("login failed: HTTP " + std::to_string(reply.status) + " " +
                                 reply.body);
    }
    m_token = body->find("access_token")->as_string();
    return m_token;
}

Reply TestServer::api(const std::string& method, const std::string& target,
                      const std::string& body) {
    if (m_token.empty()) {
        login();
    }
    return send(method, target, body, {{"Authorization", "Bearer " + m_token}});
}

int TestServer::keep_alive_burst(const std::string& target, int count) {
    if (m_token.empty()) {
        login();
    }
    httplib::Client client("127.0.0.1", m_port);
    client.set_keep_alive(true);
    const httplib::Headers headers = {{"Authorization", "Bearer " + m_token}};
    int answered = 0;
    for (int i = 0; i < count; ++i) {
        httplib::Result result = client.Get(target, headers);
        answered += result && result->status == 200 ? 1 : 0;
    }
    return answered;
}

Reply TestServer::admin(const std::string& method, const std::string& path,
                        const std::string& body) const {
    return send(method, path, body);
}

void TestServer::settings(const std::string& json) const {
    Reply reply = admin("PATCH", "/__emulator/settings", json);
    if (reply.status != 200) {
        throw std::runtime_error("settings refused: " + reply.body);
    }
}

Json body_json(const Reply& reply) {
    Result<Json> body = parse_json(reply.body);
    if (!body) {
        throw std::runtime_error("not JSON (" + body.error().message + "): " + reply.body);
    }
    return *body;
}

bool is_uuid_v4(const std::string& text) {
    static const std::regex pattern(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    return std::regex_match(text, pattern);
}

std::string action_path(const std::string& id) {
    return "/api/v2/integrations/actions/" + id;
}

}  // namespace dactl::emulator::testing
