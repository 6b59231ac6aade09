#pragma once
// next_state: the snapshot to write after an apply.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/apply/apply.h"
#include "engine/gather/selection.h"
#include "engine/state/state.h"

namespace dactl {

/// The new state: one entry per bound (managed) action, sorted by address.
/// Converged actions record their values and documents before and after; actions
/// with nothing to change record what was read; actions that failed keep their
/// previous entry (or none). Addresses no longer in the manifests are dropped.
/// Previous entries of addresses in `keep` that have no binding are kept as they
/// were (a saved plan binds only the actions it changes). Lineage carries over
/// (or is `new_lineage` for a first state); serial grows by one. Managed values
/// are recorded with secret header values fingerprinted under `key`; an action
/// whose recorded values are unchanged keeps its applied_at.
State next_state(const std::optional<State>& previous, const std::vector<Binding>& bindings,
                 const ApplyReport& report, const std::string& applied_at,
                 const std::string& new_lineage, std::string_view key,
                 const std::set<std::string>& keep = {});

}  // namespace dactl
