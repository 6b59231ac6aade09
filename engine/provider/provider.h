#pragma once
// Provider: the engine's only window on the org. The Genesys implementation
// lives in providers/; tests use fakes from tests/support/.
//
// Implementations must be safe to call from several threads at once.

#include <string>
#include <vector>

#include "engine/model/live_action.h"
#include "engine/util/result.h"

namespace dactl {

class Provider {
public:
    virtual ~Provider() = default;

    /// Every action in the org, custom authentication actions included, each with
    /// its config. Template fields given only as URIs are listed in
    /// LiveAction::unloaded and left unset. Fails on the first failed page.
    virtual Result<std::vector<LiveAction>> list_actions() = 0;

    /// Fetches the template text of every field in `action.unloaded` and stores it
    /// in `action.fields`, emptying `unloaded`. Fails if any fetch fails.
    virtual Status load_templates(LiveAction& action) = 0;

    /// Reads one action afresh, with its config. As with list_actions, templates
    /// given only as URIs are listed in LiveAction::unloaded (call load_templates
    /// when they matter). Fails with ErrorKind::not_found if it no longer exists.
    virtual Result<LiveAction> get_action(const std::string& id) = 0;

    /// Read-modify-write: PATCHes `base` (its version, name, category and its full
    /// config from `base.document`, templates inline, fetching those still in
    /// `base.unloaded` first) with `changes` written over the managed fields. Never sends contract or secure. Answers the action as
    /// the API returned it. Fails with ErrorKind::conflict when `base.version` is
    /// no longer current, and with ErrorKind::transport or ErrorKind::timeout when
    /// the answer was lost (the write may or may not have happened).
    virtual Result<LiveAction> update_action(const LiveAction& base, const FieldValues& changes) = 0;
};

}  // namespace dactl
