#pragma once
// The views of a comparison of two environments (dactl diff-env): text and
// Markdown (env_diff_text.cpp), the JSON document (env_diff_json.cpp).

#include <string>

#include "engine/plan/env_diff.h"
#include "engine/render/palette.h"

namespace dactl {

/// Per action with something to say a heading, then its differences grouped
/// as unintended, not applied yet and intended (first -> second,
/// field_change_lines, with why a side differs), an action missing in one org
/// as one "!" line, and overrides not applied yet; then the summary line.
/// Ends with a newline.
std::string render_env_diff_text(const EnvironmentDiff& diff, const Palette& palette);
/// The same as a Markdown job summary.
std::string render_env_diff_markdown(const EnvironmentDiff& diff);
/// {"format_version", "command": "diff-env", "environments": [A, B],
/// "actions": [{"address", "name", "ids": {A, B}, "missing_in", "differences":
/// [{"field", A, B, "intended", "judgement", "declared": {A, B}, "standing":
/// {A, B}}], "not_applied": [fields]}], "summary": {"compared", "intended",
/// "not_applied", "unintended"}}; secret header values masked.
std::string encode_env_diff_output(const EnvironmentDiff& diff);

}  // namespace dactl
