#pragma once
// Which values are secret. Secret values are masked wherever dactl shows or
// stores them: plans, state files, logs.

#include <string_view>

namespace dactl {

/// What is shown in place of a secret value.
inline constexpr std::string_view k_masked_value = "(sensitive)";

/// Whether a request header's value must be masked: its name contains, without
/// regard to case, "authorization", "token", "key", "secret", "password",
/// "cookie", "credential" or "signature".
bool is_secret_header(std::string_view name);

}  // namespace dactl
