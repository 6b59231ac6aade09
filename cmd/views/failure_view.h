#pragma once
// The view of a run that failed before it had a result: besides the "Error:"
// line on standard error, the JSON error document (a script always gets one
// document) and the Markdown that tells the job summary why the job failed.

#include <string>

#include "cmd/views/view.h"
#include "engine/diagnostics/diagnostic.h"

namespace dactl::cli {

View failure_view(const std::string& command, const std::string& message,
                  const Diagnostics& diagnostics);

}  // namespace dactl::cli
