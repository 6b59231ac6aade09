#pragma once
// What `dactl state list` and `dactl state show` print: the actions the state
// records, as text (state_text.cpp) or as JSON (state_json.cpp). Secret
// values masked.

#include <string>

#include "engine/render/palette.h"
#include "engine/state/state.h"
#include "engine/state/state_backend.h"

namespace dactl {

/// A table of the recorded actions (address, id, version, applied at), then
/// "N actions in the state (serial S)."; or that the state records none.
std::string render_state_list(const State& state, const Palette& palette);
/// One recorded action: its id, name, version, when applied, and the managed
/// values as applied.
std::string render_state_entry(const StateAction& action, const Palette& palette);
/// {"format_version", "command": "state list", "lineage", "serial", "org", "actions": [...]}.
std::string encode_state_list_output(const State& state);
/// {"format_version", "command": "state show", "action": {...}} with the
/// managed values and the before/after documents (secrets masked).
std::string encode_state_entry_output(const StateAction& action);

/// `state history`: a table of the versions kept, the newest first, then
/// "N versions of the state in LOCATION."
std::string render_state_history(const std::vector<StateVersion>& versions,
                                 const std::string& location, const Palette& palette);
/// {"format_version", "command": "state history", "location", "versions": [...]}.
std::string encode_state_history_output(const std::vector<StateVersion>& versions,
                                        const std::string& location);

}  // namespace dactl
