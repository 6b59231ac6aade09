#pragma once
// The view of `dactl export` and `dactl import`: what was written where (export_text.cpp).

#include <string>

#include "engine/export/env_export.h"
#include "engine/export/export.h"
#include "engine/model/live_action.h"

namespace dactl {

/// "Exported N actions into F files in DIR:" and each file on its own line.
std::string render_export_text(const ExportResult& result, const std::string& directory);

/// "Exported the overrides of ENV: N actions differ from the base manifests in
/// DIR, M are the same", then the files appended to (or "nothing was written").
std::string render_override_export_text(const OverrideExport& result,
                                        const std::string& environment,
                                        const std::string& directory);

/// "Imported ID "NAME" (version V) as ADDRESS into FILE and the state. The
/// org was not touched."
std::string render_import_text(const LiveAction& live, const std::string& address,
                               const std::string& file);

}  // namespace dactl
