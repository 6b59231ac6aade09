#pragma once
// The JSON form of State, and masking of secrets in stored action documents.

#include <string>
#include <string_view>

#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl {

/// The state as pretty-printed JSON with a stable key order, ending in a newline.
/// Action documents are embedded as JSON objects, secret header values masked.
std::string encode_state(const State& state);

/// Parses a state file's text. Fails with ErrorKind::invalid_input naming what is
/// wrong (not JSON, unknown format_version, a member of the wrong type).
Result<State> decode_state(std::string_view json);

/// An action document (JSON) with every secret-looking value under
/// config.request.headers replaced by the masked text; other bytes of meaning
/// unchanged. Text that is not a JSON object is returned as "{}".
std::string mask_action_document(std::string_view document);

/// The managed values with secret header values masked.
FieldValues mask_managed_values(const FieldValues& values);

}  // namespace dactl
