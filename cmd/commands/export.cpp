#include "engine/export/export.h"

#include <filesystem>
#include <regex>

#include "cmd/cli.h"
#include "cmd/command_options.h"
#include "cmd/commands/command.h"
#include "engine/export/env_export.h"
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

// Appends each text to its file, all or none: a file that fails to be
// written leaves the ones before it as they were.
Status append_files(const std::filesystem::path& directory,
                    const std::vector<ManifestAppend>& appends) {
    std::vector<std::pair<std::filesystem::path, std::string>> before;
    for (const auto& append : appends) {
        const std::filesystem::path path = directory / append.path;
        Result<std::string> text = read_file(path);
        if (!text) {
            return text.error();
        }
        before.emplace_back(path, *text);
    }
    for (std::size_t i = 0; i < appends.size(); ++i) {
        if (Status written =
                write_file_atomically(before[i].first, before[i].second + appends[i].text);
            !written) {
            for (std::size_t j = 0; j < i; ++j) {
                (void)write_file_atomically(before[j].first, before[j].second);
            }
            return make_error(ErrorKind::io, written.error().message + "; nothing was written");
        }
    }
    return {};
}

// export --env into manifests that exist: only the override tables.
int export_overrides_into(Session& session, Provider& provider, const std::string& out,
                          const Project& base, const std::string& environment) {
    GatherOptions gathering = session.gather_options();
    gathering.all_templates_of = [](const LiveAction&) { return true; };
    gathering.functions_of = [](const LiveAction&) { return true; };
    Result<Gathered> org = gather_org(provider, {}, gathering);
    if (!org) {
        return session.fail_reading(org.error());
    }
    session.show(org->diagnostics);
    OverrideExport result = export_overrides(org->live, base, environment);
    for (const auto& note : result.notes) {
        session.err() << "note: " << note << "\n";
    }
    if (Status written = append_files(out, result.appends); !written) {
        return session.fail(written.error().message);
    }
    session.out() << "Exported the overrides of " << environment << ": " << result.differing
                  << (result.differing == 1 ? " action differs" : " actions differ")
                  << " from the base manifests in " << out << ", " << result.same << " "
                  << (result.same == 1 ? "is" : "are") << " the same";
    if (result.appends.empty()) {
        session.out() << "; nothing was written.\n";
        return k_exit_ok;
    }
    session.out() << "; appended to:\n";
    for (const auto& append : result.appends) {
        session.out() << "    " << append.path << "\n";
    }
    if (base.settings.environment(environment) == nullptr) {
        session.err() << "note: " << out << "/dactl.toml does not declare [env." << environment
                      << "]; declare it there before the overrides are read\n";
    }
    return k_exit_ok;
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
    // Only the settings (the region, the environment) matter here: the
    // manifests may not exist yet.
    std::optional<Project> project = session.load_settings();
    if (!project) {
        return k_exit_error;
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    // For an environment, manifests that exist already are the base: this
    // org's differences from them become override tables.
    if (!project->environment.empty()) {
        LoadResult existing = dactl::load_project(*out);
        if (!existing.project.actions.empty()) {
            if (existing.diagnostics.has_errors()) {
                session.show(existing.diagnostics);
                return session.fail("the manifests in " + *out +
                                    " have problems; fix them first (nothing was written)");
            }
            return export_overrides_into(session, *provider, *out, existing.project,
                                         project->environment);
        }
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
