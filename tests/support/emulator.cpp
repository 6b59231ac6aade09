#include "tests/support/emulator.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "providers/http/curl_transport.h"

namespace dactl::testing {

namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Emulator::Emulator(const std::string& seed, std::vector<std::string> switches) {
    m_dir.write("seed.json", seed);
    std::vector<std::string> argv = {GENESYS_EMULATOR_BINARY,
                                     "--seed",
                                     (m_dir.path() / "seed.json").string(),
                                     "--port",
                                     "0",
                                     "--port-file",
                                     (m_dir.path() / "port").string(),
                                     "--client-id",
                                     k_client_id,
                                     "--client-secret",
                                     k_client_secret};
    argv.insert(argv.end(), switches.begin(), switches.end());
    m_process = std::make_unique<BackgroundProcess>(argv, (m_dir.path() / "emulator.log").string());
    for (int i = 0; i < 500; ++i) {
        std::string text = read_all(m_dir.path() / "port");
        if (!text.empty() && text.back() == '\n') {
            m_port = std::stoi(text);
            return;
        }
        if (!m_process->running()) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("the emulator did not start: " + log());
}

Emulator::~Emulator() = default;

std::string Emulator::base_url() const {
    return "http://127.0.0.1:" + std::to_string(m_port);
}

std::string Emulator::log() const {
    return read_all(m_dir.path() / "emulator.log");
}

std::string Emulator::admin(const std::string& method, const std::string& path,
                            const std::string& body) const {
    static http::CurlTransport transport(http::CurlOptions{});
    http::Request request{method, base_url() + path, {}, body};
    if (!body.empty()) {
        request.headers.emplace_back("Content-Type", "application/json");
    }
    Result<http::Response> response = transport.send(request);
    if (!response) {
        throw std::runtime_error("admin " + method + " " + path + ": " + response.error().message);
    }
    if (response->status < 200 || response->status > 299) {
        throw std::runtime_error("admin " + method + " " + path + ": HTTP " +
                                 std::to_string(response->status) + " " + response->body);
    }
    return response->body;
}

std::map<std::string, int> Emulator::counts() const {
    rapidjson::Document document;
    document.Parse(admin("GET", "/__emulator/requests").c_str());
    std::map<std::string, int> counts;
    for (const auto& entry : document["counts"].GetObject()) {
        counts[entry.name.GetString()] = entry.value.GetInt();
    }
    return counts;
}

std::vector<std::string> Emulator::requests() const {
    rapidjson::Document document;
    document.Parse(admin("GET", "/__emulator/requests").c_str());
    std::vector<std::string> lines;
    for (const auto& entry : document["requests"].GetArray()) {
        std::string line =
            std::string(entry["method"].GetString()) + " " + entry["path"].GetString();
        std::string query = entry["query"].GetString();
        if (!query.empty()) {
            line += "?" + query;
        }
        lines.push_back(line + " -> " + std::to_string(entry["status"].GetInt()));
    }
    return lines;
}

std::map<std::string, std::string> Emulator::dactl_environment() const {
    return {{"GENESYSCLOUD_OAUTHCLIENT_ID", k_client_id},
            {"GENESYSCLOUD_OAUTHCLIENT_SECRET", k_client_secret},
            {"DACTL_API_URL", base_url()}};
}

ProcessResult Emulator::dactl(const std::vector<std::string>& args, ProcessOptions options) const {
    for (const auto& [name, value] : dactl_environment()) {
        options.environment.emplace(name, value);
    }
    options.unset.push_back("GENESYSCLOUD_REGION");
    options.unset.push_back("DACTL_LOGIN_URL");
    std::vector<std::string> argv = {DACTL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, options);
}

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_map(Writer& writer, const char* key, const std::map<std::string, std::string>& map) {
    writer.Key(key);
    writer.StartObject();
    for (const auto& [name, value] : map) {
        writer.Key(name.c_str());
        writer.String(value.c_str());
    }
    writer.EndObject();
}

void write_action(Writer& writer, const SeedAction& action) {
    writer.StartObject();
    writer.Key("id");
    writer.String(action.id.c_str());
    writer.Key("name");
    writer.String(action.name.c_str());
    writer.Key("integrationId");
    writer.String("8d5b1a7e-2c44-4f0e-9a51-0f3b6e2d9c10");
    writer.Key("category");
    writer.String(action.category.c_str());
    writer.Key("version");
    writer.Int(action.version);
    writer.Key("secure");
    writer.Bool(false);
    writer.Key("contract");
    writer.StartObject();
    writer.Key("input");
    writer.StartObject();
    writer.Key("inputSchema");
    writer.StartObject();
    writer.Key("type");
    writer.String("object");
    writer.EndObject();
    writer.EndObject();
    writer.Key("output");
    writer.StartObject();
    writer.Key("successSchema");
    writer.StartObject();
    writer.Key("type");
    writer.String("object");
    writer.EndObject();
    writer.EndObject();
    writer.EndObject();
    writer.Key("config");
    writer.StartObject();
    if (action.timeout_seconds > 0) {
        writer.Key("timeoutSeconds");
        writer.Int(action.timeout_seconds);
    }
    writer.Key("request");
    writer.StartObject();
    writer.Key("requestUrlTemplate");
    writer.String(action.url_template.c_str());
    writer.Key("requestType");
    writer.String(action.request_type.c_str());
    write_map(writer, "headers", action.headers);
    writer.Key("requestTemplate");
    writer.String(action.request_template.c_str());
    writer.EndObject();
    writer.Key("response");
    writer.StartObject();
    write_map(writer, "translationMap", action.translation_map);
    write_map(writer, "translationMapDefaults", {});
    writer.Key("successTemplate");
    writer.String(action.success_template.c_str());
    writer.EndObject();
    writer.EndObject();
    if (action.custom_auth || action.latency_ms.second > 0) {
        writer.Key("_emulator");
        writer.StartObject();
        writer.Key("customAuth");
        writer.Bool(action.custom_auth);
        writer.Key("latencyMs");
        writer.StartArray();
        writer.Int(action.latency_ms.first);
        writer.Int(action.latency_ms.second);
        writer.EndArray();
        writer.EndObject();
    }
    writer.EndObject();
}

}  // namespace

std::string seed_json(const std::vector<SeedAction>& actions) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartArray();
    for (const auto& action : actions) {
        write_action(writer, action);
    }
    writer.EndArray();
    return buffer.GetString();
}

std::vector<SeedAction> many_actions(int count) {
    std::vector<SeedAction> actions;
    for (int i = 1; i <= count; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "%04d", i);
        SeedAction action;
        action.id = std::string("custom_-_") + number;
        action.name = std::string("Action ") + number;
        action.timeout_seconds = 3;
        actions.push_back(action);
    }
    return actions;
}

}  // namespace dactl::testing
