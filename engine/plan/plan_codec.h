#pragma once
// The JSON forms of a plan: the machine-readable output of `plan --format json`
// (docs/json-output.md) and the saved plan file of `plan --out`.

#include <string>
#include <string_view>

#include "engine/model/org_identity.h"
#include "engine/plan/plan.h"
#include "engine/provider/flow_dependencies.h"
#include "engine/util/result.h"

namespace dactl {

inline constexpr int k_plan_format_version = 1;

/// A plan written by `dactl plan --out`, applied later by `dactl apply FILE`.
struct SavedPlan {
    int format_version = k_plan_format_version;
    std::string dactl_version;
    std::string created_at;          ///< UTC, RFC 3339
    std::string manifests_digest;    ///< Project::digest when the plan was made
    std::optional<OrgIdentity> org;  ///< the org it was made against (absent in older plans)
    std::string environment;         ///< the environment it was made for; "" for none
    Plan plan;
    /// The published flows calling each changed action, by address, as plan
    /// listed them; none when it did not (--no-impact, refused, older plans).
    std::optional<std::map<std::string, CallingFlows>> flows;
};

class JsonWriter;

/// Where a planned change is written: in a saved plan, or in the output of
/// plan and apply (docs/json-output.md), which also says "action": "update".
enum class ChangeForm { saved, output };

/// {"<key>": {"complete", "flows": [{id, name, type, version}]}}: the flows of
/// each action, as a saved plan and the "impact" member of plan and insights
/// write them.
void write_calling_flows(JsonWriter& json, const std::map<std::string, CallingFlows>& by_key);

/// One planned change as a JSON object: address, (action,) id, name, category,
/// live_version, fields [{field, before, after}], secret values masked.
void write_change(JsonWriter& json, const ActionChange& change, ChangeForm form);

/// The saved plan as pretty-printed JSON, ending in a newline, secrets masked.
std::string encode_saved_plan(const SavedPlan& saved);

/// Parses a saved plan. Fails with ErrorKind::invalid_input saying what is wrong
/// (not JSON, another format_version, a member missing or of the wrong type).
Result<SavedPlan> decode_saved_plan(std::string_view json);

/// Reads and decodes the saved plan in `path`; errors start with the path.
Result<SavedPlan> read_saved_plan(const std::string& path);

/// Writes the saved plan to `path` atomically (mode 0600).
Status write_saved_plan(const std::string& path, const SavedPlan& saved);

}  // namespace dactl
