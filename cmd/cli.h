#pragma once
// The dactl command line: dispatch to the commands.

#include <string>
#include <vector>

#include "cmd/context.h"

namespace dactl::cli {

/// Exit codes, as documented in `dactl --help`.
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_error = 1,
    k_exit_changes = 2,  ///< plan --detailed-exitcode found changes; drift found drift
    k_exit_interrupted = 130,
};

/// Runs dactl with `args` (without the program name) and answers the exit code.
int run(const std::vector<std::string>& args, Context& context);

}  // namespace dactl::cli
