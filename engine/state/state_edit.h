#pragma once
// Edits of the state that touch no org: `dactl state mv` and `dactl state rm`.
// Pure; the command takes the lock and writes the result atomically.

#include <string>
#include <vector>

#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl {

/// The state with the entry at `from` now at `to` (its id, versions, before,
/// after and applied_at kept: renaming a label keeps its history), the serial
/// one higher. Fails (invalid_input) when `from` is not recorded, `to` is
/// already, or `to` is not an address "action.<label>".
Result<State> state_moved(const State& state, const std::string& from, const std::string& to);

/// The state without the entries at `addresses`, the serial one higher. Fails
/// (invalid_input), changing nothing, when any is not recorded.
Result<State> state_removed(const State& state, const std::vector<std::string>& addresses);

}  // namespace dactl
