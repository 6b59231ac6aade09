#include <ostream>

#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "cmd/help.h"
#include "engine/manifest/loader.h"

namespace dactl::cli {

int run_completion(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "completion");
    const std::string shell = arguments.positionals.empty() ? "" : arguments.positionals[0];
    if (shell == "bash") {
        session.out() << bash_completion();
    } else if (shell == "zsh") {
        session.out() << zsh_completion();
    } else {
        return session.fail("completion needs the shell: dactl completion bash, or zsh");
    }
    return k_exit_ok;
}

// `dactl __complete addresses`: the manifests' action addresses, one a line,
// for the completion scripts. Quiet: a project with problems completes what it
// has, and no project completes nothing.
int run_internal_complete(const Arguments& arguments, Context& context) {
    if (arguments.positionals.size() != 1 || arguments.positionals[0] != "addresses") {
        return k_exit_error;
    }
    const LoadResult loaded = load_project(arguments.value("chdir").value_or("."));
    for (const auto& action : loaded.project.actions) {
        context.console.out << action.address() << "\n";
    }
    return k_exit_ok;
}

// `dactl __manpage`: dactl(1), which the build installs.
int run_manpage(const Arguments& /*arguments*/, Context& context) {
    context.console.out << man_page();
    return k_exit_ok;
}

}  // namespace dactl::cli
