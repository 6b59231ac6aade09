#include <ostream>

#include "cmd/cli.h"
#include "cmd/commands/command.h"

namespace dactl::cli {

int run_validate(const Arguments& arguments, Context& context) {
    std::optional<Project> project = load_project_or_report(arguments, context);
    if (!project) {
        return k_exit_error;
    }
    const std::size_t actions = project->actions.size();
    const std::size_t files = project->files.size();
    context.console.out << "Valid: " << actions << (actions == 1 ? " action" : " actions") << " in "
                        << files << (files == 1 ? " file" : " files") << ".\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
