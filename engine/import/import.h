#pragma once
// import: adopting one live action into a project, a manifest entry and a
// state record. The checks that keep every live action at one address and
// every address on one action, and the entry to write. Pure, but for reading
// the file the entry goes into.

#include <optional>
#include <string>

#include "engine/export/export.h"
#include "engine/export/manifest_writer.h"
#include "engine/model/live_action.h"
#include "engine/model/project.h"
#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl {

/// Before reading the org: refuses an address declared already or in the
/// state, and an id a manifest selects or the state records (saying how to
/// give it another address). ErrorKind::invalid_input.
Status check_import_free(const Project& project, const std::optional<State>& state,
                         const std::string& address, const std::string& id);

/// The import of `live` as `label`: the file edit that adds its entry (to
/// `into`, relative to the project, or the file export would put it in), and
/// what export left out. For the project's chosen environment the entry selects
/// the action by name in the base and by id in that environment's override
/// table, which holds its values (export_entry). Refuses a live action a manifest selects by name,
/// and one export cannot write (built-in, custom authentication).
struct Import {
    FileEdit edit;
    std::vector<std::string> notes;
};
Result<Import> plan_import(const Project& project, const LiveAction& live, const std::string& label,
                           ExportFields fields, const std::optional<std::string>& into);

}  // namespace dactl
