#pragma once
// The view of `dactl drift`.

#include "cmd/views/view.h"
#include "engine/drift/drift.h"

namespace dactl::cli {

View drift_view(const DriftReport& report);

}  // namespace dactl::cli
