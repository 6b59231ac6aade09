#include "cmd/github.h"

#include <fstream>

#include "engine/util/escape.h"

namespace dactl::cli {

namespace {

std::string workspace_path(const std::string& path, const std::filesystem::path& project_directory,
                           const Environment& environment) {
    std::optional<std::string> workspace = environment("GITHUB_WORKSPACE");
    if (!workspace || workspace->empty()) {
        return path;
    }
    std::error_code ec;
    const std::filesystem::path file = std::filesystem::weakly_canonical(
        std::filesystem::absolute(project_directory / path, ec), ec);
    const std::filesystem::path root = std::filesystem::weakly_canonical(*workspace, ec);
    const std::filesystem::path relative = file.lexically_relative(root);
    return ec || relative.empty() ? path : relative.generic_string();
}

}  // namespace

bool in_github_actions(const Environment& environment) {
    std::optional<std::string> value = environment("GITHUB_ACTIONS");
    return value && *value == "true";
}

std::string github_annotation(const Diagnostic& diagnostic,
                              const std::filesystem::path& project_directory,
                              const Environment& environment) {
    std::string text = diagnostic.severity == Severity::error ? "::error" : "::warning";
    std::string properties;
    if (!diagnostic.where.path.empty()) {
        properties = "file=" + escape_annotation(workspace_path(diagnostic.where.path,
                                                                project_directory, environment),
                                                 true);
        if (diagnostic.where.known()) {
            properties += ",line=" + std::to_string(diagnostic.where.line) +
                          ",col=" + std::to_string(diagnostic.where.column);
        }
    }
    if (!properties.empty()) {
        text += " " + properties;
    }
    return text + "::" + escape_annotation(diagnostic.message);
}

Status append_step_summary(const Context& context, const std::string& markdown) {
    std::optional<std::string> path = context.environment("GITHUB_STEP_SUMMARY");
    if (!path || path->empty()) {
        return make_error(ErrorKind::invalid_input,
                          "--github-summary needs GITHUB_STEP_SUMMARY (set by GitHub Actions)");
    }
    std::ofstream file(*path, std::ios::app | std::ios::binary);
    file << (context.redactor ? context.redactor->redact(markdown) : markdown);
    if (!file) {
        return make_error(ErrorKind::io, "cannot append to " + *path);
    }
    return {};
}

}  // namespace dactl::cli
