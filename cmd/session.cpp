#include "cmd/session.h"

#include <istream>
#include <ostream>

#include "cmd/connect.h"
#include "cmd/github.h"
#include "cmd/views/failure_view.h"
#include "engine/gather/target.h"
#include "engine/manifest/loader.h"
#include "engine/resolve/resolve.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/text/suggest.h"
#include "engine/text/word_list.h"
#include "engine/util/escape.h"
#include "engine/util/interrupt.h"
#include "engine/util/time_text.h"
#include "engine/util/utf8.h"

namespace dactl::cli {

int report_error(Context& context, const std::string& message) {
    context.console.err << "Error: " << message << "\n";
    return k_exit_error;
}

Session::Session(const CommonOptions& options, Context& context, std::string command)
    : m_options(options),
      m_context(context),
      m_command(std::move(command)),
      m_outputs(context.console.out, context.console.err, options.format,
                Style{output_palette(context, options.no_color), utc_timestamp(context.now())}) {}

bool Session::open() {
    if (m_options.github_summary) {
        std::optional<std::string> path = m_context.environment("GITHUB_STEP_SUMMARY");
        if (!path || path->empty()) {
            fail("--github-summary needs GITHUB_STEP_SUMMARY (set by GitHub Actions)");
            return false;
        }
        m_outputs.add_file(OutputFormat::markdown, *path, FileWrite::append);
    }
    if (m_options.html) {
        m_outputs.add_file(OutputFormat::html, *m_options.html, FileWrite::replace);
    }
    return true;
}

int Session::finish(int code) {
    if (Status written = m_outputs.finish(m_context.redactor.get()); !written) {
        report_error(m_context, written.error().message);
        return code == k_exit_interrupted ? code : k_exit_error;
    }
    return code;
}

int Session::fail(const std::string& message, const Diagnostics& diagnostics) {
    report_error(m_context, message);
    present(failure_view(Failure{m_command, m_environment, message, diagnostics}));
    return failed();
}

int Session::fail_reading(const Error& error) {
    if (error.kind == ErrorKind::cancelled) {
        return fail("interrupted while reading the org; nothing was changed");
    }
    return fail(error.describe());
}

bool Session::confirm(const std::string& question, const std::string& cancelled) {
    Console& console = m_context.console;
    std::ostream& ask = prompt();
    ask << "\n" << question << " Only 'yes' will be accepted: " << std::flush;
    std::string answer;
    std::getline(console.in, answer);
    if (!console.in_is_tty) {
        ask << "\n";  // the answer was not echoed: end the question's line
    }
    // A terminal in raw mode or a Windows one ends the line with CR LF.
    while (!answer.empty() && (answer.back() == '\r' || answer.back() == ' ')) {
        answer.pop_back();
    }
    if (answer != "yes" || interrupted()) {
        ask << cancelled << "\n";
        return false;
    }
    ask << "\n";
    return true;
}

int Session::failed() const {
    return interrupted() ? k_exit_interrupted : k_exit_error;
}

bool Session::interrupted() const {
    return is_interrupted(m_context.interrupted);
}

void Session::show(const Diagnostics& diagnostics) {
    std::string text = diagnostics.format();
    if (in_github_actions(m_context.environment)) {
        for (const auto& diagnostic : diagnostics.items()) {
            text += github_annotation(diagnostic, m_options.chdir, m_context.environment) + "\n";
        }
    }
    tell(text_view(text));
}

std::optional<std::string> Session::environment_choice(const Settings& settings,
                                                       bool none_is_every) {
    const std::optional<std::string>& flag = m_options.env;
    const std::vector<std::string> names = settings.environment_names();
    if (names.empty()) {
        if (flag) {
            fail("--env " + *flag + ": this project declares no environments (declare [env." +
                 *flag + "] in dactl.toml, or leave --env out)");
            return std::nullopt;
        }
        return std::string();
    }
    std::optional<std::string> name = flag;
    std::string given_as = "--env ";
    if (!name || name->empty()) {
        name = m_context.environment("DACTL_ENV");
        given_as = "DACTL_ENV=";
    }
    if ((!name || name->empty()) && none_is_every) {
        return std::string();
    }
    if (!name || name->empty()) {
        fail("this project declares the environments " + word_list(names) +
             "; choose one with --env NAME (or DACTL_ENV)");
        return std::nullopt;
    }
    if (!check_declared(settings, *name, given_as)) {
        return std::nullopt;
    }
    return name;
}

bool Session::check_declared(const Settings& settings, const std::string& name,
                             const std::string& given_as) {
    if (settings.environment(name) != nullptr) {
        return true;
    }
    const std::vector<std::string> names = settings.environment_names();
    std::string message = given_as + printable(name) + ": no such environment in dactl.toml";
    if (names.empty()) {
        message += " (it declares none; add [env." + printable(name) + "] there)";
    } else {
        message += suggestion(name, names, "the environments are");
    }
    fail(message);
    return false;
}

std::optional<Project> Session::load_project_for(const std::string& name) {
    if (m_options.env) {
        fail("--env does not apply here: name the environments as operands");
        return std::nullopt;
    }
    return load(name, false, nullptr, true);
}

std::optional<Project> Session::load_project_recorded(const std::string& environment) {
    const std::optional<std::string> chosen =
        m_options.env ? m_options.env : m_context.environment("DACTL_ENV");
    if (environment.empty() || (chosen && !chosen->empty() && *chosen != environment)) {
        return load_project();  // the project's own choice, refused later if it differs
    }
    std::optional<Project> project = load(environment, false, nullptr, true);
    if (project) {
        project->targets = effective_targets(m_options.targets);
    }
    return project;
}

std::optional<Project> Session::load_settings() {
    LoadResult loaded = dactl::load_project(m_options.chdir);
    // The manifests may be wrong or missing here; dactl.toml may not: a
    // [state] that cannot be read must not quietly mean the local state.
    Diagnostics settings = loaded.diagnostics;
    settings.keep_only([](const Diagnostic& d) {
        return d.severity == Severity::error && d.where.path == "dactl.toml";
    });
    if (settings.has_errors()) {
        show(settings);
        fail("dactl.toml has errors; nothing was read or changed");
        return std::nullopt;
    }
    Project project = std::move(loaded.project);
    std::optional<std::string> chosen = environment_choice(project.settings, false);
    if (!chosen) {
        return std::nullopt;
    }
    project.environment = *chosen;
    m_environment = *chosen;
    return project;
}

std::optional<Project> Session::load_project(Diagnostics* shown) {
    std::optional<Project> project =
        load(m_options.env.value_or(m_context.environment("DACTL_ENV").value_or("")), false, shown,
             false);
    if (project) {
        project->targets = effective_targets(m_options.targets);
    }
    return project && targets_named(*project) ? project : std::nullopt;
}

bool Session::targets_named(const Project& project) {
    if (Status named = check_targets_offline(project); !named) {
        fail(named.error().message);
        return false;
    }
    return true;
}

std::optional<Project> Session::load_every_environment(Diagnostics* shown) {
    return load(m_options.env.value_or(m_context.environment("DACTL_ENV").value_or("")), true,
                shown, false);
}

namespace {

// A state written before the project declared environments: no command reads
// it once they are declared, so say where it is and how to move it.
std::optional<Diagnostic> stranded_state(const Project& project) {
    if (project.environment.empty() || project.settings.environments.empty()) {
        return std::nullopt;
    }
    const std::filesystem::path root = state_path(state_directory(project.directory, ""));
    std::error_code ec;
    if (!std::filesystem::exists(root, ec)) {
        return std::nullopt;
    }
    const std::string own = ".dactl/env/" + project.environment + "/state.json";
    const bool has_own = std::filesystem::exists(project.directory / own, ec);
    std::string message =
        "written before the project declared environments, this state is read by no command now";
    if (has_own) {
        message += "; environment " + project.environment + " keeps its own in " + own +
                   ", so remove this one once no environment needs it";
    } else {
        message += "; if it records environment " + project.environment +
                   "'s org, move it there before applying: mkdir -p .dactl/env/" +
                   project.environment + " && git mv .dactl/state.json " + own;
    }
    return Diagnostic{
        Severity::warning, SourcePosition{".dactl/state.json", 0, 0}, message, {}, {}};
}

}  // namespace

bool Session::check_directory() {
    const std::string& directory = m_options.chdir;
    std::error_code ec;
    const auto status = std::filesystem::status(directory, ec);
    if (std::filesystem::is_directory(status)) {
        return true;
    }
    std::string why = " is not a directory";
    if (status.type() == std::filesystem::file_type::not_found) {
        why = " does not exist";
    } else if (ec) {
        why = " cannot be read: " + ec.message();
    }
    fail("project directory " + printable(directory) + why);
    return false;
}

std::optional<Project> Session::load(const std::string& wanted, bool every_environment,
                                     Diagnostics* shown, bool named) {
    if (!check_directory()) {
        return std::nullopt;
    }
    LoadResult loaded = every_environment && wanted.empty()
                            ? dactl::load_every_environment(m_options.chdir)
                            : dactl::load_project(m_options.chdir, wanted);
    if (named ? !check_declared(loaded.project.settings, wanted, "")
              : !environment_choice(loaded.project.settings, every_environment)) {
        return std::nullopt;
    }
    m_environment = loaded.project.environment;
    const Diagnostics endpoints = check_endpoint_settings(loaded.project.settings);
    for (const Diagnostic& diagnostic : endpoints.items()) {
        loaded.diagnostics.add(diagnostic);
    }
    if (std::optional<Diagnostic> stranded = stranded_state(loaded.project)) {
        loaded.diagnostics.add(std::move(*stranded));
    }
    show(loaded.diagnostics);
    if (shown != nullptr) {
        *shown = loaded.diagnostics;
    }
    if (loaded.diagnostics.has_errors()) {
        const std::size_t errors = loaded.diagnostics.error_count();
        fail(std::to_string(errors) + (errors == 1 ? " problem" : " problems") +
                 " in the manifests; nothing was sent to the org",
             loaded.diagnostics);
        return std::nullopt;
    }
    return std::move(loaded.project);
}

std::unique_ptr<Provider> Session::connect(const Project& project) {
    ConnectionOptions options;
    options.project = &project;
    options.verbose = m_options.verbose;
    options.parallelism = m_options.parallelism;
    options.interrupted = m_context.interrupted;
    options.redactor = m_context.redactor;
    Result<std::unique_ptr<Provider>> provider =
        m_context.make_provider(options, m_context.environment);
    if (!provider) {
        fail(provider.error().describe());
        return nullptr;
    }
    return std::move(provider).value();
}

}  // namespace dactl::cli
