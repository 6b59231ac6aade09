#pragma once
// Which published flows a plan's changes touch: for each changed action, the
// Architect flows that call it (FlowDependencies), read with at most one
// request per action (more only past the first page of 100 flows).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/capacity/blast_radius.h"
#include "engine/model/live_action.h"
#include "engine/plan/plan.h"
#include "engine/provider/analytics.h"
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

/// Why the blast radius is or is not shown.
enum class BlastReading {
    off,     ///< --no-impact, or no timeout changes
    shown,   ///< `blast` holds it
    failed,  ///< the analytics could not be read: `blast_error` says why
};

struct FlowImpact {
    FlowListing listing = FlowListing::off;
    /// When listed: by address (plan), or by action id (insights).
    std::map<std::string, CallingFlows> by_address;
    std::size_t changed = 0;  ///< changed actions in the plan (insights: actions asked for)
    /// Whose impact it is: plan's changes, or insights' recommendations (the
    /// "after" of the blast radius, and the command the notes name).
    bool recommendations = false;
    std::string error;  ///< when failed: the error, described
    /// Whether the plan changes the timeout_seconds of an action some flow
    /// calls (the note on flows that wait less than the action is then worth giving).
    bool changes_timeouts = false;

    /// What a hanging back-end would cost before and after the timeout changes.
    BlastReading blast_reading = BlastReading::off;
    std::optional<BlastRadius> blast;
    std::string blast_error;

    /// The flows of a changed action, or null when not listed.
    const CallingFlows* flows_of(const std::string& address) const;
};

/// One action whose flows are wanted.
struct FlowQuery {
    std::string key;  ///< how the answer files it (FlowImpact::by_address)
    std::string id;
    bool secure = false;
    bool timeout_changes = false;  ///< its timeout changes (the note on flows' own waits)
};

/// Reads the flows of each query, `parallelism` at a time, unless `choice` is
/// none or (usual) there are more than k_flow_listing_limit. Never fails.
FlowImpact read_flows(FlowDependencies& dependencies, const std::vector<FlowQuery>& queries,
                      ImpactChoice choice, int parallelism);

/// Reads the flows of each changed action (`bases`: the planned actions as read,
/// by id, for whether each is secure), `parallelism` at a time. Never fails:
/// a refusal or another error is recorded in the answer, and the plan stands.
FlowImpact flow_impact(FlowDependencies& dependencies, const Plan& plan,
                       const std::map<std::string, LiveAction>& bases, ImpactChoice choice,
                       int parallelism);

/// The timeouts the plan sets, by action id.
std::map<std::string, int> planned_timeouts(const Plan& plan);

/// What the org needs to weigh the plan's timeout changes.
struct BlastSources {
    ActionAnalytics* analytics = nullptr;
    OrgDirectory* org = nullptr;
    const std::vector<LiveAction>* live = nullptr;  ///< every action of the org, as listed
    std::int64_t configured_limit = k_default_concurrency_limit;
    std::int64_t now_ms = 0;
};

/// The blast radius of the plan's timeout changes into `impact`: one
/// analytics query (the peaks of the 7 days before now) and, when a changed
/// action's host ran at all, one read of the org's limit; only when the plan
/// changes a timeout and `choice` is not none.
/// A failed analytics read is recorded, never fatal.
void weigh_timeouts(FlowImpact& impact, const Plan& plan, const BlastSources& sources,
                    ImpactChoice choice);

/// A flow's type in words: INBOUNDCALLFLOW "inbound call flow", BOTFLOW "bot
/// flow", ...; an unknown type lowercased.
std::string flow_type_words(const std::string& type);

}  // namespace dactl
