#pragma once
// Command: one `dactl <name>` subcommand; Session: the steps commands share
// (loading the project, connecting, reporting errors in the chosen format).

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cmd/args.h"
#include "cmd/context.h"
#include "cmd/views/view.h"
#include "engine/diagnostics/diagnostic.h"
#include "engine/gather/gather.h"
#include "engine/model/project.h"

namespace dactl::cli {

/// What a command's positional arguments are, for completion.
enum class Operands { none, file, addresses, choice };

struct Command {
    std::string name;
    std::string summary;              ///< one line for `dactl --help`
    std::string usage;                ///< "dactl plan [options]"
    std::string description;          ///< a paragraph for `dactl <name> --help`
    std::vector<OptionSpec> options;  ///< the command's own, besides the global ones
    std::size_t max_positionals = 0;  ///< arguments besides options it takes
    int (*run)(const Arguments& arguments, Context& context) = nullptr;
    Operands operands = Operands::none;
    std::vector<std::string> operand_choices = {};  ///< for Operands::choice
    /// Internal (`__complete`, `__manpage`): in no help, man page or completion.
    bool hidden = false;
};

/// Every command, in the order `dactl --help` lists them.
const std::vector<Command>& all_commands();

/// The options every command takes: -C/--chdir, --no-color, --verbose, --help.
const std::vector<OptionSpec>& global_options();

/// One run of one command.
class Session {
public:
    Session(const Arguments& arguments, Context& context, std::string command);

    /// Checks the options every command shares (--format, --parallelism); on a
    /// bad value reports it and answers false.
    bool check_options();

    OutputFormat format() const { return m_format; }
    int parallelism() const { return m_parallelism; }
    /// How gather_org is to read the org for this run (--parallelism).
    GatherOptions gather_options() const;
    const Arguments& arguments() const { return m_arguments; }
    Context& context() { return m_context; }
    std::ostream& out() { return m_context.console.out; }
    std::ostream& err() { return m_context.console.err; }
    Palette palette() const;
    /// Where this run's view writes: standard output and error, its palette.
    ViewTarget view_target();

    /// Prints "Error: <message>" to standard error, then what the format's
    /// ErrorView shows (with --format json, the error document with the
    /// diagnostics on standard output). Answers k_exit_error, or
    /// k_exit_interrupted once the run was interrupted.
    int fail(const std::string& message, const Diagnostics& diagnostics = {});
    /// fail() for an error reading the org: its description, or "interrupted
    /// while reading the org; nothing was changed" when the interrupt cut it.
    int fail_reading(const Error& error);
    /// Whether Ctrl-C (or the like) has interrupted the run.
    bool interrupted() const;
    /// Prints diagnostics to standard error, and as workflow annotations when
    /// running in GitHub Actions.
    void show(const Diagnostics& diagnostics);

    /// Loads the project from -C DIR (default "."), showing every diagnostic,
    /// for the environment --env (or DACTL_ENV) names (environment_choice).
    /// Nothing (after fail()) when any is an error or the choice is not valid.
    /// `shown`, when given, receives the diagnostics (warnings of a valid project).
    /// With `every_environment` and none chosen, every declared environment's
    /// manifests are checked (load_every_environment) and the project is the
    /// base's.
    std::optional<Project> load_project(Diagnostics* shown = nullptr,
                                        bool every_environment = false);
    /// The environment this run works on: --env, else DACTL_ENV, checked
    /// against those `settings` declare; "" for a project that declares none
    /// (DACTL_ENV is then ignored, --env refused). Nothing after fail(): none
    /// chosen where some are declared (listing them), or an unknown name (with
    /// a suggestion).
    std::optional<std::string> environment_choice(const Settings& settings,
                                                  bool none_is_every = false);
    /// load_project for the environment `name` (an operand, not --env), which
    /// dactl.toml must declare; nothing after fail().
    std::optional<Project> load_project_for(const std::string& name);
    /// The project's settings only (the manifests may have problems or be
    /// missing), with the chosen environment set; nothing after fail().
    std::optional<Project> load_settings();
    /// Where `project`'s chosen environment keeps its state, lock and key.
    static std::filesystem::path state_home(const Project& project);
    /// Makes the provider, or fails and answers null.
    std::unique_ptr<Provider> connect(const Project& project);

private:
    /// `named`: `wanted` is an operand (check_declared), not --env or DACTL_ENV.
    std::optional<Project> load(const std::string& wanted, bool every_environment,
                                Diagnostics* shown, bool named = false);
    /// Fails unless `settings` declare `name` ("<given_as><name>: no such
    /// environment in dactl.toml; did you mean ...?").
    bool check_declared(const Settings& settings, const std::string& name,
                        const std::string& given_as);

    const Arguments& m_arguments;
    Context& m_context;
    std::string m_command;
    OutputFormat m_format = OutputFormat::text;
    int m_parallelism = 10;
    bool m_failure_summarized = false;  ///< fail() wrote the job summary once
};

/// Prints "Error: <message>" to standard error and answers k_exit_error.
int report_error(Context& context, const std::string& message);

}  // namespace dactl::cli
