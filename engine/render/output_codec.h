#pragma once
// The machine-readable output of plan, apply and drift (`--format json`), one
// versioned schema documented in docs/json-output.md. Keys come in a fixed
// order; secret header values are masked.

#include <string>

#include "engine/apply/apply.h"
#include "engine/diagnostics/diagnostic.h"
#include "engine/drift/drift.h"
#include "engine/plan/plan.h"
#include "engine/plan/plan_codec.h"
#include "engine/probe/probe_report.h"

namespace dactl {

inline constexpr int k_output_format_version = 1;

class JsonWriter;

/// Opens the document of every command: `{"format_version", "command"` (the
/// caller writes the rest and closes it).
void begin_output(JsonWriter& json, std::string_view command);

/// {"format_version", "command": "plan", "changes", "unchanged", "summary"}.
std::string encode_plan_output(const Plan& plan);

/// The plan's members plus "saved": {"created_at", "dactl_version", "org",
/// "manifests_digest"}, for `dactl show PLANFILE`.
std::string encode_show_output(const SavedPlan& saved);

/// The plan's members plus "results" (one per planned action) and "succeeded".
std::string encode_apply_output(const Plan& plan, const ApplyReport& report);

/// {"format_version", "command": "drift", "has_state", "drifted", "in_sync", "summary"}.
std::string encode_drift_output(const DriftReport& report);

/// {"format_version", "command": "probe", "headroom", "actions": [...]}, latencies
/// in milliseconds.
std::string encode_probe_output(const ProbeReport& report);

/// {"format_version", "command": "validate", "valid": true, "actions", "files",
/// "diagnostics"} (the warnings) for valid manifests, and "environments" (the
/// ones checked) when any is; invalid ones give the error document below.
std::string encode_validate_output(std::size_t actions, std::size_t files,
                                   const Diagnostics& diagnostics,
                                   const std::vector<std::string>& environments = {});

/// {"format_version", "command", "error", "diagnostics"} for a run that failed
/// before it had a result.
std::string encode_error_output(const std::string& command, const std::string& error,
                                const Diagnostics& diagnostics);

}  // namespace dactl
