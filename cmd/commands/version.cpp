#include <ostream>

#include "cmd/cli.h"
#include "cmd/commands/command.h"

namespace dactl::cli {

int run_version(const Arguments& /*arguments*/, Context& context) {
    context.console.out << "dactl " << DACTL_VERSION << "\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
