#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "engine/render/output_codec.h"
#include "engine/text/word_list.h"

namespace dactl::cli {

int run_validate(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "validate");
    if (!session.check_options()) {
        return k_exit_error;
    }
    Diagnostics diagnostics;
    std::optional<Project> project = session.load_project(&diagnostics, true);
    if (!project) {
        return k_exit_error;
    }
    // Every environment's manifests were checked, unless one was chosen.
    std::vector<std::string> environments = project->settings.environment_names();
    if (!project->environment.empty()) {
        environments = {project->environment};
    }
    const std::size_t actions = project->actions.size();
    const std::size_t files = project->files.size();
    if (session.format() == OutputFormat::json) {
        session.out() << encode_validate_output(actions, files, diagnostics, environments);
        return k_exit_ok;
    }
    const std::size_t rules = project->rules.size();
    session.out() << "Valid: " << actions << (actions == 1 ? " action" : " actions");
    if (rules > 0) {
        session.out() << " and " << rules << (rules == 1 ? " rule" : " rules");
    }
    session.out() << " in " << files << (files == 1 ? " file" : " files");
    if (!environments.empty()) {
        session.out() << ", for " << (environments.size() == 1 ? "environment " : "environments ")
                      << word_list(environments);
    }
    session.out() << ".\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
