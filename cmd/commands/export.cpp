// dactl export: manifests written for live actions, so a team can adopt dactl
// on an existing org; with --env into existing manifests, only override tables.

#include "engine/export/export.h"

#include <filesystem>
#include <regex>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/manifest_step.h"
#include "cmd/views/export_view.h"
#include "engine/export/env_export.h"
#include "engine/gather/gather.h"
#include "engine/gather/target.h"
#include "engine/manifest/loader.h"
#include "engine/model/address.h"

namespace dactl::cli {

namespace {

struct ExportArguments : CommonOptions {
    std::optional<std::string> out;
    std::optional<std::regex> name;
    std::optional<std::string> category;
    ExportFields fields = ExportFields::timeout;
};

Result<std::regex> name_pattern(const std::string& pattern) {
    try {
        return std::regex(pattern);
    } catch (const std::regex_error& error) {
        return make_error(
            ErrorKind::invalid_input,
            "--name " + pattern + " is not a valid regular expression: " + error.what());
    }
}

ExportOptions export_options(const ExportArguments& options) {
    ExportOptions exporting;
    exporting.name_filter = options.name;
    exporting.category = options.category;
    exporting.targets = effective_targets(options.targets);
    exporting.fields = options.fields;
    return exporting;
}

// export --env into manifests that exist: only the override tables, appended.
int export_overrides_into(Session& session, Provider& provider, const std::string& out,
                          const Project& base, const std::string& environment) {
    if (base.settings.environment(environment) == nullptr) {
        return session.fail(out + "/dactl.toml does not declare [env." + environment +
                            "]; declare it there first (nothing was written)");
    }
    GatherOptions gathering;
    gathering.parallelism = session.options().parallelism;
    gathering.all_templates_of = [](const LiveAction&) { return true; };
    gathering.functions_of = [](const LiveAction&) { return true; };
    Result<Gathered> org = gather_org(provider, {}, gathering);
    if (!org) {
        return session.fail_reading(org.error());
    }
    session.show(org->diagnostics);
    const OverrideExport result = export_overrides(org->live, base, environment);
    for (const auto& note : result.notes) {
        session.tell("note: " + note);
    }
    std::vector<FileEdit> edits;
    for (const auto& append : result.appends) {
        const std::filesystem::path path = std::filesystem::path(out) / append.path;
        Result<std::optional<std::string>> before = current_text(path);
        if (!before || !*before) {
            return session.fail(!before ? before.error().message : append.path + " is gone");
        }
        edits.push_back({path, append.path, *before, **before + append.text});
    }
    if (!write_manifest_edits(session, out, environment, edits, {})) {
        return session.failed();
    }
    session.present(override_export_view(result, environment, out));
    return k_exit_ok;
}

int export_new(const ExportArguments& options, Session& session, Provider& provider) {
    const ExportOptions exporting = export_options(options);
    GatherOptions gathering;
    gathering.parallelism = options.parallelism;
    const auto selected = [&](const LiveAction& action) {
        return export_selects(action, exporting);
    };
    if (exporting.fields == ExportFields::all) {
        gathering.all_templates_of = selected;
    }
    gathering.functions_of = selected;  // function actions export their function's timeout too
    Result<Gathered> org = gather_org(provider, {}, gathering);
    if (!org) {
        return session.fail_reading(org.error());
    }
    session.show(org->diagnostics);
    const ExportResult result = export_actions(org->live, exporting);
    for (const auto& note : result.notes) {
        session.tell("note: " + note);
    }
    if (!exporting.targets.empty() && result.exported == 0) {
        return session.fail("--target " + targets_text(exporting.targets) +
                            " names none of the labels export gives the org's actions; nothing "
                            "was written");
    }
    std::vector<FileEdit> edits;
    for (const auto& file : result.files) {
        edits.push_back({std::filesystem::path(*options.out) / file.path,
                         (std::filesystem::path(*options.out) / file.path).string(), std::nullopt,
                         file.text});
    }
    if (!write_manifest_edits(session, *options.out, "", edits, {}, {}, "choose another --out")) {
        return session.failed();
    }
    session.present(export_view(result, *options.out));
    return k_exit_ok;
}

int run_export(const ExportArguments& options, Session& session) {
    if (!options.out) {
        return session.fail("export needs --out DIR, the directory to write the manifests to");
    }
    // Only the settings (the region, the environment) matter here: the
    // manifests may not exist yet.
    std::optional<Project> project = session.load_settings();
    std::unique_ptr<Provider> provider = project ? session.connect(*project) : nullptr;
    if (!provider) {
        return session.failed();
    }
    // For an environment, manifests that exist already are the base: this
    // org's differences from them become override tables.
    if (!project->environment.empty()) {
        LoadResult existing = load_project(*options.out);
        if (!existing.project.actions.empty()) {
            if (existing.diagnostics.has_errors()) {
                session.show(existing.diagnostics);
                return session.fail("the manifests in " + *options.out +
                                    " have problems; fix them first (nothing was written)");
            }
            return export_overrides_into(session, *provider, *options.out, existing.project,
                                         project->environment);
        }
    }
    return export_new(options, session, *provider);
}

}  // namespace

Command export_command() {
    OptionTable<ExportArguments> table;
    table.text(
        {"out", "", "DIR", "the directory to write to (existing files are never overwritten)"},
        &ExportArguments::out);
    offer_targets(table);
    table.parsed({"name", "", "REGEX", "only actions whose name matches"}, &ExportArguments::name,
                 name_pattern);
    table.text({"category", "", "NAME", "only actions of this category"},
               &ExportArguments::category);
    table.choice<ExportFields>(
        {"fields", "", "WHICH", "timeout (default: id and timeout_seconds) or all"},
        &ExportArguments::fields, {{"timeout", ExportFields::timeout}, {"all", ExportFields::all}});
    offer_parallelism(table);
    return make_command<ExportArguments>(
        {"export", "write manifests for live actions", "dactl export --out DIR [options]",
         "Writes manifests selecting live actions by id, one file per category, so a team\n"
         "can adopt dactl on an existing org. Built-in and custom authentication actions\n"
         "are skipped with a note."},
        table, run_export);
}

}  // namespace dactl::cli
