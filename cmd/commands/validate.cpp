// dactl validate: the manifests checked offline.

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/views/validate_view.h"

namespace dactl::cli {

namespace {

int run_validate(const CommonOptions& /*options*/, Session& session) {
    Diagnostics diagnostics;
    std::optional<Project> project = session.load_every_environment(&diagnostics);
    if (!project) {
        return session.failed();
    }
    ValidationReport report{project->actions.size(), project->rules.size(), project->files.size(),
                            diagnostics, project->settings.environment_names()};
    // Every environment's manifests were checked, unless one was chosen.
    if (!project->environment.empty()) {
        report.environments = {project->environment};
    }
    session.present(validate_view(report));
    return k_exit_ok;
}

}  // namespace

Command validate_command() {
    OptionTable<CommonOptions> table;
    offer_format(table);
    return make_command<CommonOptions>(
        {"validate", "check the manifests offline", "dactl validate [options]",
         "Reads every *.toml file of the project and reports every problem, each with its\n"
         "file, line and column. Sends nothing to the org. With --format json the\n"
         "diagnostics are a JSON document (path, line, column, severity, message);\n"
         "markdown prints the text."},
        table, run_validate);
}

}  // namespace dactl::cli
