#include "cmd/commands/command.h"

namespace dactl::cli {

int run_validate(const Arguments& arguments, Context& context);
int run_plan(const Arguments& arguments, Context& context);
int run_apply(const Arguments& arguments, Context& context);
int run_version(const Arguments& arguments, Context& context);

namespace {

OptionSpec parallelism_spec() {
    return {"parallelism", "", "N", "API requests in flight at once, 1-50 (default 10)"};
}

}  // namespace

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        {"validate", "check the manifests offline", "dactl validate [options]",
         "Reads every *.toml file of the project and reports every problem, each with its\n"
         "file, line and column. Sends nothing to the org.",
         {},
         run_validate},
        {"plan", "show what apply would change", "dactl plan [options]",
         "Reads the live actions and shows, field by field, what apply would change.\n"
         "Fields the manifests do not mention are never compared or shown.",
         {{"detailed-exitcode", "", "", "exit 2 when there are changes (0: none, 1: error)"},
          parallelism_spec()},
         run_plan},
        {"apply", "change the org to match the manifests", "dactl apply [options]",
         "Plans afresh, shows the plan and asks for 'yes' (or takes --auto-approve), then\n"
         "PATCHes each changed action with its current version and re-reads it until the\n"
         "change shows. Records the result in .dactl/state.json.",
         {{"auto-approve", "", "", "apply without asking (needed when stdin is not a terminal)"},
          parallelism_spec()},
         run_apply},
        {"version", "print dactl's version", "dactl version", "Prints the version.", {},
         run_version},
    };
    return commands;
}

}  // namespace dactl::cli
