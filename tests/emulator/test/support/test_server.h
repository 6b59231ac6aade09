#pragma once
// TestServer: an Emulator served over real HTTP on 127.0.0.1 (port 0) inside the
// test process, with a small client for its API and admin API.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/emulator/emulator.h"
#include "tests/emulator/http_server.h"

namespace dactl::emulator::testing {

inline constexpr const char* k_client_id = "test-client";
inline constexpr const char* k_client_secret = "test-secret-0b9f";

/// One HTTP answer as the client saw it.
struct Reply {
    bool answered = false;  ///< false when the connection closed without an answer
    int status = 0;
    std::map<std::string, std::string> headers;  ///< names in lower case
    std::string body;

    /// The header `name` (lower case), or "" when absent.
    std::string header(const std::string& name) const;
};

class TestServer {
public:
    /// Serves the seed text (a JSON array of actions) with these settings; throws
    /// std::runtime_error when the seed is invalid.
    explicit TestServer(const std::string& seed, Settings settings = Settings{});
    ~TestServer();

    /// The port it listens on (127.0.0.1).
    int port() const { return m_port; }

    /// Sends a request; `headers` are added as given.
    Reply send(const std::string& method, const std::string& target, const std::string& body = "",
               const std::map<std::string, std::string>& headers = {}) const;
    /// Sends `count` GETs of `target` with the api() token over one kept-alive
    /// connection; answers how many were answered 200.
    int keep_alive_burst(const std::string& target, int count);
    /// A new bearer token from POST /oauth/token, which api() uses from now on.
    std::string login();
    /// Sends an /api/v2 request with a bearer token (logging in on first use).
    Reply api(const std::string& method, const std::string& target, const std::string& body = "");
    /// Sends an admin request (under /__emulator/).
    Reply admin(const std::string& method, const std::string& path,
                const std::string& body = "") const;
    /// PATCH /__emulator/settings with `json`; throws when it is refused.
    void settings(const std::string& json) const;

private:
    std::unique_ptr<Emulator> m_emulator;
    std::unique_ptr<HttpServer> m_server;
    int m_port = 0;
    std::string m_token;
};

/// Sends `bytes` as they are to 127.0.0.1:`port` and answers every byte received
/// until the server closes the connection (or 5 s pass).
std::string raw_exchange(int port, const std::string& bytes);

/// The reply's body as JSON; throws std::runtime_error when it is not JSON.
Json body_json(const Reply& reply);

/// True for a UUID version 4 in its text form.
bool is_uuid_v4(const std::string& text);

/// A small org: custom_-_0001 "Get Order Status" (Orders Web Services, version 3,
/// timeout 3, templates with quotes, newlines and non-ASCII); custom_-_0002 "Get Order
/// Status" (Legacy Orders, secure, no timeout); custom_-_0003 "Lookup Customer" (CRM,
/// timeout 20, latency 50-50 ms); customAuth_-_0004 "Refresh Token"; static_-_0005
/// "Get Date" (Built-in).
std::string small_seed();

/// `count` plain actions custom_-_0001.. "Action 0001".., category "Orders", timeout 3.
std::string generated_seed(int count);

/// The URL path of an action: "/api/v2/integrations/actions/<id>".
std::string action_path(const std::string& id);

}  // namespace dactl::emulator::testing
