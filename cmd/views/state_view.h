#pragma once
// The views of `dactl state`.

#include "cmd/views/view.h"
#include "engine/state/state.h"
#include "engine/state/state_backend.h"

namespace dactl::cli {

/// `state list`: every entry (text table or JSON).
View state_list_view(const State& state);
/// `state show ADDRESS`: one entry's managed values as applied.
View state_entry_view(const StateAction& action);

/// `state history`: the versions kept, the newest first.
View state_history_view(const std::vector<StateVersion>& versions, const std::string& location);

}  // namespace dactl::cli
