#pragma once
// Applying a plan: read-modify-write PATCHes through the Provider, conflict and
// lost-answer handling, then re-reads until each action has converged.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/live_action.h"
#include "engine/plan/plan.h"
#include "engine/provider/provider.h"

namespace dactl {

enum class ActionStatus {
    applied,             ///< written, and a re-read shows every planned value
    already_applied,     ///< found holding the planned values without our write taking effect
    not_converged,       ///< written, but re-reads kept showing other values
    changed_since_plan,  ///< someone else changed a managed field since the plan; not written
    failed,              ///< the API refused or failed; not written
    not_attempted,       ///< the run stopped (interrupted, or an earlier failure) before it
};

/// Whether the status leaves the action as planned.
bool is_converged(ActionStatus status);
/// "applied", "already applied", "not converged", "changed since plan", "failed", "not attempted".
std::string_view status_text(ActionStatus status);

/// A managed field that did not hold its planned value when the action was last
/// read: what it held, and what the plan took it from and to.
struct FieldMismatch {
    Field field;
    Value live;
    Value before;
    Value after;

    bool operator==(const FieldMismatch&) const = default;
};

struct ActionResult {
    std::string address;
    std::string id;
    ActionStatus status = ActionStatus::not_attempted;
    std::int64_t version_before = 0;  ///< the version planned against
    std::int64_t version_after = 0;   ///< the version last read (0 if never read)
    int conflicts = 0;                ///< 409s met (someone else saved meanwhile)
    int lost_answers = 0;             ///< PATCHes whose answer never came
    /// A write's answer was lost and no read told whether it landed.
    bool outcome_unknown = false;
    std::optional<Error> error;  ///< why it failed, when it did
    /// Changed since plan, not converged: the managed fields that did not hold
    /// their planned values at the last read (of version_after).
    std::vector<FieldMismatch> mismatches;
    std::optional<LiveAction> final;  ///< the action as last read, when it was read
};

struct ApplyReport {
    std::vector<ActionResult> results;  ///< in plan order (sorted by address)

    /// True when every planned action converged.
    bool succeeded() const;
    /// How many results have this status.
    std::size_t count(ActionStatus status) const;
};

/// Told about progress; calls are serialised (never two at once).
class ApplyObserver {
public:
    virtual ~ApplyObserver() = default;
    virtual void started(const ActionChange& /*change*/) {}
    virtual void finished(const ActionResult& /*result*/) {}
};

struct ApplyOptions {
    int parallelism = 1;       ///< actions written at once
    int conflict_retries = 3;  ///< 409s retried per action while the planned "before" still holds
    int lost_answer_retries = 4;  ///< PATCHes re-sent after a lost answer, once re-read
    /// Delays before each re-read while waiting for a write to show (stale reads).
    std::vector<std::chrono::milliseconds> reread_delays = {
        std::chrono::milliseconds(0),    std::chrono::milliseconds(250),
        std::chrono::milliseconds(500),  std::chrono::milliseconds(1000),
        std::chrono::milliseconds(2000), std::chrono::milliseconds(4000)};
    std::function<void(std::chrono::milliseconds)> sleep;  ///< empty: really sleep
    /// Set from a signal handler. Once it is true no new action starts and no
    /// write is sent again; a write in flight is learnt about by one read
    /// (ActionStore::read_after_interrupt), and waits end at once.
    const std::atomic<bool>* interrupted = nullptr;
    /// Stop starting new actions after the first that fails.
    bool stop_on_failure = false;
};

/// Applies every change of `plan`. `bases` holds, by id, each planned action as
/// read when the plan was made (its version and document are the starting point
/// of the read-modify-write). Never throws; every outcome is in the report.
ApplyReport apply_plan(Provider& provider, const Plan& plan,
                       const std::map<std::string, LiveAction>& bases, const ApplyOptions& options,
                       ApplyObserver& observer);

}  // namespace dactl
