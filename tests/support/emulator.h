#pragma once
// Emulator: a genesys-emulator process for end-to-end tests, its admin API,
// and running the dactl binary against it.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace dactl::testing {

inline constexpr const char* k_client_id = "e2e-client";
inline constexpr const char* k_client_secret = "e2e-secret-7f3a9c1d5b";

class Emulator {
public:
    /// Starts the emulator on a free port with the seed (a JSON array of actions)
    /// and extra command-line switches; waits until it listens.
    explicit Emulator(const std::string& seed_json, std::vector<std::string> switches = {});
    ~Emulator();

    int port() const { return m_port; }
    std::string base_url() const;

    /// Admin API calls (under /__emulator/); answer the body, throw on a non-2xx status.
    std::string admin(const std::string& method, const std::string& path,
                      const std::string& body = "") const;
    /// PATCH /__emulator/settings.
    void settings(const std::string& json) const { admin("PATCH", "/__emulator/settings", json); }
    /// Clears the request log.
    void clear_log() const { admin("DELETE", "/__emulator/requests"); }
    /// The request log's counts: "<METHOD> <pattern>" -> n.
    std::map<std::string, int> counts() const;
    /// Every logged request as "METHOD path?query -> status".
    std::vector<std::string> requests() const;

    /// The environment dactl needs to reach this emulator.
    std::map<std::string, std::string> dactl_environment() const;

    /// Runs the dactl binary with `args` against this emulator.
    ProcessResult dactl(const std::vector<std::string>& args, ProcessOptions options = {}) const;

    /// The emulator's own output so far (for failure messages).
    std::string log() const;

private:
    TempDir m_dir;
    std::unique_ptr<BackgroundProcess> m_process;
    int m_port = 0;
};

/// One action of a seed, as the API shapes it.
struct SeedAction {
    std::string id;
    std::string name;
    std::string category = "Orders";
    int version = 1;
    int timeout_seconds = 0;  ///< 0: unset
    std::string request_type = "GET";
    std::string url_template = "https://backend.example.com/lookup";
    std::map<std::string, std::string> headers;
    std::string request_template = "${input.rawRequest}";
    std::map<std::string, std::string> translation_map;
    std::string success_template = "${rawResult}";
    bool custom_auth = false;
    std::pair<int, int> latency_ms{0, 0};  ///< emulated third-party latency
};

/// The seed JSON (an array of Action objects) for these actions.
std::string seed_json(const std::vector<SeedAction>& actions);

/// `count` plain actions "Action 0001"... with ids custom_-_<n>, timeout 3.
std::vector<SeedAction> many_actions(int count);

}  // namespace dactl::testing
