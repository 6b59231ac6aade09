#pragma once
// The command-line words: long options with or without a value (`--name VALUE`,
// `--name=VALUE`), a few short aliases, and operands. This is the word level;
// cmd/option_table.h binds the words to each command's typed options.

#include <optional>
#include <string>
#include <vector>

#include "engine/util/result.h"

namespace dactl::cli {

struct OptionSpec {
    std::string name;        ///< without dashes: "auto-approve"
    std::string short_name;  ///< one letter or empty: "C"
    std::string value_name;  ///< empty for a flag; else shown in help: "DIR"
    std::string help;        ///< one line
    /// The only values the option takes (the parser refuses others, and
    /// completion and the man page offer them); empty: any.
    std::vector<std::string> choices = {};

    bool takes_value() const { return !value_name.empty(); }
};

/// One option as given: which spec, and its value ("" for a flag).
struct GivenOption {
    const OptionSpec* spec = nullptr;
    std::string value;
};

/// The words split: the options in the order given, and the operands.
struct Words {
    std::vector<GivenOption> options;
    std::vector<std::string> operands;

    /// Whether the option `name` was given (for the few words read before a
    /// command is known: --help, --version).
    bool has(const std::string& name) const;
};

/// Splits `args` (the words after the command name) against `specs`. Fails with
/// ErrorKind::invalid_input for an unknown option (suggesting a close one), a
/// missing value, a value given to a flag, or a value outside an option's
/// choices ("--format must be text or json, not markdown"). "--" ends the options.
Result<Words> split_words(const std::vector<std::string>& args,
                          const std::vector<OptionSpec>& specs, const std::string& command);
/// The words point into `specs`: a temporary table would leave them dangling.
Result<Words> split_words(const std::vector<std::string>& args, std::vector<OptionSpec>&& specs,
                          const std::string& command) = delete;

/// How many of `args`, from the first, are options in `specs` (with their
/// values): the global options written before a command.
std::size_t leading_option_words(const std::vector<std::string>& args,
                                 const std::vector<OptionSpec>& specs);

/// "a", "a or b", "a, b or c".
std::string alternatives(const std::vector<std::string>& words);

/// The options' help block: one "  --name VALUE   help" line each, aligned.
std::string options_help(const std::vector<OptionSpec>& specs);

}  // namespace dactl::cli
