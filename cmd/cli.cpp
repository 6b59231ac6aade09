#include "cmd/cli.h"

#include <algorithm>
#include <ostream>

#include "cmd/build_info.h"
#include "cmd/commands/command.h"
#include "cmd/help.h"
#include "engine/text/suggest.h"

namespace dactl::cli {

namespace {

const Command* find_command(const std::string& name) {
    for (const auto& command : all_commands()) {
        if (command.name == name) {
            return &command;
        }
    }
    return nullptr;
}

int unknown_command(Context& context, const std::string& name) {
    std::vector<std::string> names;
    for (const auto& command : all_commands()) {
        if (!command.hidden) {
            names.push_back(command.name);
        }
    }
    std::string message = "unknown command " + name;
    std::vector<std::string> close = closest_matches(name, names, 1);
    message +=
        close.empty() ? "; run dactl --help for the list" : "; did you mean " + close[0] + "?";
    return report_error(context, message);
}

// `dactl`, `dactl --help`, `dactl --version`: options and no command.
int without_command(const std::vector<std::string>& leading, Context& context) {
    Result<Words> globals = split_words(leading, leading_options(), "dactl");
    if (!globals) {
        return report_error(context, globals.error().message);
    }
    if (globals->has("help")) {
        context.console.out << main_help();
        return k_exit_ok;
    }
    if (globals->has("version")) {
        context.console.out << version_line(build_info()) << "\n";
        return k_exit_ok;
    }
    context.console.err << main_help();
    return k_exit_error;
}

}  // namespace

int run(const std::vector<std::string>& args, Context& context) {
    const std::size_t position = leading_option_words(args, leading_options());
    const std::vector<std::string> leading(args.begin(),
                                           args.begin() + static_cast<long>(position));
    if (position >= args.size()) {
        return without_command(leading, context);
    }
    const std::string& name = args[position];
    if (name == "help") {
        const Command* topic =
            position + 1 < args.size() ? find_command(args[position + 1]) : nullptr;
        context.console.out << (topic ? command_help(*topic) : main_help());
        return k_exit_ok;
    }
    const Command* command = find_command(name);
    if (command == nullptr) {
        return unknown_command(context, name);
    }
    std::vector<std::string> words = leading;
    words.insert(words.end(), args.begin() + static_cast<long>(position) + 1, args.end());
    Result<Invocation> invocation = command->parse(words);
    if (!invocation && std::find(words.begin(), words.end(), "--version") != words.end()) {
        return report_error(context,
                            "--version goes before any command: dactl --version (or "
                            "dactl version)");
    }
    if (!invocation) {
        return report_error(context, invocation.error().message);
    }
    if (invocation->help) {
        context.console.out << command_help(*command);
        return k_exit_ok;
    }
    return invocation->run(context);
}

}  // namespace dactl::cli
