#pragma once
// The rules a whole action and its config must follow, shared by the seed
// loader, the admin API and the PATCH and POST handlers.

#include "engine/util/result.h"
#include "tests/emulator/action_shape.h"
#include "tests/emulator/json_value.h"

namespace dactl::emulator {

/// Checks an ActionConfig: an object of timeoutSeconds (an integer from 1 to 60),
/// request and response with their string members and string maps, inline
/// templates only. Fails with a 400 API error: "constraint.validation" for the
/// timeout, "invalid.property" for unknown or URI members, "invalid.value" otherwise.
Status check_config(const Json& config);

/// The traits of a seed's "_emulator" object for the action `id`; fails with a
/// 400 API error naming the bad member.
Result<ActionTraits> parse_traits(const Json& member, const std::string& id);

/// Checks a full action as seeds and the admin API give it (API members plus an
/// optional "_emulator") and returns it stored: canonical order, traits apart.
/// Fails with a 400 API error naming the first problem.
Result<ActionEntry> check_full_action(const Json& action);

/// The 400 API error for a timeout on a custom authentication action.
Error custom_auth_timeout_error();

}  // namespace dactl::emulator
