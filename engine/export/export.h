#pragma once
// export: manifests written from live actions, so a team can adopt dactl on an
// existing org. Pure: live actions in, file texts out.

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "engine/model/live_action.h"
#include "engine/util/result.h"

namespace dactl {

enum class ExportFields {
    timeout,  ///< id and timeout_seconds only
    all,      ///< every manageable field
};

struct ExportOptions {
    std::optional<std::regex> name_filter;  ///< keep actions whose name matches (search)
    std::optional<std::string> category;    ///< keep actions of exactly this category
    ExportFields fields = ExportFields::timeout;
    /// Only the actions whose address (as labelled) one of these names
    /// (target_matches); empty: every one. Labels stay those of a whole export.
    std::vector<std::string> targets;
};

struct ExportedFile {
    std::string path;  ///< relative: "<category-slug>.toml"
    std::string text;
};

struct ExportResult {
    std::vector<ExportedFile> files;  ///< sorted by path
    std::vector<std::string> notes;   ///< what was skipped and why
    std::size_t exported = 0;
};

/// Whether the action passes the filters and can be managed (not built-in, not
/// custom authentication).
bool export_selects(const LiveAction& action, const ExportOptions& options);

/// Writes one manifest file per category with one table per selected action,
/// selected by id, labels by the one rule (unique_labels). Built-in
/// and custom authentication actions are skipped with a note, and so are
/// request headers holding secret-looking names (managed in the UI instead).
/// Templates must be loaded (no field in `unloaded`) for ExportFields::all.
ExportResult export_actions(const std::vector<LiveAction>& live, const ExportOptions& options);

/// One action's entry as export_actions writes it, under `label`, and the file
/// export would put it in ("<category-slug>.toml"): for `dactl import`. For an
/// `environment`, a base table selecting it by name and the environment's
/// override table with its id and values (no other environment gets them). A
/// built-in or custom authentication action is refused (invalid_input) with
/// the reason export gives; `notes` receives what was left out.
struct ExportedEntry {
    std::string file;
    std::string text;
    std::vector<std::string> notes;
};
Result<ExportedEntry> export_entry(const LiveAction& action, const std::string& label,
                                   ExportFields fields, const std::string& environment = "");

}  // namespace dactl
