#pragma once
// Builders for the engine's model types, so tests state only what matters.

#include <string>

#include "engine/model/desired_action.h"
#include "engine/model/live_action.h"

namespace dactl::testing {

/// A live action with the given id, name and version, category "Orders", and
/// every field unset but name and category.
LiveAction make_live(std::string id, std::string name, std::int64_t version = 1);

/// A live action as above with one field set.
LiveAction with(LiveAction action, Field field, Value value);

/// A manifest action `label` selecting the live action named `name`, declared at
/// actions.toml line `line`.
DesiredAction make_desired(std::string label, std::string name, int line = 1);

/// A manifest action `label` selecting the live action with this id.
DesiredAction make_desired_by_id(std::string label, std::string id, int line = 1);

/// The action with one more managed field, declared on the line after the header.
DesiredAction manage(DesiredAction action, Field field, Value value);

}  // namespace dactl::testing
