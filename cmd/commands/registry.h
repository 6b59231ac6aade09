#pragma once
// Each command's Command, made in its own file (options, text, run function);
// all_commands() lists them in the order `dactl --help` shows.

#include "cmd/commands/command.h"

namespace dactl::cli {

Command validate_command();
Command plan_command();
Command apply_command();
Command drift_command();
Command diff_env_command();
Command export_command();
Command import_command();
Command insights_command();
Command probe_command();
Command show_command();
Command state_command();
Command force_unlock_command();
Command version_command();
Command completion_command();
Command internal_complete_command();
Command manpage_command();

}  // namespace dactl::cli
