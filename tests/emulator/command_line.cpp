#include "tests/emulator/command_line.h"

#include <charconv>
#include <functional>
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

using Setter = std::function<bool(CommandLine&, const std::string&)>;

struct ValueFlag {
    std::string expected;
    Setter set;
};

const std::map<std::string, ValueFlag>& value_flags() {
    constexpr long max = 1'000'000'000;
    static const std::map<std::string, ValueFlag> flags = {
        {"--seed",
         {"a file",
          [](CommandLine& line, const std::string& value) {
              line.seed_path = value;
              return !value.empty();
          }}},
        {"--port",
         {"a port number from 0 to 65535",
          [](CommandLine& line, const std::string& value) {
              return parse_int(value, 0, 65535, line.port);
          }}},
        {"--port-file",
         {"a file",
          [](CommandLine& line, const std::string& value) {
              line.port_file = value;
              return !value.empty();
          }}},
        {"--client-id",
         {"a client id",
          [](CommandLine& line, const std::string& value) {
              line.client.id = value;
              return !value.empty();
          }}},
        {"--client-secret",
         {"a client secret",
          [](CommandLine& line, const std::string& value) {
              line.client.secret = value;
              return !value.empty();
          }}},
        {"--token-ttl",
         {"seconds from 1 to 172800",
          [](CommandLine& line, const std::string& value) {
              return parse_int(value, 1, 172'800, line.settings.token_ttl_seconds);
          }}},
        {"--rate-limit",
         {"N/SECONDS (0 for no limit)",
          [](CommandLine& line, const std::string& value) {
              Settings& settings = line.settings;
              return parse_pair(value, '/', 0, max, settings.rate_limit_requests,
                                settings.rate_limit_window_seconds, 60) &&
                     settings.rate_limit_window_seconds >= 1;
          }}},
        {"--latency-ms",
         {"N or MIN-MAX milliseconds",
          [](CommandLine& line, const std::string& value) {
              Settings& settings = line.settings;
              return parse_pair(value, '-', 0, 600'000, settings.latency_min_ms,
                                settings.latency_max_ms, -1) &&
                     settings.latency_min_ms <= settings.latency_max_ms;
          }}},
        {"--fail-every",
         {"N[:STATUS] with STATUS from 400 to 599",
          [](CommandLine& line, const std::string& value) {
              Settings& settings = line.settings;
              return parse_pair(value, ':', 0, max, settings.fail_every, settings.fail_status,
                                503) &&
                     settings.fail_status >= 400 && settings.fail_status <= 599;
          }}},
        {"--drop-every",
         {"a count",
          [](CommandLine& line, const std::string& value) {
              return parse_int(value, 0, max, line.settings.drop_every);
          }}},
        {"--stale-read-ms",
         {"milliseconds from 0 to 600000",
          [](CommandLine& line, const std::string& value) {
              return parse_int(value, 0, 600'000, line.settings.stale_read_ms);
          }}},
        {"--conflict-next",
         {"a count",
          [](CommandLine& line, const std::string& value) {
              return parse_int(value, 0, max, line.settings.conflict_next_patches);
          }}},
        {"--time-scale",
         {"a number from 0 to 1000",
          [](CommandLine& line, const std::string& value) {
              double scale = 0;
              auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), scale);
              line.settings.time_scale = scale;
              return error == std::errc() && end == value.data() + value.size() && scale >= 0 &&
                     scale <= 1000;
          }}},
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
           "  --token-ttl SECONDS     token lifetime (default 86400)\n"
           "  --rate-limit N/SECONDS  requests per token per window (default 300/60; 0: off)\n"
           "  --latency-ms N|MIN-MAX  extra latency of every /api/v2 and /oauth answer\n"
           "  --fail-every N[:STATUS] every Nth request answers STATUS (default 503)\n"
           "  --drop-every N          every Nth request gets no answer at all\n"
           "  --stale-read-ms N       reads show an action as it was for N ms after a write\n"
           "  --conflict-next K       the next K PATCHes meet a concurrent save (409)\n"
           "  --templates-as-uris     configs carry template URIs instead of the text\n"
           "  --time-scale X          multiplies the seeded test/execute latencies (default 1)\n"
           "  --quiet                 no request lines on standard output\n"
           "\n"
           "The admin API under /__emulator/ changes these at run time.\n";
}

}  // namespace dactl::emulator
