#pragma once
// The human view of a drift report.

#include <string>

#include "engine/drift/drift.h"
#include "engine/render/palette.h"

namespace dactl {

/// Per drifted action a heading and, grouped by kind, its field lines; actions
/// that could not be found get one "!" line; then "Drift: N drifted, M in sync."
/// or "No drift. ..." when there is none. Ends with a newline.
std::string render_drift_text(const DriftReport& report, const Palette& palette);

}  // namespace dactl
