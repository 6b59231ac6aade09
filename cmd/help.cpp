#include "cmd/help.h"

#include <iterator>

namespace dactl::cli {

namespace {

constexpr const char* k_intro =
    "dactl manages Genesys Cloud data actions as code: declare the fields your team\n"
    "owns in TOML manifests, review the plan, apply it.";

struct Entry {
    const char* name;
    const char* meaning;
};

constexpr Entry k_exit_codes[] = {
    {"0", "success"},
    {"1", "error"},
    {"2", "changes present (plan --detailed-exitcode) or drift found (drift)"},
    {"130", "interrupted"},
};

constexpr Entry k_environment[] = {
    {"GENESYSCLOUD_OAUTHCLIENT_ID", "the id of an OAuth client with client credentials"},
    {"GENESYSCLOUD_OAUTHCLIENT_SECRET", "its secret (never printed, logged or stored)"},
    {"GENESYSCLOUD_REGION", "the org's region, e.g. eu-west-1 (or region in dactl.toml)"},
    {"DACTL_API_URL", "another API base URL (an emulator, a proxy); plain http only on loopback"},
    {"DACTL_LOGIN_URL", "another login URL"},
    {"DACTL_ENV", "the environment to work on when --env is not given"},
    {"DACTL_STATE_KEY", "the key the state's fingerprints of secret header values are made with"},
    {"NO_COLOR", "set to anything but \"\": never colour the output"},
};

constexpr Entry k_files[] = {
    {"dactl.toml", "the project's settings: region, the [api] table and [env.<name>] orgs"},
    {"*.toml", "the manifests: one [action.<label>] table per managed action"},
    {".dactl/state.json", "what dactl last applied (docs/state.md)"},
    {".dactl/lock", "held while an apply runs; force-unlock removes a stale one"},
    {".dactl/env/<name>/", "an environment's own state.json, lock and key"},
};

// "head a, b, c." wrapped at word boundaries within 80 columns.
std::string wrapped_list(const std::string& head, const std::vector<std::string>& items) {
    std::string sentence = head;
    for (std::size_t i = 0; i < items.size(); ++i) {
        sentence += (i == 0 ? " " : ", ") + items[i];
    }
    sentence += '.';
    std::string text;
    std::size_t column = 0;
    std::size_t start = 0;
    while (start < sentence.size()) {
        std::size_t end = sentence.find(' ', start);
        end = end == std::string::npos ? sentence.size() : end;
        const std::size_t length = end - start;
        if (column > 0 && column + 1 + length > 80) {
            text += '\n';
            column = 0;
        } else if (column > 0) {
            text += ' ';
            column += 1;
        }
        text += sentence.substr(start, length);
        column += length;
        start = end + 1;
    }
    return text + "\n";
}

}  // namespace

const std::vector<OptionSpec>& leading_options() {
    static const std::vector<OptionSpec> options = [] {
        std::vector<OptionSpec> all = global_options();
        // `dactl --version` only before any command: `dactl version` is the command.
        all.push_back({"version", "", "", "print the version and exit"});
        return all;
    }();
    return options;
}

std::string main_help() {
    std::string text = std::string(k_intro) +
                       "\n"
                       "\n"
                       "Usage: dactl [global options] <command> [options]\n"
                       "\n"
                       "Commands:\n";
    for (const auto& command : all_commands()) {
        if (!command.hidden) {
            text += "  " + command.name + std::string(14 - command.name.size(), ' ') +
                    command.summary + "\n";
        }
    }
    text += "\nGlobal options:\n" + options_help(leading_options()) + "\n";
    std::vector<std::string> codes;
    for (const Entry& code : k_exit_codes) {
        codes.push_back(std::string(code.name) + " " + code.meaning);
    }
    text += wrapped_list("Exit codes:", codes);
    std::vector<std::string> names;
    for (const Entry& variable : k_environment) {
        names.emplace_back(variable.name);
    }
    text += wrapped_list("Environment:", names);
    text += "Run 'dactl <command> --help' for a command's options.\n";
    return text;
}

std::string command_help(const Command& command) {
    std::string text = "Usage: " + command.usage + "\n\n" + command.description + "\n";
    if (!command.options.empty()) {
        text += "\nOptions:\n" + options_help(command.options);
    }
    text += "\nGlobal options:\n" + options_help(global_options());
    return text;
}

namespace {

// Text safe in a roff line: backslashes escaped, hyphens as \-, and a line
// that would start with a control character (. or ') guarded.
std::string roff(const std::string& text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) {
            out += "\\&";
        }
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
        line_start = c == '\n';
    }
    return out;
}

std::string option_heading(const OptionSpec& option) {
    std::string text;
    if (!option.short_name.empty()) {
        text += "\\fB\\-" + roff(option.short_name) + "\\fR, ";
    }
    text += "\\fB\\-\\-" + roff(option.name) + "\\fR";
    if (!option.value_name.empty()) {
        text += " \\fI" + roff(option.value_name) + "\\fR";
    }
    return text;
}

std::string option_items(const std::vector<OptionSpec>& options) {
    std::string text;
    for (const auto& option : options) {
        text += ".TP\n" + option_heading(option) + "\n" + roff(option.help) + "\n";
    }
    return text;
}

std::string entries(const Entry* begin, const Entry* end, bool bold) {
    std::string text;
    for (const Entry* entry = begin; entry != end; ++entry) {
        text += ".TP\n" + std::string(bold ? "\\fB" : "\\fI") + roff(entry->name) + "\\fR\n" +
                roff(entry->meaning) + "\n";
    }
    return text;
}

}  // namespace

std::string man_page() {
    std::string text = ".TH DACTL 1 \"\" \"dactl " DACTL_VERSION "\" \"User Commands\"\n";
    text += ".SH NAME\ndactl \\- manage Genesys Cloud data actions as code\n";
    text += ".SH SYNOPSIS\n.B dactl\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]\n";
    text += ".br\n.B dactl \\-\\-version\n";
    text += ".SH DESCRIPTION\n" + roff(k_intro) + "\n";
    text += ".SH COMMANDS\n";
    for (const auto& command : all_commands()) {
        if (command.hidden) {
            continue;
        }
        text += ".SS " + roff(command.name) + "\n.B " + roff(command.usage) + "\n.PP\n" +
                roff(command.description) + "\n";
        if (!command.options.empty()) {
            text += ".RS\n" + option_items(command.options) + ".RE\n";
        }
    }
    text += ".SH GLOBAL OPTIONS\n" + option_items(leading_options());
    text += ".SH EXIT STATUS\n" + entries(std::begin(k_exit_codes), std::end(k_exit_codes), true);
    text += ".SH ENVIRONMENT\n" + entries(std::begin(k_environment), std::end(k_environment), true);
    text += ".SH FILES\n" + entries(std::begin(k_files), std::end(k_files), false);
    text +=
        ".SH SEE ALSO\nThe guides installed with dactl (README.md and docs/ under "
        "/usr/share/doc/dactl), and \\fBdactl <command> \\-\\-help\\fR.\n";
    return text;
}

}  // namespace dactl::cli
