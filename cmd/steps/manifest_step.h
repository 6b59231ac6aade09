#pragma once
// Editing manifests: every command that writes them (probe and insights
// --write, --adopt-into, import, export) hands its file edits here. One policy:
// all files or none, then the project reloaded and checked, the files put
// back as they were on any failure.

#include <functional>
#include <string>
#include <vector>

#include "cmd/session.h"
#include "engine/export/manifest_writer.h"
#include "engine/export/timeout_writer.h"

namespace dactl::cli {

/// What the reloaded manifests must hold, beyond loading without errors
/// (an imported address, an edited timeout); fails with what is missing.
using ManifestCheck = std::function<Status(const Project& reloaded)>;

/// Writes `edits` (write_manifests), reloads the project of `directory` for
/// `environment` and runs `check` on it; tells each of `lines` once written.
/// Answers the project as reloaded; nothing after fail(): the reload's
/// diagnostics shown, the files put back. `if_exists` is the advice added
/// when a new file exists already.
std::optional<Project> write_manifest_edits(
    Session& session, const std::filesystem::path& directory, const std::string& environment,
    const std::vector<FileEdit>& edits, const std::vector<std::string>& lines,
    const ManifestCheck& check = {}, const std::string& if_exists = "");

/// Says of each recommendation left out as a lower bound why, and what to do.
void tell_lower_bounds(Session& session, const TimeoutEdits& edits);

/// Sets timeout_seconds in the manifests to `recommendations` (lower bounds
/// are not written: timeout_edits), telling each edit and each note. False
/// after fail().
bool write_timeouts(Session& session, const Project& project,
                    const std::vector<TimeoutRecommendation>& recommendations);

}  // namespace dactl::cli
