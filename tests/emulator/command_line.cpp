#include "tests/emulator/command_line.h"

#include <charconv>
#include <map>
#include <optional>

namespace dactl::emulator {

namespace {

Error flag_error(const std::string& flag, const std::string& expected, const std::string& value) {
    return make_error(ErrorKind::invalid_input,
                      flag + ": expected " + expected + ", got \"" + value + "\"");
}

bool parse_int(std::string_view text, long low, long high, int& target) {
    long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low ||
        value > high) {
        return false;
    }
    target = static_cast<int>(value);
    return true;
}

// "A" or "A<separator>B" into two integers; B defaults to `fallback` (or A when fallback < 0).
bool parse_pair(const std::string& text, char separator, long low, long high, int& first,
                int& second, int fallback) {
    const std::size_t split = text.find(separator);
    if (!parse_int(std::string_view(text).substr(0, split), low, high, first)) {
        return false;
    }
    if (split == std::string::npos) {
        second = fallback < 0 ? first : fallback;
        return true;
    }
    return parse_int(std::string_view(text).substr(split + 1), low, high, second);
}

using Setter = bool (*)(CommandLine& line, const std::string& value);

struct ValueFlag {
    std::string expected;
    Setter set;
};

constexpr long k_max_count = 1'000'000'000;

bool set_text(std::string& target, const std::string& value) {
    target = value;
    return !value.empty();
}

bool set_seed(CommandLine& line, const std::string& value) {
    return set_text(line.seed_path, value);
}

bool set_port_file(CommandLine& line, const std::string& value) {
    return set_text(line.port_file, value);
}

bool set_client_id(CommandLine& line, const std::string& value) {
    return set_text(line.client.id, value);
}

bool set_client_secret(CommandLine& line, const std::string& value) {
    return set_text(line.client.secret, value);
}

bool set_port(CommandLine& line, const std::string& value) {
    return parse_int(value, 0, 65535, line.port);
}

// An integer setting within [low, high].
template <int Settings::*member, long low, long high>
bool set_setting(CommandLine& line, const std::string& value) {
    return parse_int(value, low, high, line.settings.*member);
}

bool set_rate_limit(CommandLine& line, const std::string& value) {
    Settings& settings = line.settings;
    return parse_pair(value, '/', 0, k_max_count, settings.rate_limit_requests,
                      settings.rate_limit_window_seconds, 60) &&
           settings.rate_limit_window_seconds >= 1;
}

bool set_latency(CommandLine& line, const std::string& value) {
    Settings& settings = line.settings;
    return parse_pair(value, '-', 0, 600'000, settings.latency_min_ms, settings.latency_max_ms,
                      -1) &&
           settings.latency_min_ms <= settings.latency_max_ms;
}

bool set_failures(CommandLine& line, const std::string& value) {
    Settings& settings = line.settings;
    return parse_pair(value, ':', 0, k_max_count, settings.fail_every, settings.fail_status, 503) &&
           settings.fail_status >= 400 && settings.fail_status <= 599;
}

bool set_org_id(CommandLine& line, const std::string& value) {
    line.organization.id = value;
    return !value.empty();
}

bool set_org_name(CommandLine& line, const std::string& value) {
    line.organization.name = value;
    return !value.empty();
}

bool set_auth_ids(CommandLine& line, const std::string& value) {
    line.plain_auth_ids = value == "plain";
    return value == "plain" || value == "prefixed";
}

// A scale setting: a number from `lowest` thousandths to 1000.
template <double Settings::*member, int lowest_thousandths>
bool set_scale(CommandLine& line, const std::string& value) {
    double scale = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), scale);
    line.settings.*member = scale;
    return error == std::errc() && end == value.data() + value.size() &&
           scale >= lowest_thousandths / 1000.0 && scale <= 1000;
}

const std::map<std::string, ValueFlag>& value_flags() {
    static const std::map<std::string, ValueFlag> flags = {
        {"--seed", {"a file", set_seed}},
        {"--port", {"a port number from 0 to 65535", set_port}},
        {"--port-file", {"a file", set_port_file}},
        {"--client-id", {"a client id", set_client_id}},
        {"--client-secret", {"a client secret", set_client_secret}},
        {"--org-id", {"an org id", set_org_id}},
        {"--org-name", {"an org name", set_org_name}},
        {"--token-ttl",
         {"seconds from 1 to 172800", set_setting<&Settings::token_ttl_seconds, 1, 172'800>}},
        {"--rate-limit", {"N/SECONDS (0 for no limit)", set_rate_limit}},
        {"--client-rate-limit",
         {"a count (0 for no limit)",
          set_setting<&Settings::client_rate_limit_requests, 0, k_max_count>}},
        {"--rate-time-scale",
         {"a number from 0.001 to 1000", set_scale<&Settings::rate_time_scale, 1>}},
        {"--latency-ms", {"N or MIN-MAX milliseconds", set_latency}},
        {"--fail-every", {"N[:STATUS] with STATUS from 400 to 599", set_failures}},
        {"--drop-every", {"a count", set_setting<&Settings::drop_every, 0, k_max_count>}},
        {"--stale-read-ms",
         {"milliseconds from 0 to 600000", set_setting<&Settings::stale_read_ms, 0, 600'000>}},
        {"--conflict-next",
         {"a count", set_setting<&Settings::conflict_next_patches, 0, k_max_count>}},
        {"--time-scale", {"a number from 0 to 1000", set_scale<&Settings::time_scale, 0>}},
        {"--auth-ids", {"plain or prefixed", set_auth_ids}},
    };
    return flags;
}

Status check_required(const CommandLine& line) {
    if (line.help) {
        return {};
    }
    for (const auto& [flag, missing] :
         {std::pair<const char*, bool>{"--seed", line.seed_path.empty()},
          {"--client-id", line.client.id.empty()},
          {"--client-secret", line.client.secret.empty()}}) {
        if (missing) {
            return make_error(ErrorKind::invalid_input,
                              std::string(flag) + " is required (see --help)");
        }
    }
    return {};
}

}  // namespace

Result<CommandLine> parse_command_line(const std::vector<std::string>& arguments) {
    CommandLine line;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string flag = arguments[i];
        std::optional<std::string> value;
        if (const std::size_t equals = flag.find('=');
            flag.starts_with("--") && equals != std::string::npos) {
            value = flag.substr(equals + 1);
            flag = flag.substr(0, equals);
        }
        if (flag == "--templates-as-uris" || flag == "--quiet" || flag == "--help" ||
            flag == "-h") {
            if (value) {
                return make_error(ErrorKind::invalid_input, flag + " takes no value");
            }
            line.settings.templates_as_uris |= flag == "--templates-as-uris";
            line.verbosity = flag == "--quiet" ? Verbosity::quiet : line.verbosity;
            line.help |= flag == "--help" || flag == "-h";
            continue;
        }
        auto found = value_flags().find(flag);
        if (found == value_flags().end()) {
            return make_error(ErrorKind::invalid_input,
                              "unknown argument \"" + flag + "\" (see --help)");
        }
        if (!value) {
            if (i + 1 >= arguments.size()) {
                return make_error(ErrorKind::invalid_input,
                                  flag + ": expected " + found->second.expected);
            }
            value = arguments[++i];
        }
        if (!found->second.set(line, *value)) {
            return flag_error(flag, found->second.expected, *value);
        }
    }
    if (Status required = check_required(line); !required) {
        return required.error();
    }
    return line;
}

std::string usage() {
    return "usage: genesys-emulator --seed FILE --client-id ID --client-secret SECRET [options]\n"
           "\n"
           "A local stand-in for the Genesys Cloud data actions API, on 127.0.0.1.\n"
           "\n"
           "  --seed FILE             the org: a JSON array of actions (see docs/emulator.md)\n"
           "  --port N                the port, 0 for any free one (default 0)\n"
           "  --port-file F           write the port there once listening\n"
           "  --client-id ID          the OAuth client that may log in\n"
           "  --client-secret SECRET  its secret\n"
           "  --org-id ID             the org's id, as GET /api/v2/organizations/me answers it\n"
           "  --org-name NAME         the org's name (default \"Emulated Org\")\n"
           "  --token-ttl SECONDS     token lifetime (default 86400)\n"
           "  --rate-limit N/SECONDS  requests per token per window (default 300/60; 0: off)\n"
           "  --client-rate-limit N   requests per window across the client's tokens\n"
           "                          (default 3000; 0: off)\n"
           "  --rate-time-scale X     real seconds per emulated second of the limits'\n"
           "                          windows, Retry-After and the log (default 1)\n"
           "  --latency-ms N|MIN-MAX  extra latency of every /api/v2 and /oauth answer\n"
           "  --fail-every N[:STATUS] every Nth request answers STATUS (default 503)\n"
           "  --drop-every N          every Nth request gets no answer at all\n"
           "  --stale-read-ms N       reads show an action as it was for N ms after a write\n"
           "  --conflict-next K       the next PATCHes of K actions meet a concurrent save (409)\n"
           "  --templates-as-uris     configs carry template URIs instead of the text\n"
           "  --time-scale X          multiplies the seeded test/execute latencies (default 1)\n"
           "  --auth-ids plain        custom authentication actions get ids like any other\n"
           "                          (custom_-_...; default prefixed: customAuth_-_...)\n"
           "  --quiet                 no request lines on standard output\n"
           "\n"
           "The admin API under /__emulator/ changes these at run time.\n";
}

}  // namespace dactl::emulator
