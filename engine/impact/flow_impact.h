#pragma once
// Which published flows a plan's changes touch: for each changed action, the
// Architect flows that call it (FlowDependencies), read with at most one
// request per action (more only past the first page of 100 flows).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/live_action.h"
#include "engine/plan/plan.h"
#include "engine/provider/flow_dependencies.h"

namespace dactl {

/// Above this many changed actions the flows are listed only when asked for
/// (`--impact all`): one request per action.
inline constexpr std::size_t k_flow_listing_limit = 25;

/// What plan was asked for: the default (flows of up to 25 changed actions),
/// every changed action's, or none (`--no-impact`: no request).
enum class ImpactChoice { usual, all, none };

/// Why flows are or are not listed.
enum class FlowListing {
    listed,      ///< every changed action's flows were read
    off,         ///< --no-impact, or nothing changes
    over_limit,  ///< more changed actions than k_flow_listing_limit, without --impact all
    forbidden,   ///< the client may not read dependency tracking (403)
    failed,      ///< another failure; `error` says which
};

struct FlowImpact {
    FlowListing listing = FlowListing::off;
    std::map<std::string, CallingFlows> by_address;  ///< when listed
    std::size_t changed = 0;                         ///< changed actions in the plan
    std::string error;                               ///< when failed: the error, described
    /// Whether the plan changes the timeout_seconds of an action some flow
    /// calls (the note on flows that wait less than the action is then worth giving).
    bool changes_timeouts = false;

    /// The flows of a changed action, or null when not listed.
    const CallingFlows* flows_of(const std::string& address) const;
};

/// Reads the flows of each changed action (`bases`: the planned actions as read,
/// by id, for whether each is secure), `parallelism` at a time. Never fails:
/// a refusal or another error is recorded in the answer, and the plan stands.
FlowImpact flow_impact(FlowDependencies& dependencies, const Plan& plan,
                       const std::map<std::string, LiveAction>& bases, ImpactChoice choice,
                       int parallelism);

/// A flow's type in words: INBOUNDCALLFLOW "inbound call flow", BOTFLOW "bot
/// flow", ...; an unknown type lowercased.
std::string flow_type_words(const std::string& type);

}  // namespace dactl
