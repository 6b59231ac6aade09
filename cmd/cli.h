#pragma once
// The dactl command line: dispatch to the commands.

#include <string>
#include <vector>

#include "cmd/context.h"
#include "cmd/session.h"

namespace dactl::cli {

/// Runs dactl with `args` (without the program name) and answers the exit
/// code. Global options may come before or after the command.
int run(const std::vector<std::string>& args, Context& context);

}  // namespace dactl::cli
