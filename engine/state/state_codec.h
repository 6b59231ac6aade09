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

class JsonWriter;

/// Which form a recorded action's secret managed values take in JSON.
enum class RecordedSecrets {
    fingerprints,  ///< as the state file keeps them
    masked,        ///< "(sensitive)": what `dactl state show` prints
};

/// One recorded action as an object: address, id, name, version, applied_at,
/// managed, before, after.
void write_state_action(JsonWriter& json, const StateAction& action, RecordedSecrets secrets);

/// Parses a state file's text. Fails with ErrorKind::invalid_input naming what is
/// wrong (not JSON, unknown format_version, a member of the wrong type).
Result<State> decode_state(std::string_view json);

}  // namespace dactl
