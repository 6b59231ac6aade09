#include "cmd/commands/command.h"

#include "cmd/cli.h"
#include "cmd/github.h"
#include "cmd/views/error_view.h"
#include "engine/manifest/loader.h"
#include "engine/render/markdown.h"
#include "engine/state/state_directory.h"
#include "engine/text/suggest.h"
#include "engine/text/word_list.h"
#include "engine/util/interrupt.h"
#include "engine/util/utf8.h"

namespace dactl::cli {

const std::vector<OptionSpec>& global_options() {
    static const std::vector<OptionSpec> options = {
        {"chdir", "C", "DIR", "the project directory (default: the current directory)"},
        {"no-color", "", "", "never colour the output (also: NO_COLOR set, not empty)"},
        {"verbose", "v", "", "log every API request (method, URL, status, time; never secrets)"},
        {"env", "", "NAME", "the environment (org) dactl.toml declares to work on (DACTL_ENV)"},
        {"help", "h", "", "show this command's help"},
    };
    return options;
}

int report_error(Context& context, const std::string& message) {
    context.console.err << "Error: " << message << "\n";
    return k_exit_error;
}

Session::Session(const Arguments& arguments, Context& context, std::string command)
    : m_arguments(arguments), m_context(context), m_command(std::move(command)) {}

bool Session::check_options() {
    if (std::optional<std::string> format = m_arguments.value("format")) {
        if (*format == "json") {
            m_format = OutputFormat::json;
        } else if (*format == "markdown") {
            m_format = OutputFormat::markdown;
        } else if (*format != "text") {
            fail("--format must be text, json or markdown, not " + *format);
            return false;
        }
    }
    if (std::optional<std::string> text = m_arguments.value("parallelism")) {
        int value = 0;
        std::size_t used = 0;
        try {
            value = std::stoi(*text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text->size() || value < 1 || value > 50) {
            fail("--parallelism must be a whole number from 1 to 50, not " + *text);
            return false;
        }
        m_parallelism = value;
    }
    return true;
}

GatherOptions Session::gather_options() const {
    GatherOptions options;
    options.parallelism = m_parallelism;
    return options;
}

Palette Session::palette() const {
    return output_palette(m_context, m_arguments.has("no-color"));
}

ViewTarget Session::view_target() {
    return ViewTarget{out(), err(), palette()};
}

int Session::fail(const std::string& message, const Diagnostics& diagnostics) {
    report_error(m_context, message);
    error_view(m_format, view_target())->failed(m_command, message, diagnostics);
    // The job summary says why the job failed, too (best effort: the run has
    // failed already, and says so above).
    if (m_arguments.has("github-summary") && !m_failure_summarized) {
        m_failure_summarized = true;
        (void)append_step_summary(m_context,
                                  render_error_markdown(m_command, message, diagnostics));
    }
    return interrupted() ? k_exit_interrupted : k_exit_error;
}

int Session::fail_reading(const Error& error) {
    if (error.kind == ErrorKind::cancelled) {
        return fail("interrupted while reading the org; nothing was changed");
    }
    return fail(error.describe());
}

bool Session::interrupted() const {
    return is_interrupted(m_context.interrupted);
}

void Session::show(const Diagnostics& diagnostics) {
    err() << diagnostics.format();
    if (in_github_actions(m_context.environment)) {
        for (const auto& diagnostic : diagnostics.items()) {
            err() << github_annotation(diagnostic, m_arguments.value("chdir").value_or("."),
                                       m_context.environment)
                  << "\n";
        }
    }
}

std::optional<std::string> Session::environment_choice(const Settings& settings,
                                                       bool none_is_every) {
    const std::optional<std::string> flag = m_arguments.value("env");
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
    if (m_arguments.has("env")) {
        fail("--env does not apply here: name the environments as operands");
        return std::nullopt;
    }
    return load(name, false, nullptr, true);
}

std::optional<Project> Session::load_settings() {
    Project project = dactl::load_project(m_arguments.value("chdir").value_or(".")).project;
    std::optional<std::string> chosen = environment_choice(project.settings);
    if (!chosen) {
        return std::nullopt;
    }
    project.environment = *chosen;
    return project;
}

std::filesystem::path Session::state_home(const Project& project) {
    return state_directory(project.directory, project.environment);
}

std::optional<Project> Session::load_project(Diagnostics* shown, bool every_environment) {
    return load(m_arguments.value("env").value_or(m_context.environment("DACTL_ENV").value_or("")),
                every_environment, shown);
}

std::optional<Project> Session::load(const std::string& wanted, bool every_environment,
                                     Diagnostics* shown, bool named) {
    const std::string directory = m_arguments.value("chdir").value_or(".");
    std::error_code ec;
    const auto status = std::filesystem::status(directory, ec);
    if (!std::filesystem::is_directory(status)) {
        const bool missing = status.type() == std::filesystem::file_type::not_found;
        std::string why = " is not a directory";
        if (missing) {
            why = " does not exist";
        } else if (ec) {
            why = " cannot be read: " + ec.message();
        }
        fail("project directory " + printable(directory) + why);
        return std::nullopt;
    }
    LoadResult loaded = every_environment && wanted.empty()
                            ? dactl::load_every_environment(directory)
                            : dactl::load_project(directory, wanted);
    if (named ? !check_declared(loaded.project.settings, wanted, "")
              : !environment_choice(loaded.project.settings, every_environment)) {
        return std::nullopt;
    }
    show(loaded.diagnostics);
    if (shown != nullptr) {
        *shown = loaded.diagnostics;
    }
    if (loaded.diagnostics.has_errors()) {
        std::size_t errors = 0;
        for (const auto& diagnostic : loaded.diagnostics.items()) {
            errors += diagnostic.severity == Severity::error ? 1 : 0;
        }
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
    options.verbose = m_arguments.has("verbose");
    options.parallelism = m_parallelism;
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
