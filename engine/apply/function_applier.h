#pragma once
// Internal to apply_plan: a change to a function data action's own timeout,
// written through a draft of the action, never to the action in place.

#include "engine/apply/apply.h"

namespace dactl {

/// Whether the change sets the function's timeout (Field::function_timeout_seconds).
bool changes_function(const ActionChange& change);

/// Applies `change` through a draft: GET .../draft (someone's draft there: failed,
/// nothing written), POST .../draft, PATCH .../draft with the change's config
/// fields (only when it has any), PUT .../draft/function with `base.function`'s
/// description, handler and runtime and the planned timeout, POST
/// .../draft/publish at the draft's version, then GET .../function (and the
/// action, when its config changed and the publish answer does not show it)
/// until they show the plan. A failure or the interrupt after the draft was made
/// deletes the draft; the error then says the action is unchanged.
ActionResult apply_through_draft(Provider& provider, const ApplyOptions& options,
                                 const ActionChange& change, const LiveAction& base);

}  // namespace dactl
