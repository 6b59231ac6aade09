#include "cmd/commands/command.h"

namespace dactl::cli {

int run_validate(const Arguments& arguments, Context& context);
int run_plan(const Arguments& arguments, Context& context);
int run_apply(const Arguments& arguments, Context& context);
int run_drift(const Arguments& arguments, Context& context);
int run_diff_env(const Arguments& arguments, Context& context);
int run_export(const Arguments& arguments, Context& context);
int run_show(const Arguments& arguments, Context& context);
int run_state(const Arguments& arguments, Context& context);
int run_import(const Arguments& arguments, Context& context);
int run_force_unlock(const Arguments& arguments, Context& context);
int run_version(const Arguments& arguments, Context& context);
int run_probe_command(const Arguments& arguments, Context& context);
int run_insights_command(const Arguments& arguments, Context& context);
int run_completion(const Arguments& arguments, Context& context);
int run_internal_complete(const Arguments& arguments, Context& context);
int run_manpage(const Arguments& arguments, Context& context);

namespace {

// Options several commands share (functions: a static std::string could throw
// before main).
OptionSpec parallelism_option() {
    return {"parallelism", "", "N", "API requests in flight at once, 1-50 (default 10)"};
}
OptionSpec format_option() {
    return {"format",
            "",
            "FORMAT",
            "text (default), json (docs/json-output.md) or markdown",
            {"text", "json", "markdown"}};
}
OptionSpec min_timeout_option() {
    return {"min-timeout", "", "SECONDS",
            "never recommend less than this, 1-60 (default 3, the old service default)"};
}
OptionSpec target_option() {
    return {"target", "", "ADDRESS",
            "only this action (repeatable; action.label or label, globs like action.order_*)"};
}
OptionSpec github_summary_option() {
    return {"github-summary", "", "", "also append the Markdown view to $GITHUB_STEP_SUMMARY"};
}

}  // namespace

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        {"validate",
         "check the manifests offline",
         "dactl validate [options]",
         "Reads every *.toml file of the project and reports every problem, each with its\n"
         "file, line and column. Sends nothing to the org. With --format json the\n"
         "diagnostics are a JSON document (path, line, column, severity, message);\n"
         "markdown prints the text.",
         {format_option()},
         0,
         run_validate},
        {"plan",
         "show what apply would change",
         "dactl plan [options]",
         "Reads the live actions and shows, field by field, what apply would change.\n"
         "Fields the manifests do not mention are never compared or shown.",
         {{"detailed-exitcode", "", "", "exit 2 when there are changes (0: none, 1: error)"},
          target_option(),
          {"out", "", "FILE", "also save the plan, for `dactl apply FILE` (mode 0600, no secrets)"},
          format_option(),
          github_summary_option(),
          parallelism_option()},
         0,
         run_plan},
        {"apply",
         "change the org to match the manifests",
         "dactl apply [options] [PLAN_FILE]",
         "Plans afresh, shows the plan and asks for 'yes' on standard input (a terminal, or\n"
         "piped: echo yes | dactl apply; --auto-approve: no question), then PATCHes each\n"
         "changed action with its current version and re-reads it until the change shows.\n"
         "Records the result in .dactl/state.json. With standard input closed and no\n"
         "--auto-approve it refuses before sending anything.\n"
         "With PLAN_FILE (from plan --out) it applies exactly that plan without asking, and\n"
         "refuses it whole when the manifests or any planned action changed since.",
         {{"auto-approve", "", "", "apply without asking for 'yes' on standard input"},
          target_option(),
          {"lock-timeout", "", "DURATION",
           "wait this long for another apply's lock (e.g. 30s; default: fail at once)"},
          format_option(),
          github_summary_option(),
          parallelism_option()},
         1,
         run_apply,
         Operands::file},
        {"drift",
         "report what changed outside dactl",
         "dactl drift [options]",
         "Compares, per managed field, the manifest, the value last applied (from\n"
         ".dactl/state.json) and the live org, and names who changed an action outside\n"
         "dactl from the org's audit trail. Exits 2 when something changed in the org\n"
         "outside dactl (or an action vanished), 0 when all that differs is merged but not\n"
         "yet applied (--include-pending: 2 for that too).",
         {{"no-audit", "", "", "do not read the audit trail (who changed what)"},
          target_option(),
          {"include-pending", "", "", "exit 2 also for changes merged but not yet applied"},
          format_option(),
          github_summary_option(),
          parallelism_option()},
         0,
         run_drift},
        {"diff-env",
         "compare two environments' live actions",
         "dactl diff-env [options] ENV_A ENV_B",
         "Reads both orgs (one plan's reads each) and shows, per managed action, the\n"
         "managed fields whose live values differ: the intended differences (the\n"
         "manifests declare them, with [action.<label>.env.<name>] overrides) apart\n"
         "from the unintended ones. Exits 2 when there are unintended differences or\n"
         "an action is missing in one org. Changes nothing.",
         {format_option(), github_summary_option(), parallelism_option()},
         2,
         run_diff_env},
        {"export",
         "write manifests for live actions",
         "dactl export --out DIR [options]",
         "Writes manifests selecting live actions by id, one file per category, so a team\n"
         "can adopt dactl on an existing org. Built-in and custom authentication actions\n"
         "are skipped with a note.",
         {{"out", "", "DIR", "the directory to write to (existing files are never overwritten)"},
          target_option(),
          {"name", "", "REGEX", "only actions whose name matches"},
          {"category", "", "NAME", "only actions of this category"},
          {"fields",
           "",
           "WHICH",
           "timeout (default: id and timeout_seconds) or all",
           {"timeout", "all"}},
          parallelism_option()},
         0,
         run_export},
        {"import",
         "adopt one live action: a manifest entry and a state record",
         "dactl import [options] ADDRESS ID",
         "Reads the live action ID and adds [action.<label>] for it (ADDRESS is\n"
         "action.<label>), selecting it by id with its current values, to the file\n"
         "export would put it in (its category's) or --into FILE, then records it in the\n"
         "state, so that plan shows nothing to change and drift covers it. Changes nothing\n"
         "in the org.",
         {{"fields",
           "",
           "WHICH",
           "timeout (default: id and timeout_seconds) or all",
           {"timeout", "all"}},
          {"into", "", "FILE", "the manifest to add it to (relative to the project)"},
          {"lock-timeout", "", "DURATION",
           "wait this long for another run's lock (default: fail at once)"},
          parallelism_option()},
         2,
         run_import},
        {"insights",
         "find the actions that time out, from the org's analytics",
         "dactl insights [options] [ADDRESS...]",
         "Reads the org's execution statistics (no back-end is called) and reports per\n"
         "action its executions, failures by error type, timeouts, p95, p99 and max, and a\n"
         "verdict: timing out, at risk (p99 at or above 80% of the timeout), ok or no\n"
         "traffic, with a recommended timeout: p99 x headroom, rounded up, within 3-60 s.\n"
         "--since-apply compares the window before the last apply with the one since.",
         {{"since", "", "DURATION", "the window up to now: 1h to 90d (default 7d)"},
          target_option(),
          {"interval", "", "START/END", "the window as ISO-8601 dates or instants"},
          {"all", "", "", "every action of the org, not only the managed ones"},
          {"headroom", "", "X", "the factor over the p99 (default 1.5)"},
          min_timeout_option(),
          {"write", "", "", "set timeout_seconds in the manifests to the recommendations"},
          {"adopt-into", "", "FILE",
           "with --all --write: add the unmanaged actions timing out or at risk to FILE"},
          {"since-apply", "", "", "did the last apply stop the timeouts? before against since"},
          {"html", "", "FILE", "also write a self-contained HTML report with charts"},
          {"detailed-exitcode", "", "", "exit 2 when an action is timing out or at risk"},
          format_option(),
          github_summary_option(),
          parallelism_option()},
         1000,
         run_insights_command,
         Operands::addresses},
        {"probe",
         "measure latency and recommend timeouts",
         "dactl probe [options] [ADDRESS...]",
         "Runs each selected action's test endpoint --samples times (the input is its\n"
         "[action.x.probe] input) and reports p50, p90, p99 and max latency with a\n"
         "recommended timeout: p99 x headroom, rounded up, within 3-60 s. The test endpoint\n"
         "calls the real back-end: actions whose request type is not GET need --allow-writes.",
         {{"samples", "", "N", "test runs per action (default 20)"},
          {"concurrency", "", "C", "test runs in flight at once (default 2)"},
          {"headroom", "", "X", "the factor over the p99 (default 1.5)"},
          min_timeout_option(),
          {"allow-writes", "", "", "also probe actions whose request type is not GET"},
          {"via-draft", "", "",
           "measure on a draft with a 60 s timeout (never if one exists), "
           "then delete it"},
          {"write", "", "", "set timeout_seconds in the manifests to the recommendations"},
          {"html", "", "FILE", "also write a self-contained HTML report with charts"},
          format_option()},
         1000,
         run_probe_command,
         Operands::addresses},
        {"show",
         "render a saved plan without contacting the org",
         "dactl show [options] PLAN_FILE",
         "Prints the plan saved by plan --out, and when, by which dactl and against which\n"
         "org it was made: exactly what `dactl apply PLAN_FILE` would apply. Reads only\n"
         "the file.",
         {format_option()},
         1,
         run_show,
         Operands::file},
        {"state",
         "list, show, rename or forget what the state records",
         "dactl state list | show ADDRESS | mv OLD NEW | rm ADDRESS...",
         "Reads or edits .dactl/state.json, never the org.\n"
         "  list          every action the state records: address, id, version, when applied\n"
         "  show ADDRESS  one of them: its managed values as applied (secrets masked)\n"
         "  mv OLD NEW    record OLD under the address NEW (after renaming its label in the\n"
         "                manifests), keeping its history\n"
         "  rm ADDRESS... forget actions without touching the org\n"
         "mv and rm take the project's lock and write the state atomically, as apply does.",
         {{"lock-timeout", "", "DURATION",
           "mv, rm: wait this long for another run's lock (default: fail at once)"},
          {"format", "", "FORMAT", "list, show: text (default) or json", {"text", "json"}}},
         1000,
         run_state,
         Operands::choice,
         {"list", "show", "mv", "rm"}},
        {"force-unlock",
         "remove a lock left by a crashed apply",
         "dactl force-unlock ID",
         "Removes .dactl/lock if its id is ID (printed by the apply that is blocked).",
         {},
         1,
         run_force_unlock},
        {"version",
         "print dactl's version",
         "dactl version",
         "Prints the version and the git commit dactl was built from (also: dactl --version).",
         {},
         0,
         run_version},
        {"completion",
         "print a shell completion script",
         "dactl completion bash|zsh",
         "Prints the completion script for bash or zsh: commands, options, option values\n"
         "and the action addresses of the manifests. The package installs both; by hand:\n"
         "  source <(dactl completion bash)",
         {},
         1,
         run_completion,
         Operands::choice,
         {"bash", "zsh"}},
        {"__complete",
         "",
         "dactl __complete addresses",
         "",
         {},
         1,
         run_internal_complete,
         Operands::none,
         {},
         true},
        {"__manpage", "", "dactl __manpage", "", {}, 0, run_manpage, Operands::none, {}, true},
    };
    return commands;
}

}  // namespace dactl::cli
