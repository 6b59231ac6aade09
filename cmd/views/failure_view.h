#pragma once
// The view of a run that failed before it had a result: besides the "Error:"
// line on standard error, the JSON error document (a script always gets one
// document) and the Markdown that tells the job summary why the job failed.

#include "cmd/views/view.h"
#include "engine/render/error_render.h"

namespace dactl::cli {

View failure_view(const Failure& failure);

}  // namespace dactl::cli
