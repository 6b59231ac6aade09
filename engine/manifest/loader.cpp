#include "engine/manifest/loader.h"

#include <algorithm>

#include "engine/manifest/file_reader.h"
#include "engine/manifest/secret_lines.h"
#include "engine/manifest/uniqueness.h"
#include "engine/text/quote.h"
#include "engine/text/word_list.h"
#include "engine/util/digest.h"
#include "engine/util/file_io.h"

namespace dactl {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_settings_file = "dactl.toml";

bool is_hidden(const fs::path& path) {
    return path.filename().string().starts_with('.');
}

// Every *.toml file under `directory`, skipping hidden files and directories
// (`.dactl/` among them). A directory that cannot be listed is an error.
std::vector<ManifestSource> list_manifests(const fs::path& directory, Diagnostics& diagnostics) {
    std::vector<ManifestSource> sources;
    std::error_code error;
    fs::recursive_directory_iterator entries(directory, error);
    for (const fs::recursive_directory_iterator end; !error && entries != end;
         entries.increment(error)) {
        const fs::directory_entry& entry = *entries;
        std::error_code ignored;
        if (is_hidden(entry.path())) {
            if (entry.is_directory(ignored)) {
                entries.disable_recursion_pending();
            }
            continue;
        }
        if (entry.path().extension() != ".toml" || !entry.is_regular_file(ignored)) {
            continue;
        }
        const std::string relative = entry.path().lexically_relative(directory).generic_string();
        Result<std::string> text = read_file(entry.path());
        if (!text) {
            diagnostics.error(SourcePosition{relative, 0, 0}, text.error().message);
            continue;
        }
        sources.push_back(ManifestSource{relative, std::move(*text)});
    }
    if (error) {
        diagnostics.error(
            {}, "cannot list the manifests under " + directory.string() + ": " + error.message());
    }
    return sources;
}

// The longest source line a diagnostic quotes; a longer one is cut, "...".
constexpr std::size_t k_longest_quoted_line = 200;

std::string line_of(std::string_view text, int line) {
    std::size_t start = 0;
    for (int current = 1; current < line; ++current) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) {
            return "";
        }
        ++start;
    }
    std::string_view rest = text.substr(start);
    rest = rest.substr(0, rest.find('\n'));
    if (!rest.empty() && rest.back() == '\r') {
        rest.remove_suffix(1);
    }
    if (rest.size() > k_longest_quoted_line) {
        return std::string(rest.substr(0, k_longest_quoted_line)) + " ...";
    }
    return std::string(rest);
}

// Each positioned diagnostic gets its line's text, so the caret can be drawn.
Diagnostics with_source_lines(const Diagnostics& diagnostics,
                              const std::vector<const ManifestSource*>& sources) {
    Diagnostics out;
    for (Diagnostic diagnostic : diagnostics.items()) {
        auto source = std::find_if(sources.begin(), sources.end(), [&](const ManifestSource* s) {
            return s->path == diagnostic.where.path;
        });
        if (diagnostic.where.known() && diagnostic.source_line.empty() && source != sources.end()) {
            diagnostic.source_line =
                manifest::with_secrets_masked(line_of((*source)->text, diagnostic.where.line));
        }
        out.add(std::move(diagnostic));
    }
    return out;
}

void read_sources(const std::vector<const ManifestSource*>& sources, const std::string& environment,
                  LoadResult& result) {
    Project& project = result.project;
    Sha256 digest;
    for (const ManifestSource* source : sources) {
        project.files.push_back(source->path);
        digest.update(source->path);
        digest.update(std::string_view("\0", 1));
        digest.update(source->text);
        digest.update(std::string_view("\0", 1));
    }
    // The settings first: they declare the environments the actions override.
    const manifest::EnvironmentScope no_scope;
    for (const ManifestSource* source : sources) {
        if (source->path == k_settings_file) {
            manifest::FileContents contents = manifest::read_manifest_file(
                *source, manifest::FileRole::settings, no_scope, result.diagnostics);
            if (contents.settings) {
                project.settings = std::move(*contents.settings);
            }
        }
    }
    const manifest::EnvironmentScope scope{
        project.settings.environment_names(),
        project.settings.environment(environment) != nullptr ? environment : std::string()};
    project.environment = scope.chosen;
    for (const ManifestSource* source : sources) {
        if (source->path == k_settings_file) {
            continue;
        }
        manifest::FileContents contents = manifest::read_manifest_file(
            *source, manifest::FileRole::actions, scope, result.diagnostics);
        std::move(contents.actions.begin(), contents.actions.end(),
                  std::back_inserter(project.actions));
        std::move(contents.rules.begin(), contents.rules.end(), std::back_inserter(project.rules));
    }
    project.digest = "sha256:" + digest.hex_digest();
    manifest::check_unique(project.actions, result.diagnostics);
    manifest::check_unique_rules(project.rules, result.diagnostics);
    if (project.actions.empty() && project.rules.empty() && !result.diagnostics.has_errors()) {
        result.diagnostics.warning(
            {}, "the project declares no actions; add [action.<label>] tables to a .toml file");
    }
    std::stable_sort(
        project.actions.begin(), project.actions.end(),
        [](const DesiredAction& a, const DesiredAction& b) { return a.label < b.label; });
    std::stable_sort(project.rules.begin(), project.rules.end(),
                     [](const Rule& a, const Rule& b) { return a.label < b.label; });
}

// dactl.toml's api.ca_bundle must name a file, relative to the project
// directory (or absolute).
void check_ca_bundle(const fs::path& directory, const std::vector<ManifestSource>& sources,
                     LoadResult& result) {
    const ApiSettings& api = result.project.settings.api;
    if (!api.ca_bundle) {
        return;
    }
    std::error_code error;
    const fs::path path = directory / *api.ca_bundle;
    if (fs::is_regular_file(path, error)) {
        return;
    }
    const bool exists = fs::exists(path, error);
    Diagnostic diagnostic{Severity::error,
                          api.ca_bundle_where,
                          "api.ca_bundle names " + *api.ca_bundle +
                              (exists ? ", which is not a file" : ", which does not exist") +
                              "; give the path of a PEM file, relative to the project directory",
                          {},
                          {}};
    auto settings = std::find_if(sources.begin(), sources.end(), [&](const ManifestSource& s) {
        return s.path == api.ca_bundle_where.path;
    });
    if (settings != sources.end()) {
        diagnostic.source_line =
            manifest::with_secrets_masked(line_of(settings->text, api.ca_bundle_where.line));
    }
    result.diagnostics.add(std::move(diagnostic));
}

}  // namespace

LoadResult load_sources(const std::vector<ManifestSource>& sources,
                        const std::string& environment) {
    LoadResult result;
    try {
        std::vector<const ManifestSource*> sorted;
        sorted.reserve(sources.size());
        for (const ManifestSource& source : sources) {
            sorted.push_back(&source);
        }
        std::stable_sort(
            sorted.begin(), sorted.end(),
            [](const ManifestSource* a, const ManifestSource* b) { return a->path < b->path; });
        read_sources(sorted, environment, result);
        result.diagnostics = with_source_lines(result.diagnostics, sorted);
    } catch (const std::exception& error) {
        result.diagnostics.error({}, std::string("cannot load the manifests: ") + error.what());
    }
    result.diagnostics.sort();
    return result;
}

Result<std::string> manifest_path_in(const fs::path& directory, const std::string& given,
                                     const std::string& option) {
    const auto refused = [&](const std::string& why) {
        return make_error(ErrorKind::invalid_input,
                          option + " " + dactl::quoted(given) + ": " + why +
                              "; give a .toml file inside the project, relative to it, e.g. "
                              "manifests/adopted.toml");
    };
    fs::path path(given);
    if (path.is_absolute()) {
        std::error_code ec;
        const fs::path root = fs::weakly_canonical(fs::absolute(directory, ec), ec);
        path = fs::weakly_canonical(path, ec).lexically_relative(root);
    }
    path = path.lexically_normal();
    const std::string relative = path.generic_string();
    if (given.empty() || relative.empty() || relative == "." || relative.starts_with("../") ||
        relative == "..") {
        return refused("it is outside the project, where dactl would never read it");
    }
    if (path.extension() != ".toml") {
        return refused("dactl reads only .toml files as manifests");
    }
    if (relative == k_settings_file) {
        return refused("dactl.toml holds the project's settings, not actions");
    }
    for (const fs::path& part : path) {
        if (is_hidden(part)) {
            return refused("dactl skips hidden files and directories (" + part.string() + ")");
        }
    }
    return relative;
}

LoadResult load_project(const fs::path& directory, const std::string& environment) {
    LoadResult result;
    try {
        std::error_code error;
        if (!fs::is_directory(directory, error)) {
            result.diagnostics.error({}, "the project directory " + directory.string() +
                                             " does not exist or is not a directory");
            result.project.directory = directory;
            return result;
        }
        Diagnostics listing;
        std::vector<ManifestSource> sources = list_manifests(directory, listing);
        result = load_sources(sources, environment);
        check_ca_bundle(directory, sources, result);
        result.diagnostics.append(listing);
        result.diagnostics.sort();
    } catch (const std::exception& error) {
        result.diagnostics.error({}, std::string("cannot load the manifests: ") + error.what());
    }
    result.project.directory = directory;
    return result;
}

LoadResult load_every_environment(const fs::path& directory) {
    LoadResult base = load_project(directory);
    const std::vector<std::string> names = base.project.settings.environment_names();
    if (names.empty()) {
        return base;
    }
    // Each diagnostic once, naming the environments it is found in unless it
    // is found in all of them.
    struct Found {
        Diagnostic diagnostic;
        std::vector<std::string> environments;
    };
    std::vector<Found> found;
    for (const std::string& name : names) {
        LoadResult loaded = load_project(directory, name);
        for (const Diagnostic& diagnostic : loaded.diagnostics.items()) {
            auto same = std::find_if(found.begin(), found.end(), [&](const Found& f) {
                return f.diagnostic.severity == diagnostic.severity &&
                       f.diagnostic.where.path == diagnostic.where.path &&
                       f.diagnostic.where.line == diagnostic.where.line &&
                       f.diagnostic.where.column == diagnostic.where.column &&
                       f.diagnostic.message == diagnostic.message;
            });
            if (same == found.end()) {
                found.push_back(Found{diagnostic, {name}});
            } else {
                same->environments.push_back(name);
            }
        }
    }
    base.diagnostics = Diagnostics();
    for (Found& f : found) {
        if (f.environments.size() < names.size()) {
            const std::string list = word_list(f.environments);
            f.diagnostic.message +=
                std::string(f.environments.size() == 1 ? " (environment " : " (environments ") +
                list + ")";
        }
        base.diagnostics.add(std::move(f.diagnostic));
    }
    base.diagnostics.sort();
    return base;
}

}  // namespace dactl
