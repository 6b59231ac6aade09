#pragma once
// Reading TestExecutionResult, the answer of an action's (or draft's) test endpoint.

#include <string_view>

#include "engine/provider/provider.h"
#include "engine/util/result.h"

namespace dactl::genesys {

/// The test's outcome: `success`, and when it failed the API's error message,
/// and whether the failure is the action's timeout cutting the call off (an
/// error code or message naming a timeout). Fails with
/// ErrorKind::invalid_response when the body is not a TestExecutionResult.
Result<TestRun> decode_test_result(std::string_view json);

}  // namespace dactl::genesys
