#pragma once
// ActionStore: the org's data actions, listed, read and written.
//
// Implementations must be safe to call from several threads at once.

#include <string>
#include <vector>

#include "engine/model/desired_action.h"
#include "engine/model/live_action.h"
#include "engine/util/result.h"

namespace dactl {

class ActionStore {
public:
    virtual ~ActionStore() = default;

    /// Every action in the org that the listing shows by default, each with its
    /// config: custom authentication actions are left out (the API lists them
    /// only on request; dactl never manages them, nothing tells them apart
    /// but the listing). Template fields given only as URIs are listed in
    /// LiveAction::unloaded and left unset. Fails on the first failed page;
    /// ErrorKind::inconsistent when the listing contradicts itself twice.
    virtual Result<std::vector<LiveAction>> list_actions() = 0;

    /// The actions the listing leaves out that `selectors` select (for a
    /// declaration that selects nothing: is it a custom authentication action?).
    /// At most a request per selector; by default none, and nothing found.
    virtual Result<std::vector<LiveAction>> find_unlisted(const std::vector<Selector>& selectors);

    /// Fetches the template text of every field in `action.unloaded` and stores it
    /// in `action.fields`, emptying `unloaded`. Fails if any fetch fails.
    virtual Status load_templates(LiveAction& action) = 0;

    /// Reads one action afresh, with its config. As with list_actions, templates
    /// given only as URIs are listed in LiveAction::unloaded (call load_templates
    /// when they matter). Fails with ErrorKind::not_found if it no longer exists.
    virtual Result<LiveAction> get_action(const std::string& id) = 0;

    /// Read-modify-write: PATCHes `base` (its version, name, category and its full
    /// config from `base.document`, templates inline, fetching those still in
    /// `base.unloaded` first) with `changes` written over the managed fields. Never
    /// sends contract or secure. Answers the action as the API returned it. Fails
    /// with ErrorKind::conflict when `base.version` is no longer current, and with
    /// ErrorKind::transport or ErrorKind::timeout when the answer was lost (the
    /// write may or may not have happened).
    virtual Result<LiveAction> update_action(const LiveAction& base,
                                             const FieldValues& changes) = 0;

    /// How to read `ids` back in few requests: the ids in groups, each of which
    /// read_actions reads in one request while the org stays as it was listed.
    /// Every id is in exactly one group. By default groups of 50 in order.
    virtual std::vector<std::vector<std::string>> read_groups(const std::vector<std::string>& ids);

    /// Reads the actions `ids` afresh, each with its config, in as few requests as
    /// it can: the ones that exist, in no particular order (an id that no longer
    /// exists is absent). Templates as list_actions. By default get_action for
    /// each id.
    virtual Result<std::vector<LiveAction>> read_actions(const std::vector<std::string>& ids);

    /// As read_actions, after the run was interrupted: one attempt per request,
    /// which the interrupt does not cut short, templates loaded. By default
    /// read_after_interrupt for each id.
    virtual Result<std::vector<LiveAction>> read_actions_after_interrupt(
        const std::vector<std::string>& ids);

    /// Reads an action once more after the run was interrupted, to learn whether
    /// a write whose answer was cut off or lost landed: one attempt, which the
    /// interrupt does not cut short (the request timeout bounds it). Templates
    /// as get_action. By default get_action.
    virtual Result<LiveAction> read_after_interrupt(const std::string& id);
};

}  // namespace dactl
