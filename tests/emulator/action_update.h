#pragma once
// PATCH /api/v2/integrations/actions/{id}: the rules of UpdateActionInput.

#include "engine/util/result.h"
#include "tests/emulator/action_shape.h"
#include "tests/emulator/json_value.h"

namespace dactl::emulator {

/// What a PATCH body updates: the published action (UpdateActionInput) or its draft
/// (UpdateDraftInput, which may also carry contract and secure).
enum class UpdateKind { action, draft };

/// Checks a PATCH body against the stored action, in this order: a JSON object; not a
/// built-in action; only name, category, config and version (contract, secure or
/// anything else: 400 "invalid.property"; a draft also takes contract and secure); version present
/// and an integer; name and category non-empty strings; config valid (see check_config); no timeout
/// on a custom authentication action. Fails with the 400 API error of the first broken rule.
Status check_update_input(const Json& body, const ActionEntry& current,
                          UpdateKind kind = UpdateKind::action);

/// True when the body's version equals the stored action's version.
bool version_matches(const Json& body, const Json& action);

/// Applies a checked body: name, category (and for a draft contract and secure) replaced
/// when given, config replaced as a whole (null members dropped), version + 1.
void apply_update_input(Json& action, const Json& body);

/// Adds one to the action's version (a save by someone else, or by the admin API).
void bump_version(Json& action);

/// The 409 answer to a stale version, with the vendor's message.
Error version_conflict();

}  // namespace dactl::emulator
