#include "cmd/commands/command.h"

#include <ostream>

#include "cmd/cli.h"
#include "engine/manifest/loader.h"

namespace dactl::cli {

const std::vector<OptionSpec>& global_options() {
    static const std::vector<OptionSpec> options = {
        {"chdir", "C", "DIR", "the project directory (default: the current directory)"},
        {"no-color", "", "", "never colour the output (also: NO_COLOR set in the environment)"},
        {"verbose", "v", "", "log every API request (method, URL, status, time; never secrets)"},
        {"help", "h", "", "show this command's help"},
    };
    return options;
}

int report_error(Context& context, const std::string& message) {
    context.console.err << "Error: " << message << "\n";
    return k_exit_error;
}

std::optional<Project> load_project_or_report(const Arguments& arguments, Context& context) {
    const std::string directory = arguments.value("chdir").value_or(".");
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec)) {
        report_error(context, "project directory " + directory + " does not exist");
        return std::nullopt;
    }
    LoadResult loaded = load_project(directory);
    context.console.err << loaded.diagnostics.format();
    if (loaded.diagnostics.has_errors()) {
        std::size_t errors = 0;
        for (const auto& diagnostic : loaded.diagnostics.items()) {
            errors += diagnostic.severity == Severity::error ? 1 : 0;
        }
        report_error(context, std::to_string(errors) + (errors == 1 ? " problem" : " problems") +
                                  " in the manifests; nothing was sent to the org");
        return std::nullopt;
    }
    return std::move(loaded.project);
}

Result<int> parallelism_option(const Arguments& arguments) {
    std::optional<std::string> text = arguments.value("parallelism");
    if (!text) {
        return 10;
    }
    int value = 0;
    try {
        std::size_t used = 0;
        value = std::stoi(*text, &used);
        if (used != text->size()) {
            value = 0;
        }
    } catch (const std::exception&) {
        value = 0;
    }
    if (value < 1 || value > 50) {
        return make_error(ErrorKind::invalid_input,
                          "--parallelism must be a whole number from 1 to 50, not " + *text);
    }
    return value;
}

std::unique_ptr<Provider> connect_or_report(const Arguments& arguments, const Project& project,
                                            Context& context) {
    ConnectionOptions options;
    options.project = &project;
    options.verbose = arguments.has("verbose");
    Result<int> parallelism = parallelism_option(arguments);
    options.parallelism = parallelism.ok() ? *parallelism : 10;
    Result<std::unique_ptr<Provider>> provider = context.make_provider(options, context.environment);
    if (!provider) {
        report_error(context, provider.error().describe());
        return nullptr;
    }
    return std::move(provider).value();
}

}  // namespace dactl::cli
