#pragma once
// What every JSON document of dactl's output shares (docs/json-output.md):
// the opening members, the diagnostics, a plan's changes and summary.

#include <string>
#include <string_view>

#include "engine/diagnostics/diagnostic.h"
#include "engine/plan/plan.h"

namespace dactl {

inline constexpr int k_output_format_version = 1;

class JsonWriter;

/// Opens the document of every command: `{"format_version", "command"` (the
/// caller writes the rest and closes it).
void begin_output(JsonWriter& json, std::string_view command);
/// "environment": the run's environment, when it has one.
void environment_member(JsonWriter& json, const std::string& environment);
/// "diagnostics": [{"path", "line", "column", "severity", "message"}].
void write_diagnostics(JsonWriter& json, const Diagnostics& diagnostics);
/// "changes", "unchanged", "targets" of a plan (and "environment" when it has one).
void write_changes(JsonWriter& json, const Plan& plan);
/// "summary": {"to_change", "unchanged", "governed_by_rules"}.
void write_plan_summary(JsonWriter& json, const Plan& plan);

}  // namespace dactl
