#include "engine/model/function_setup.h"

namespace dactl {

std::string function_limit_warning(const std::string& address, std::int64_t action_seconds,
                                   std::int64_t function_seconds) {
    return address + ": the function stops at " + std::to_string(function_seconds) +
           " s: raising the action's timeout (" + std::to_string(action_seconds) +
           " s) past it has no effect; the function's own limit is function.timeout_seconds "
           "(1-15 s)";
}

}  // namespace dactl
