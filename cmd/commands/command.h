#pragma once
// Command: one `dactl <name>` subcommand. Its options are a typed struct,
// filled once by its OptionTable; its run function gets that struct and the
// Session, and answers the exit code.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cmd/args.h"
#include "cmd/context.h"
#include "cmd/option_table.h"
#include "cmd/session.h"

namespace dactl::cli {

/// What a command's operands are, for completion.
enum class Operands { none, file, addresses, choice };

/// A command parsed from its words: the help asked for, or what to run.
struct Invocation {
    bool help = false;
    std::function<int(Context&)> run;
};

/// How a command presents itself (help, man page, completion).
struct CommandText {
    std::string name;
    std::string summary;      ///< one line for `dactl --help`
    std::string usage;        ///< "dactl plan [options]"
    std::string description;  ///< a paragraph for `dactl <name> --help`
    std::size_t max_operands = 0;
    Operands operands = Operands::none;
    std::vector<std::string> operand_choices = {};  ///< for Operands::choice
    /// Internal (`__complete`, `__manpage`): in no help, man page or completion.
    bool hidden = false;
};

struct Command : CommandText {
    std::vector<OptionSpec> options;  ///< its own, besides the global ones
    /// Parses the words after the command's name (global options included).
    std::function<Result<Invocation>(const std::vector<std::string>& words)> parse;
};

/// Every command, in the order `dactl --help` lists them.
const std::vector<Command>& all_commands();

/// The global options, bound to CommonOptions: -C/--chdir, --no-color,
/// --verbose, --env, --help.
template <class Options>
OptionTable<Options> global_table() {
    OptionTable<Options> table;
    table.add({"chdir", "C", "DIR", "the project directory (default: the current directory)"},
              [](Options& options, const std::string& value) {
                  options.chdir = value;
                  return Status{};
              });
    table.flag({"no-color", "", "", "never colour the output (also: NO_COLOR set, not empty)"},
               &Options::no_color);
    table.flag(
        {"verbose", "v", "", "log every API request (method, URL, status, time; never secrets)"},
        &Options::verbose);
    table.text(
        {"env", "", "NAME", "the environment (org) dactl.toml declares to work on (DACTL_ENV)"},
        &Options::env);
    table.flag({"help", "h", "", "show this command's help"}, &Options::help);
    return table;
}

/// The global options' specs, for help and for splitting them off before a command.
const std::vector<OptionSpec>& global_options();

/// A Command from its text, its option table and its run function: parsing
/// fills Options (the global options first), refuses more operands than the
/// command takes, and running opens a Session, runs, and finishes the session.
template <class Options>
Command make_command(CommandText text, const OptionTable<Options>& table,
                     int (*run)(const Options&, Session&)) {
    Command command{std::move(text), table.specs(), {}};
    command.parse = [table, run, name = command.name, max = command.max_operands](
                        const std::vector<std::string>& words) -> Result<Invocation> {
        Result<Options> parsed = table.parse(words, "dactl " + name, global_table<Options>());
        if (!parsed) {
            return parsed.error();
        }
        if (parsed->operands.size() > max) {
            return make_error(ErrorKind::invalid_input,
                              "dactl " + name + " takes no argument " + parsed->operands[max]);
        }
        auto options = std::make_shared<const Options>(std::move(parsed).value());
        return Invocation{options->help, [options, run, name](Context& context) {
                              Session session(*options, context, name);
                              if (!session.open()) {
                                  return session.failed();
                              }
                              return session.finish(run(*options, session));
                          }};
    };
    return command;
}

}  // namespace dactl::cli
