#pragma once
// GitHub Actions: workflow annotations and the job summary.

#include <filesystem>
#include <string>

#include "cmd/context.h"
#include "engine/diagnostics/diagnostic.h"

namespace dactl::cli {

/// True when GITHUB_ACTIONS is "true".
bool in_github_actions(const Environment& environment);

/// "::error file=F,line=L,col=C::message" (or ::warning), escaped as the
/// workflow-command syntax requires. F is the diagnostic's path (relative to
/// `project_directory`) made relative to GITHUB_WORKSPACE, the repository's
/// root, so that GitHub attaches it to the pull request's file; as it is when
/// GITHUB_WORKSPACE is unset.
std::string github_annotation(const Diagnostic& diagnostic,
                              const std::filesystem::path& project_directory,
                              const Environment& environment);

/// Appends `markdown`, the run's secrets cut out (context.redactor), to the
/// file named by GITHUB_STEP_SUMMARY. Fails when the variable is unset or the
/// file cannot be written.
Status append_step_summary(const Context& context, const std::string& markdown);

}  // namespace dactl::cli
