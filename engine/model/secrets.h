#pragma once
// Which values are secret. Secret values are masked wherever dactl shows or
// stores them: plans, state files, logs.

#include <string_view>

#include "engine/model/value.h"

namespace dactl {

/// What is shown in place of a secret value.
inline constexpr std::string_view k_masked_value = "(sensitive)";

/// Whether a request header's value must be masked: its name contains, without
/// regard to case, "authorization", "token", "key", "secret", "password",
/// "cookie", "credential" or "signature".
bool is_secret_header(std::string_view name);

/// Whether the entry `key` of a map field's value is secret: an entry of
/// request.headers whose name is secret-looking. The one rule every view and
/// every file dactl writes applies.
bool is_secret_entry(Field field, std::string_view key);

/// `value` with each secret entry's value replaced by k_masked_value.
Value masked(Field field, const Value& value);
/// Every value of `values` masked.
FieldValues masked(const FieldValues& values);

}  // namespace dactl
