#pragma once
// FunctionStore: function data actions and their function's own timeout (1-15 s).

#include <set>
#include <string>

#include "engine/model/function_setup.h"
#include "engine/util/result.h"

namespace dactl {

class FunctionStore {
public:
    virtual ~FunctionStore() = default;

    /// The ids of the org's integrations of type function-data-actions, whose
    /// actions run a function (every page of GET /api/v2/integrations).
    virtual Result<std::set<std::string>> function_integrations() = 0;
    /// The published function of a function action.
    virtual Result<FunctionSetup> get_function(const std::string& id) = 0;
    /// Replaces the function of the action's draft with `function`; answers it as stored.
    virtual Result<FunctionSetup> put_draft_function(const std::string& id,
                                                     const FunctionSetup& function) = 0;
};

}  // namespace dactl
