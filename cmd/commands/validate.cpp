#include "cmd/cli.h"
#include "cmd/commands/command.h"

namespace dactl::cli {

int run_validate(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "validate");
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    const std::size_t actions = project->actions.size();
    const std::size_t files = project->files.size();
    session.out() << "Valid: " << actions << (actions == 1 ? " action" : " actions") << " in "
                  << files << (files == 1 ? " file" : " files") << ".\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
