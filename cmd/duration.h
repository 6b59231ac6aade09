#pragma once

#include <chrono>
#include <string>

#include "engine/util/result.h"

namespace dactl::cli {

/// "500ms", "30s", "2m", "1h", or a plain number of seconds. Fails with
/// ErrorKind::invalid_input naming the option for anything else.
Result<std::chrono::milliseconds> parse_duration(const std::string& text,
                                                 const std::string& option);

}  // namespace dactl::cli
