#pragma once
// ActionApplier: applies one planned change (internal to apply_plan).

#include "engine/apply/apply.h"

namespace dactl {

/// A change's result before anything was tried: its address, id and planned
/// version, ActionStatus::not_attempted.
ActionResult initial_result(const ActionChange& change);

class ActionApplier {
public:
    ActionApplier(Provider& provider, const ApplyOptions& options, const ActionChange& change,
                  const LiveAction& base);

    /// Writes the change and waits for it to show. Never fails: the outcome is
    /// in the result.
    ActionResult run();

private:
    enum class Holds { planned_after, planned_before, something_else };
    /// What to do after a PATCH attempt.
    enum class Step { retry, verify, stop };

    Step write();
    Step on_conflict(const Error& error, LiveAction& current);
    Step on_lost_answer(const Error& error, LiveAction& current);
    Step retry_from(LiveAction fresh, LiveAction& current);
    void verify();
    void verify_after_interrupt();
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

    Provider& m_provider;
    const ApplyOptions& m_options;
    const ActionChange& m_change;
    const LiveAction& m_base;
    ActionResult m_result;
};

}  // namespace dactl
