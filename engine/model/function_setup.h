#pragma once
// FunctionSetup: the function of a function data action (its integration is of
// type function-data-actions), as GET .../{id}/function answers it.

#include <cstdint>
#include <string>

namespace dactl {

/// The longest a function may run, and its default: 15 s.
inline constexpr std::int64_t k_longest_function_timeout = 15;

struct FunctionSetup {
    /// The function's own limit, 1-15 s (absent in the answer: the default, 15).
    std::int64_t timeout_seconds = k_longest_function_timeout;
    /// What a draft's PUT .../draft/function must carry again (all required).
    std::string description;
    std::string handler;
    std::string runtime;

    bool operator==(const FunctionSetup&) const = default;
};

/// The warning for a function action whose timeout (`action_seconds`) is above
/// its function's: "<address>: the function stops at N s: raising the action's
/// timeout (M s) past it has no effect; ...".
std::string function_limit_warning(const std::string& address, std::int64_t action_seconds,
                                   std::int64_t function_seconds);

}  // namespace dactl
