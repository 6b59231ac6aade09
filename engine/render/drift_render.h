#pragma once
// The views of a drift report: text and Markdown (drift_text.cpp), the JSON
// document (drift_json.cpp).

#include <string>

#include "engine/drift/drift.h"
#include "engine/render/markdown_text.h"
#include "engine/render/palette.h"

namespace dactl {

/// Why some secret header values were not compared, and what to do.
inline constexpr std::string_view k_secrets_unchecked_note =
    "Secret header values were not compared: the state holds them masked, or fingerprinted "
    "with another key; set DACTL_STATE_KEY to the key of the apply that wrote it.";

/// One attribution: "by Jane Admin (user 5f2e...) at 2026-11-30T10:02:11Z:
/// config.timeoutSeconds 10 -> 45", "by OAuth client X at ...", "by dactl
/// (OAuth client X) at ..."; the changes as the audit trail gives them.
std::string attribution_text(const Attribution& attribution);
/// The lines about who changed an action: how many earlier changes were left
/// out and whether the trail held more than was read, then each attribution.
std::vector<std::string> attribution_lines(const ActionDrift& drift);
/// Per drifted action a heading and, grouped by kind, its field lines, then
/// who changed it (attribution_text, from the audit trail); actions
/// that could not be found get one "!" line; then "Drift: N drifted, M in sync."
/// or "No drift. ..." when there is none, then a note when secret header values
/// could not be compared (k_secrets_unchecked_note), and why the audit trail
/// names no one when it cannot. Ends with a newline.
std::string render_drift_text(const DriftReport& report, const Palette& palette);
/// "Partial check: only action.a, action.b*; the other actions of the manifests
/// were not compared." for a drift report made with --target.
std::string partial_drift_note(const DriftReport& report);
/// The drift report as Markdown, at most `limit` bytes.
std::string render_drift_markdown(const DriftReport& report, std::size_t limit = k_markdown_limit);
/// {"format_version", "command": "drift", "environment"?, "has_state",
/// "drifted", "in_sync", "summary"}.
std::string encode_drift_output(const DriftReport& report);

}  // namespace dactl
