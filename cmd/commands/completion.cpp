// dactl completion bash|zsh, and the hidden commands the completion scripts
// and the build use.

#include <ostream>

#include "cmd/commands/registry.h"
#include "cmd/help.h"
#include "engine/manifest/loader.h"

namespace dactl::cli {

namespace {

int run_completion(const CommonOptions& options, Session& session) {
    const std::string shell = options.operands.empty() ? "" : options.operands[0];
    std::ostream& out = session.context().console.out;
    if (shell == "bash") {
        out << bash_completion();
    } else if (shell == "zsh") {
        out << zsh_completion();
    } else {
        return session.fail("completion needs the shell: dactl completion bash, or zsh");
    }
    return k_exit_ok;
}

// `dactl __complete addresses`: the manifests' action addresses, one a line,
// for the completion scripts. Quiet: a project with problems completes what it
// has, and no project completes nothing.
int run_internal_complete(const CommonOptions& options, Session& session) {
    if (options.operands.size() != 1 || options.operands[0] != "addresses") {
        return k_exit_error;
    }
    const LoadResult loaded = load_project(options.chdir);
    for (const auto& action : loaded.project.actions) {
        session.context().console.out << action.address() << "\n";
    }
    return k_exit_ok;
}

// `dactl __manpage`: dactl(1), which the build installs.
int run_manpage(const CommonOptions& /*options*/, Session& session) {
    session.context().console.out << man_page();
    return k_exit_ok;
}

}  // namespace

Command completion_command() {
    return make_command<CommonOptions>(
        {"completion",
         "print a shell completion script",
         "dactl completion bash|zsh",
         "Prints the completion script for bash or zsh: commands, options, option values\n"
         "and the action addresses of the manifests. The package installs both; by hand:\n"
         "  source <(dactl completion bash)",
         1,
         Operands::choice,
         {"bash", "zsh"}},
        OptionTable<CommonOptions>(), run_completion);
}

Command internal_complete_command() {
    return make_command<CommonOptions>(
        {"__complete", "", "dactl __complete addresses", "", 1, Operands::none, {}, true},
        OptionTable<CommonOptions>(), run_internal_complete);
}

Command manpage_command() {
    return make_command<CommonOptions>(
        {"__manpage", "", "dactl __manpage", "", 0, Operands::none, {}, true},
        OptionTable<CommonOptions>(), run_manpage);
}

}  // namespace dactl::cli
