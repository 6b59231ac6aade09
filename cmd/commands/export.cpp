#include "engine/export/export.h"

#include <filesystem>
#include <regex>

#include "cmd/cli.h"
#include "cmd/command_options.h"
#include "cmd/commands/command.h"
#include "engine/gather/gather.h"
#include "engine/manifest/loader.h"
#include "engine/model/address.h"
#include "engine/util/file_io.h"

namespace dactl::cli {

namespace {

Result<ExportOptions> export_options(const Arguments& arguments) {
    ExportOptions options;
    if (std::optional<std::string> pattern = arguments.value("name")) {
        try {
            options.name_filter = std::regex(*pattern);
        } catch (const std::regex_error& error) {
            return make_error(
                ErrorKind::invalid_input,
                "--name " + *pattern + " is not a valid regular expression: " + error.what());
        }
    }
    options.category = arguments.value("category");
    options.targets = arguments.all_values("target");
    Result<ExportFields> fields = fields_option(arguments);
    if (!fields) {
        return fields.error();
    }
    options.fields = *fields;
    return options;
}

Status write_files(const std::filesystem::path& directory, const ExportResult& result) {
    for (const auto& file : result.files) {
        std::error_code ec;
        const bool exists = std::filesystem::exists(directory / file.path, ec);
        if (ec) {
            return make_error(ErrorKind::io, "cannot look at " + (directory / file.path).string() +
                                                 ": " + ec.message() + "; nothing was written");
        }
        if (exists) {
            return make_error(ErrorKind::invalid_input,
                              (directory / file.path).string() +
                                  " already exists; nothing was written (choose another --out)");
        }
    }
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    for (const auto& file : result.files) {
        if (Status written = write_file_atomically(directory / file.path, file.text); !written) {
            return written;
        }
    }
    return {};
}

}  // namespace

int run_export(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "export");
    if (!session.check_options()) {
        return k_exit_error;
    }
    std::optional<std::string> out = arguments.value("out");
    if (!out) {
        return session.fail("export needs --out DIR, the directory to write the manifests to");
    }
    Result<ExportOptions> options = export_options(arguments);
    if (!options) {
        return session.fail(options.error().message);
    }
    // Only the settings (the region) matter here: the manifests may not exist yet.
    Project project = dactl::load_project(arguments.value("chdir").value_or(".")).project;
    std::unique_ptr<Provider> provider = session.connect(project);
    if (!provider) {
        return k_exit_error;
    }
    GatherOptions gathering = session.gather_options();
    if (options->fields == ExportFields::all) {
        gathering.all_templates_of = [&](const LiveAction& action) {
            return export_selects(action, *options);
        };
    }
    // Function actions export their function's timeout too.
    gathering.functions_of = [&](const LiveAction& action) {
        return export_selects(action, *options);
    };
    Result<Gathered> org = gather_org(*provider, {}, gathering);
    if (!org) {
        return session.fail_reading(org.error());
    }
    session.show(org->diagnostics);
    ExportResult result = export_actions(org->live, *options);
    for (const auto& note : result.notes) {
        session.err() << "note: " << note << "\n";
    }
    if (!options->targets.empty() && result.exported == 0) {
        return session.fail("--target " + targets_text(options->targets) +
                            " names none of the labels export gives the org's actions; nothing "
                            "was written");
    }
    if (Status written = write_files(*out, result); !written) {
        return session.fail(written.error().message);
    }
    session.out() << "Exported " << result.exported
                  << (result.exported == 1 ? " action" : " actions") << " into "
                  << result.files.size() << (result.files.size() == 1 ? " file" : " files")
                  << " in " << *out << ":\n";
    for (const auto& file : result.files) {
        session.out() << "    " << file.path << "\n";
    }
    return k_exit_ok;
}

}  // namespace dactl::cli
