#include <ostream>

#include "cmd/build_info.h"
#include "cmd/cli.h"
#include "cmd/commands/command.h"

namespace dactl::cli {

int run_version(const Arguments& /*arguments*/, Context& context) {
    context.console.out << version_line(build_info()) << "\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
