#pragma once
// The views of a comparison of two environments (dactl diff-env).

#include <string>

#include "engine/plan/env_diff.h"
#include "engine/render/palette.h"

namespace dactl {

/// Per action with something to say a heading, then its differences grouped
/// as unintended and intended (first -> second, field_change_lines), an
/// action missing in one org as one "!" line, and overrides not applied yet;
/// then the summary line. Ends with a newline.
std::string render_env_diff_text(const EnvironmentDiff& diff, const Palette& palette);

/// The same as a Markdown job summary.
std::string render_env_diff_markdown(const EnvironmentDiff& diff);

/// {"format_version", "command": "diff-env", "environments": [A, B],
/// "actions": [{"address", "name", "ids": {A, B}, "missing_in", "differences":
/// [{"field", A, B, "intended"}], "not_applied": [fields]}], "summary":
/// {"compared", "intended", "unintended"}}; secret header values masked.
std::string encode_env_diff_output(const EnvironmentDiff& diff);

}  // namespace dactl
