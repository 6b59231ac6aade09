#pragma once
// The JSON form of State (docs/state.md).

#include <string>
#include <string_view>

#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl {

/// The state as pretty-printed JSON with a stable key order, ending in a newline.
/// Managed values and action documents are written with secret header values
/// masked; documents that are not JSON objects are written as {}.
std::string encode_state(const State& state);

/// Parses a state file's text. Fails with ErrorKind::invalid_input naming what is
/// wrong (not JSON, unknown format_version, a member of the wrong type).
Result<State> decode_state(std::string_view json);

}  // namespace dactl
