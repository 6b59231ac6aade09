#pragma once
// Provider: the engine's only window on the org. The Genesys implementation
// lives in providers/; tests use fakes from tests/support/.
//
// Implementations must be safe to call from several threads at once.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/model/audit.h"
#include "engine/model/execution_stats.h"
#include "engine/model/function_setup.h"
#include "engine/model/live_action.h"
#include "engine/model/org_identity.h"
#include "engine/util/result.h"

namespace dactl {

/// Which version of an action a test runs against.
enum class TestTarget { published, draft };

/// What one run of an action's test endpoint said.
struct TestRun {
    bool success = false;
    bool timed_out = false;  ///< the action's timeout cut the third-party call off
    std::string error;       ///< the API's error text when it failed
};

class Provider {
public:
    virtual ~Provider() = default;

    /// Which org the credentials reach: its id and name, or its login host when
    /// the client may not read the org (one request).
    virtual Result<OrgIdentity> org_identity();

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
    /// `base.unloaded` first) with `changes` written over the managed fields. Never sends contract
    /// or secure. Answers the action as the API returned it. Fails with ErrorKind::conflict when
    /// `base.version` is no longer current, and with ErrorKind::transport or ErrorKind::timeout
    /// when the answer was lost (the write may or may not have happened).
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

    /// For `dactl insights`: the execution statistics of every action that ran in
    /// `query.interval`, grouped as asked (one request; a read, retried as one).
    /// An empty answer when nothing ran. Fails with the API's error (ErrorKind::
    /// forbidden without the permission, bad_request for an interval too long).
    virtual Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query);

    /// For `dactl drift`: the services of the audit trail and their entity types
    /// (GET /api/v2/audits/query/realtime/servicemapping).
    virtual Result<std::vector<AuditService>> audit_services();
    /// One page of the audit trail's entries about actions, oldest first, users
    /// named. Fails with ErrorKind::forbidden without the permission.
    virtual Result<AuditPage> query_audits(const AuditQuery& query);

    // For `dactl probe`. The test endpoints call the real back-end.

    /// POST .../{id}/test (or .../{id}/draft/test) with `input_json` as the body.
    /// Answers the test's outcome; fails only when the API refuses the call.
    virtual Result<TestRun> test_action(const std::string& id, const std::string& input_json,
                                        TestTarget target);
    /// The action's draft (someone's work in progress, or one an earlier probe
    /// left), or nothing when it has none.
    virtual Result<std::optional<LiveAction>> get_draft(const std::string& id);
    /// Creates a draft from the published action; answers the draft (config included).
    virtual Result<LiveAction> create_draft(const std::string& id);
    /// PATCHes the draft (at `draft.version`) with `changes` over its full config.
    virtual Result<LiveAction> update_draft(const LiveAction& draft, const FieldValues& changes);
    /// Deletes the action's draft; the interrupt does not stop it (a draft dactl
    /// made must not be left behind).
    virtual Status delete_draft(const std::string& id);

    // Function data actions: their function's own timeout (1-15 s).

    /// The ids of the org's integrations of type function-data-actions, whose
    /// actions run a function (every page of GET /api/v2/integrations).
    virtual Result<std::set<std::string>> function_integrations();
    /// The published function of a function action.
    virtual Result<FunctionSetup> get_function(const std::string& id);
    /// Replaces the function of the action's draft with `function`; answers it as stored.
    virtual Result<FunctionSetup> put_draft_function(const std::string& id,
                                                     const FunctionSetup& function);
    /// Publishes the action's draft at `draft_version`; answers the published
    /// action. Fails with ErrorKind::conflict when the draft moved on.
    virtual Result<LiveAction> publish_draft(const std::string& id, std::int64_t draft_version);
};

}  // namespace dactl
