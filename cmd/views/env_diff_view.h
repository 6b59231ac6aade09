#pragma once
// The view of `dactl diff-env`.

#include "cmd/views/view.h"
#include "engine/plan/env_diff.h"

namespace dactl::cli {

View env_diff_view(const EnvironmentDiff& diff);

}  // namespace dactl::cli
