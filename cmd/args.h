#pragma once
// A small command-line parser: long options with or without a value
// (`--name VALUE`, `--name=VALUE`), a few short aliases, and positionals.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/util/result.h"

namespace dactl::cli {

struct OptionSpec {
    std::string name;        ///< without dashes: "auto-approve"
    std::string short_name;  ///< one letter or empty: "C"
    std::string value_name;  ///< empty for a flag; else shown in help: "DIR"
    std::string help;        ///< one line
    /// The only values the option takes, for completion and the man page
    /// (the command still checks them); empty: any.
    std::vector<std::string> choices = {};
};

struct Arguments {
    std::vector<std::string> positionals;
    std::map<std::string, std::string> values;  ///< options given with a value (last one wins)
    std::set<std::string> flags;                ///< flags given
    /// Every value of each option, in the order given (--target A --target B).
    std::map<std::string, std::vector<std::string>> repeated;

    bool has(const std::string& name) const { return flags.count(name) != 0; }
    /// The option's value, or nothing.
    std::optional<std::string> value(const std::string& name) const;
    /// Every value given to a repeatable option; empty when none.
    std::vector<std::string> all_values(const std::string& name) const;
};

/// Parses `args` (the words after the command name) against `specs`. Fails with
/// ErrorKind::invalid_input for an unknown option (suggesting a close one), a
/// missing value, or a value given to a flag. "--" ends the options.
Result<Arguments> parse_arguments(const std::vector<std::string>& args,
                                  const std::vector<OptionSpec>& specs, const std::string& command);

/// The options' help block: one "  --name VALUE   help" line each, aligned.
std::string options_help(const std::vector<OptionSpec>& specs);

}  // namespace dactl::cli
