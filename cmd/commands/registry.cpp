#include "cmd/commands/registry.h"

namespace dactl::cli {

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        validate_command(), plan_command(),       apply_command(),
        drift_command(),    diff_env_command(),   export_command(),
        import_command(),   insights_command(),   probe_command(),
        show_command(),     state_command(),      force_unlock_command(),
        version_command(),  completion_command(), internal_complete_command(),
        manpage_command(),
    };
    return commands;
}

const std::vector<OptionSpec>& global_options() {
    static const std::vector<OptionSpec> options = global_table<CommonOptions>().specs();
    return options;
}

}  // namespace dactl::cli
