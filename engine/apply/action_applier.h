#pragma once
// ActionApplier: applies one planned change (internal to apply_plan).

#include "engine/apply/apply.h"

namespace dactl {

/// No answer came (or the interrupt cut it off): the write may or may not have happened.
bool answer_lost(const Error& error);

/// Waits `delay` as `options` says (its sleep, else really, cut short by the interrupt).
void pause_for(const ApplyOptions& options, std::chrono::milliseconds delay);

/// A change's result before anything was tried: its address, id and planned
/// version, ActionStatus::not_attempted.
ActionResult initial_result(const ActionChange& change);

/// One planned change: written first (write), then confirmed by reads that the
/// runner makes for many actions at once (confirm, then conclude).
class ActionApplier {
public:
    ActionApplier(ActionStore& provider, const ApplyOptions& options, const ActionChange& change,
                  const LiveAction& base);

    /// Writes the change (handling conflicts and lost answers, with reads of
    /// this action only). True when it was written and now waits for a read to
    /// confirm it; false when the outcome is settled (failed, changed since
    /// plan, already applied).
    bool write();

    /// Whether `fresh` has a managed field only as a template URI: it must be
    /// loaded (ActionStore::load_templates) before confirm.
    bool needs_templates(const LiveAction& fresh) const;

    /// What a read after the write told.
    enum class Confirmed {
        applied,  ///< it shows every planned value
        again,    ///< it does not (yet): a stale read, perhaps; read again later
        settled,  ///< it does not, and neither did the write's answer: not converged
    };
    /// Takes a read made after the write.
    Confirmed confirm(const LiveAction& fresh);

    /// No read confirmed the write: not converged, with the fields the last read
    /// showed otherwise, or `last_error` when no read succeeded.
    void conclude(std::optional<Error> last_error);

    /// After the interrupt, the one read that decides: applied when it shows the
    /// plan, else not converged (with its fields, or the read's error).
    void conclude_after_interrupt(const Result<LiveAction>& fresh);

    const ActionResult& result() const { return m_result; }
    ActionResult take_result() { return std::move(m_result); }

private:
    enum class Holds { planned_after, planned_before, something_else };
    /// What to do after a PATCH attempt.
    enum class Step { retry, verify, stop };

    Step write_once();
    Step on_written(const LiveAction& answer);
    Step on_conflict(const Error& error, LiveAction& current);
    Step on_lost_answer(const Error& error, LiveAction& current);
    Step retry_from(LiveAction fresh, LiveAction& current);
    bool interrupted() const;
    Result<LiveAction> read_after_interrupt();

    Holds holds(const LiveAction& action) const;
    std::vector<FieldMismatch> mismatches(const LiveAction& action) const;
    Result<LiveAction> read();
    Result<LiveAction> read_newer_than(std::int64_t version);
    void record_read(const LiveAction& action);
    Step settle(ActionStatus status, std::optional<Error> error,
                std::vector<FieldMismatch> mismatches = {});
    void pause(std::chrono::milliseconds delay) const;

    /// The PATCH answer carried the config and showed other values than planned.
    bool m_answer_disagrees = false;
    ActionStore& m_provider;
    const ApplyOptions& m_options;
    const ActionChange& m_change;
    const LiveAction& m_base;
    ActionResult m_result;
};

}  // namespace dactl
