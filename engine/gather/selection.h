#pragma once
// Selection: which live action each manifest action means.

#include <deque>
#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/model/desired_action.h"
#include "engine/model/live_action.h"

namespace dactl {

/// A manifest action and the live action it selects: pointers into their
/// owner (a Gathered, or the containers given to select_actions).
struct Binding {
    const DesiredAction* desired = nullptr;
    const LiveAction* live = nullptr;
};

struct SelectionResult {
    std::vector<Binding> bindings;  ///< in the order of the desired actions
    Diagnostics diagnostics;        ///< one error per action that selects none or several
};

/// Matches each desired action to exactly one live action: by id, or by exact
/// name. A name matching no action or several, an unknown id, and two manifest
/// actions selecting the same live action are errors; the messages list the
/// candidates with their ids and categories. Pure.
SelectionResult select_actions(const std::vector<DesiredAction>& desired,
                               const std::vector<LiveAction>& live);
SelectionResult select_actions(const std::deque<DesiredAction>& desired,
                               const std::vector<LiveAction>& live);

}  // namespace dactl
