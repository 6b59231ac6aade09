#pragma once
// FlowDependencies: which published Architect flows call an action (the org's
// dependency tracking). A timeout change alters the caller experience of each.

#include <string>
#include <vector>

#include "engine/util/result.h"

namespace dactl {

/// A published flow that calls the action (a Dependency of dependency tracking).
struct CallingFlow {
    std::string id;
    std::string name;
    std::string type;     ///< as the service names it: INBOUNDCALLFLOW, BOTFLOW, ...
    std::string version;  ///< the published version, "12.0"

    bool operator==(const CallingFlow&) const = default;
};

/// The flows found, and whether the list may be incomplete (the service answered
/// 206: the org's dependency data is being rebuilt).
struct CallingFlows {
    std::vector<CallingFlow> flows;
    bool incomplete = false;

    bool operator==(const CallingFlows&) const = default;
};

class FlowDependencies {
public:
    virtual ~FlowDependencies() = default;

    /// The published flows calling the action `id` (a secure action is asked
    /// for as one), every page read. Fails with ErrorKind::forbidden without
    /// the permission to read dependency tracking.
    virtual Result<CallingFlows> flows_calling(const std::string& id, bool secure) = 0;
};

}  // namespace dactl
