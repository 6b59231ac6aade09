#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "engine/render/output_codec.h"

namespace dactl::cli {

int run_validate(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "validate");
    if (!session.check_options()) {
        return k_exit_error;
    }
    Diagnostics diagnostics;
    std::optional<Project> project = session.load_project(&diagnostics);
    if (!project) {
        return k_exit_error;
    }
    const std::size_t actions = project->actions.size();
    const std::size_t files = project->files.size();
    if (session.format() == OutputFormat::json) {
        session.out() << encode_validate_output(actions, files, diagnostics);
        return k_exit_ok;
    }
    const std::size_t rules = project->rules.size();
    session.out() << "Valid: " << actions << (actions == 1 ? " action" : " actions");
    if (rules > 0) {
        session.out() << " and " << rules << (rules == 1 ? " rule" : " rules");
    }
    session.out() << " in " << files << (files == 1 ? " file" : " files") << ".\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
