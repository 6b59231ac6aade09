#pragma once
// The views of `dactl state`.

#include "cmd/views/view.h"
#include "engine/state/state.h"

namespace dactl::cli {

/// `state list`: every entry (text table or JSON).
View state_list_view(const State& state);
/// `state show ADDRESS`: one entry's managed values as applied.
View state_entry_view(const StateAction& action);

}  // namespace dactl::cli
