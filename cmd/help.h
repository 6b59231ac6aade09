#pragma once
// The help texts, the man page dactl(1) and the shell completions, all made
// from the command registry and the few paragraphs here, so that none of them
// can disagree with another or with what the commands accept.

#include <string>
#include <vector>

#include "cmd/args.h"
#include "cmd/commands/command.h"

namespace dactl::cli {

/// The options taken before any command: the global ones, then --version.
/// One table for the program's life: the words split against it point into it.
const std::vector<OptionSpec>& leading_options();

/// `dactl --help`.
std::string main_help();

/// `dactl <command> --help`.
std::string command_help(const Command& command);

/// dactl(1) in roff (man(7) macros): name, synopsis, description, every
/// command with its options, global options, exit status, environment, files.
std::string man_page();

/// A bash completion script: commands, options, option values (formats,
/// fields, files, directories), and action addresses read from the manifests
/// of the -C directory through `dactl __complete addresses`.
std::string bash_completion();

/// The same for zsh (`#compdef dactl`).
std::string zsh_completion();

}  // namespace dactl::cli
