#pragma once
// Command: one `dactl <name>` subcommand, and the steps commands share.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmd/args.h"
#include "cmd/context.h"
#include "engine/model/project.h"

namespace dactl::cli {

struct Command {
    std::string name;
    std::string summary;      ///< one line for `dactl --help`
    std::string usage;        ///< "dactl plan [options]"
    std::string description;  ///< a paragraph for `dactl <name> --help`
    std::vector<OptionSpec> options;  ///< the command's own, besides the global ones
    int (*run)(const Arguments& arguments, Context& context) = nullptr;
};

/// Every command, in the order `dactl --help` lists them.
const std::vector<Command>& all_commands();

/// The options every command takes: -C/--chdir, --no-color, --verbose, --help.
const std::vector<OptionSpec>& global_options();

/// Prints "Error: <message>" to standard error and answers k_exit_error.
int report_error(Context& context, const std::string& message);

/// Loads the project from `-C DIR` (default "."), printing every diagnostic to
/// standard error. Nothing when any is an error.
std::optional<Project> load_project_or_report(const Arguments& arguments, Context& context);

/// Makes the provider, or prints the error and answers null.
std::unique_ptr<Provider> connect_or_report(const Arguments& arguments, const Project& project,
                                            Context& context);

/// `--parallelism N` (1-50, default 10), or the error for a bad value.
Result<int> parallelism_option(const Arguments& arguments);

}  // namespace dactl::cli
