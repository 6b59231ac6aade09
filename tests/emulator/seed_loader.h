#pragma once
// The seed loader: reads the JSON array of actions an org starts from.

#include <string>
#include <string_view>
#include <vector>

#include "engine/util/result.h"
#include "tests/emulator/action_shape.h"

namespace dactl::emulator {

/// The actions of a seed's text, checked one by one (see check_full_action) and for
/// unique ids. `file` names the seed in messages, which read
/// "FILE: action 3 (id \"x\"): problem" or "FILE:LINE:COL: invalid JSON: problem".
Result<std::vector<ActionEntry>> parse_seed(std::string_view text, const std::string& file);

/// Reads and parses the seed file at `path` (messages as parse_seed's).
Result<std::vector<ActionEntry>> load_seed(const std::string& path);

/// The other shape of custom authentication actions' ids (--auth-ids plain):
/// each one's "customAuth_-_" prefix becomes "custom_-_", so that it looks like
/// any other action and only the listing (includeAuthActions) tells it apart.
void plain_auth_ids(std::vector<ActionEntry>& seed);

}  // namespace dactl::emulator
