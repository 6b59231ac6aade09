// dactl version (and dactl --version).

#include <ostream>

#include "cmd/build_info.h"
#include "cmd/commands/registry.h"

namespace dactl::cli {

namespace {

int run_version(const CommonOptions& /*options*/, Session& session) {
    session.context().console.out << version_line(build_info()) << "\n";
    return k_exit_ok;
}

}  // namespace

Command version_command() {
    return make_command<CommonOptions>(
        {"version", "print dactl's version", "dactl version",
         "Prints the version and the git commit dactl was built from (also: dactl --version)."},
        OptionTable<CommonOptions>(), run_version);
}

}  // namespace dactl::cli
