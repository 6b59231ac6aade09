#include "engine/apply/action_applier.h"

#include "engine/json/json_reader.h"
#include "engine/util/interrupt.h"

namespace dactl {

bool answer_lost(const Error& error) {
    return error.kind == ErrorKind::transport || error.kind == ErrorKind::timeout ||
           error.kind == ErrorKind::server || error.kind == ErrorKind::cancelled;
}

void pause_for(const ApplyOptions& options, std::chrono::milliseconds delay) {
    if (delay.count() <= 0) {
        return;
    }
    if (options.sleep) {
        options.sleep(delay);
    } else {
        (void)sleep_unless_interrupted(delay, options.interrupted);
    }
}

namespace {

Error interrupted_error(const std::string& what) {
    return make_error(ErrorKind::cancelled, "interrupted " + what);
}

}  // namespace

ActionResult initial_result(const ActionChange& change) {
    ActionResult result;
    result.address = change.address;
    result.id = change.id;
    result.version_before = change.version;
    return result;
}

ActionApplier::ActionApplier(ActionStore& provider, const ApplyOptions& options,
                             const ActionChange& change, const LiveAction& base)
    : m_provider(provider),
      m_options(options),
      m_change(change),
      m_base(base),
      m_result(initial_result(change)) {}

bool ActionApplier::write() {
    return write_once() == Step::verify;
}

ActionApplier::Step ActionApplier::write_once() {
    LiveAction current = m_base;
    const FieldValues after = m_change.after_values();
    Step step = Step::retry;
    while (step == Step::retry) {
        Result<LiveAction> answer = m_provider.update_action(current, after);
        if (answer) {
            return on_written(*answer);
        }
        const Error& error = answer.error();
        if (error.kind == ErrorKind::conflict) {
            step = on_conflict(error, current);
        } else if (answer_lost(error)) {
            step = on_lost_answer(error, current);
        } else {
            step = settle(ActionStatus::failed, error);
        }
    }
    return step;
}

// The PATCH answer is the action as the service stored it. It is checked
// first: when it carries the config and shows other values than planned, the
// first read that agrees settles the outcome (no backoff for a stale read that
// the answer already contradicts). Either way a read confirms it.
ActionApplier::Step ActionApplier::on_written(const LiveAction& answer) {
    m_result.version_after = answer.version;
    m_answer_disagrees = has_member(answer.document, "config") && answer.unloaded.empty() &&
                         holds(answer) != Holds::planned_after;
    return Step::verify;
}

// Someone else saved since `current` was read: retry on top of their save as
// long as the managed fields still hold what the plan was computed from.
ActionApplier::Step ActionApplier::on_conflict(const Error& error, LiveAction& current) {
    if (interrupted()) {
        return settle(ActionStatus::failed,
                      interrupted_error("after someone else's save (409); not written"));
    }
    if (++m_result.conflicts > m_options.conflict_retries) {
        Error stuck = error;
        stuck.message = "still conflicting after " + std::to_string(m_options.conflict_retries) +
                        " retries: " + error.message;
        return settle(ActionStatus::failed, stuck);
    }
    Result<LiveAction> fresh = read_newer_than(current.version);
    if (!fresh) {
        return settle(ActionStatus::failed, fresh.error());
    }
    if (holds(*fresh) == Holds::planned_after) {
        return settle(ActionStatus::already_applied, std::nullopt);
    }
    return retry_from(std::move(fresh).value(), current);
}

// The PATCH's answer was lost: look before writing again. After the
// interrupt, that look (one read) only tells what happened: nothing is sent again.
ActionApplier::Step ActionApplier::on_lost_answer(const Error& error, LiveAction& current) {
    if (++m_result.lost_answers > m_options.lost_answer_retries) {
        m_result.outcome_unknown = true;
        return settle(ActionStatus::failed, error);
    }
    const bool stopping = interrupted();
    Result<LiveAction> fresh = stopping ? read_after_interrupt() : read();
    if (!fresh) {
        m_result.outcome_unknown = true;
        return settle(ActionStatus::failed, fresh.error());
    }
    if (holds(*fresh) == Holds::planned_after) {
        return stopping ? settle(ActionStatus::applied, std::nullopt) : Step::verify;
    }
    if (stopping && holds(*fresh) == Holds::planned_before) {
        // A write cut off in flight may still land after this read.
        m_result.outcome_unknown = true;
        return settle(ActionStatus::failed,
                      interrupted_error("before the write was answered, and a re-read does not "
                                        "show it"));
    }
    return retry_from(std::move(fresh).value(), current);
}

// After a re-read that does not show the plan: write again on top of `fresh` while
// the managed fields still hold what the plan was computed from, else stop.
ActionApplier::Step ActionApplier::retry_from(LiveAction fresh, LiveAction& current) {
    if (holds(fresh) == Holds::something_else) {
        return settle(ActionStatus::changed_since_plan, std::nullopt, mismatches(fresh));
    }
    current = std::move(fresh);
    return Step::retry;
}

bool ActionApplier::needs_templates(const LiveAction& fresh) const {
    for (const auto& change : m_change.fields) {
        if (fresh.unloaded.count(change.field) != 0) {
            return true;
        }
    }
    return false;
}

ActionApplier::Confirmed ActionApplier::confirm(const LiveAction& fresh) {
    record_read(fresh);
    if (holds(fresh) == Holds::planned_after) {
        settle(ActionStatus::applied, std::nullopt);
        return Confirmed::applied;
    }
    if (m_answer_disagrees) {
        conclude(std::nullopt);
        return Confirmed::settled;
    }
    return Confirmed::again;
}

void ActionApplier::conclude(std::optional<Error> last_error) {
    if (m_result.final) {
        settle(ActionStatus::not_converged, std::nullopt, mismatches(*m_result.final));
    } else {
        settle(ActionStatus::not_converged, std::move(last_error));
    }
}

ActionApplier::Holds ActionApplier::holds(const LiveAction& action) const {
    bool all_after = true;
    for (const auto& change : m_change.fields) {
        const Value& live = action.get(change.field);
        if (value_satisfies(change.field, live, change.after)) {
            continue;
        }
        all_after = false;
        if (!value_satisfies(change.field, live, change.before)) {
            return Holds::something_else;
        }
    }
    return all_after ? Holds::planned_after : Holds::planned_before;
}

std::vector<FieldMismatch> ActionApplier::mismatches(const LiveAction& action) const {
    std::vector<FieldMismatch> found;
    for (const auto& change : m_change.fields) {
        const Value& live = action.get(change.field);
        if (!value_satisfies(change.field, live, change.after)) {
            found.push_back(FieldMismatch{change.field, live, change.before, change.after});
        }
    }
    return found;
}

void ActionApplier::conclude_after_interrupt(const Result<LiveAction>& fresh) {
    if (!fresh) {
        settle(ActionStatus::not_converged, fresh.error());
        return;
    }
    record_read(*fresh);
    if (holds(*fresh) == Holds::planned_after) {
        settle(ActionStatus::applied, std::nullopt);
    } else {
        settle(ActionStatus::not_converged, std::nullopt, mismatches(*fresh));
    }
}

bool ActionApplier::interrupted() const {
    return is_interrupted(m_options.interrupted);
}

Result<LiveAction> ActionApplier::read_after_interrupt() {
    Result<LiveAction> fresh = m_provider.read_after_interrupt(m_change.id);
    if (fresh) {
        record_read(*fresh);
    }
    return fresh;
}

Result<LiveAction> ActionApplier::read() {
    Result<LiveAction> fresh = m_provider.get_action(m_change.id);
    if (!fresh) {
        return fresh;
    }
    bool needs_templates = false;
    for (const auto& change : m_change.fields) {
        needs_templates = needs_templates || fresh->unloaded.count(change.field) != 0;
    }
    if (needs_templates) {
        if (Status loaded = m_provider.load_templates(*fresh); !loaded) {
            return loaded.error();
        }
    }
    record_read(*fresh);
    return fresh;
}

// Re-reads until the version moves past `version` (a read may be stale for a
// while after a write), or the delays run out; answers the last read.
Result<LiveAction> ActionApplier::read_newer_than(std::int64_t version) {
    std::optional<Result<LiveAction>> last;
    for (auto delay : m_options.reread_delays) {
        pause(delay);
        last.emplace(read());
        if (*last && (*last)->version > version) {
            break;
        }
    }
    return last ? std::move(*last) : read();
}

void ActionApplier::record_read(const LiveAction& action) {
    m_result.final = action;
    m_result.version_after = action.version;
}

ActionApplier::Step ActionApplier::settle(ActionStatus status, std::optional<Error> error,
                                          std::vector<FieldMismatch> mismatches) {
    m_result.status = status;
    m_result.error = std::move(error);
    m_result.mismatches = std::move(mismatches);
    return Step::stop;
}

void ActionApplier::pause(std::chrono::milliseconds delay) const {
    pause_for(m_options, delay);
}

}  // namespace dactl
