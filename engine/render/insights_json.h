#pragma once
// The JSON documents of `dactl insights` (docs/json-output.md).

#include <string>

#include "engine/insights/insights.h"
#include "engine/insights/since_apply.h"

namespace dactl {

/// {"format_version", "command": "insights", "interval", "headroom", "queries",
/// "timeout_error_types", "summary", "actions": [...]}, times in milliseconds.
std::string encode_insights_output(const InsightsReport& report);

/// {"format_version", "command": "insights", "since_apply": {"applied_at",
/// "before", "after"}, "queries", "summary", "actions": [...]}.
std::string encode_since_apply_output(const SinceApplyReport& report);

}  // namespace dactl
