#pragma once
// Session: one run of one command. It holds the run's typed common options,
// chose the run's outputs once (cmd/views/outputs.h), and offers the steps
// every command shares: loading the project for the chosen environment,
// connecting, showing diagnostics, failing in the chosen format.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cmd/context.h"
#include "cmd/option_table.h"
#include "cmd/views/outputs.h"
#include "engine/diagnostics/diagnostic.h"
#include "engine/model/project.h"
#include "engine/provider/provider.h"
#include "engine/state/state_backend.h"

namespace dactl::cli {

/// Exit codes, as documented in `dactl --help`.
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_error = 1,
    k_exit_changes = 2,  ///< plan --detailed-exitcode found changes; drift found drift
    k_exit_interrupted = 130,
};

class Session {
public:
    Session(const CommonOptions& options, Context& context, std::string command);

    /// Opens the outputs the options ask for (--github-summary needs
    /// GITHUB_STEP_SUMMARY). False after fail().
    bool open();
    /// Writes the file outputs (the job summary, an HTML report) and answers
    /// the run's exit code: `code`, or k_exit_error when a file could not be
    /// written (after saying so).
    int finish(int code);

    const CommonOptions& options() const { return m_options; }
    Context& context() { return m_context; }
    const std::string& command() const { return m_command; }

    /// Shows a result in every output.
    void present(const View& view) { m_outputs.present(view); }
    /// Tells the user something on standard error.
    void tell(const View& view) { m_outputs.tell(view); }
    /// Tells one line ("note: ..." and the like, newline added).
    void tell(const std::string& line) { m_outputs.tell(text_view(line + "\n")); }
    /// Where a question to the user goes (not where the result document goes).
    std::ostream& prompt() { return m_outputs.prompt(); }
    /// Asks "\n<question> Only 'yes' will be accepted: " and answers whether the
    /// answer was yes (and the run not interrupted); says `cancelled` if not.
    bool confirm(const std::string& question, const std::string& cancelled);
    /// Standard error, for progress drawn over itself; whether it is a terminal.
    std::ostream& progress() { return m_outputs.progress(); }
    bool progress_is_terminal() const { return m_context.console.err_is_tty; }

    /// Prints "Error: <message>" to standard error, then presents the failure
    /// (with --format json, the error document with the diagnostics on
    /// standard output; the job summary says why the job failed). Answers
    /// k_exit_error, or k_exit_interrupted once the run was interrupted.
    int fail(const std::string& message, const Diagnostics& diagnostics = {});
    /// fail() for an error reading the org: its description, or "interrupted
    /// while reading the org; nothing was changed" when the interrupt cut it.
    int fail_reading(const Error& error);
    /// k_exit_interrupted once the run was interrupted, else k_exit_error: the
    /// code of a step that failed (and said so) already.
    int failed() const;
    /// Whether Ctrl-C (or the like) has interrupted the run.
    bool interrupted() const;
    /// Prints diagnostics to standard error, and as workflow annotations when
    /// running in GitHub Actions.
    void show(const Diagnostics& diagnostics);

    /// Loads the project from -C DIR, showing every diagnostic, for the
    /// environment --env (or DACTL_ENV) names, its targets --target's (the
    /// resolution narrows to them). Nothing
    /// (after fail()) when any diagnostic is an error or the choice is not
    /// valid. `shown`, when given, receives the diagnostics.
    std::optional<Project> load_project(Diagnostics* shown = nullptr);
    /// load_project, but with no environment chosen every declared
    /// environment's manifests are checked and the project is the base's (validate).
    std::optional<Project> load_every_environment(Diagnostics* shown);
    /// load_project for the environment `name` (an operand, not --env), which
    /// dactl.toml must declare; nothing after fail().
    std::optional<Project> load_project_for(const std::string& name);
    /// load_project for the environment a file records (a saved plan's) when
    /// neither --env nor DACTL_ENV names another: those choose when they do
    /// (and the caller refuses the file). Nothing after fail().
    std::optional<Project> load_project_recorded(const std::string& environment);
    /// The project's settings only (the manifests may have problems or be
    /// missing), with the chosen environment set; nothing after fail().
    std::optional<Project> load_settings();
    /// Checks `project`'s targets before anything is read (see targets_named).
    bool check_targets(const Project& project) { return targets_named(project); }
    /// Makes the provider, or fails and answers null.
    std::unique_ptr<Provider> connect(const Project& project);
    /// The run's state backends, one per environment, made once each by
    /// cmd/steps/state_step.h (a database connection lives as long as the run).
    std::map<std::string, std::unique_ptr<StateBackend>>& state_backends() {
        return m_state_backends;
    }

private:
    std::optional<Project> load(const std::string& wanted, bool every_environment,
                                Diagnostics* shown, bool named);
    std::optional<std::string> environment_choice(const Settings& settings, bool none_is_every);
    /// Whether the project's targets name its actions, as far as the
    /// manifests tell (check_targets_offline); else fail().
    bool targets_named(const Project& project);
    bool check_declared(const Settings& settings, const std::string& name,
                        const std::string& given_as);
    bool check_directory();

    const CommonOptions& m_options;
    Context& m_context;
    std::string m_command;
    std::string m_environment;  ///< of the project loaded, for the failure view
    Outputs m_outputs;
    std::map<std::string, std::unique_ptr<StateBackend>> m_state_backends;
};

/// Prints "Error: <message>" to standard error and answers k_exit_error.
int report_error(Context& context, const std::string& message);

}  // namespace dactl::cli
