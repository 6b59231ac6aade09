#include "engine/apply/apply.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include "engine/apply/action_applier.h"
#include "engine/apply/function_applier.h"
#include "engine/util/interrupt.h"
#include "engine/util/parallel.h"

namespace dactl {

bool is_converged(ActionStatus status) {
    return status == ActionStatus::applied || status == ActionStatus::already_applied;
}

std::string_view status_text(ActionStatus status) {
    switch (status) {
        case ActionStatus::applied:
            return "applied";
        case ActionStatus::already_applied:
            return "already applied";
        case ActionStatus::not_converged:
            return "not converged";
        case ActionStatus::changed_since_plan:
            return "changed since plan";
        case ActionStatus::failed:
            return "failed";
        case ActionStatus::not_attempted:
            return "not attempted";
    }
    return "unknown";
}

bool ApplyReport::succeeded() const {
    return std::all_of(results.begin(), results.end(),
                       [](const ActionResult& result) { return is_converged(result.status); });
}

std::size_t ApplyReport::count(ActionStatus status) const {
    return static_cast<std::size_t>(
        std::count_if(results.begin(), results.end(),
                      [&](const ActionResult& result) { return result.status == status; }));
}

namespace {

// Applies a plan in waves: each wave is a group of actions that one read can
// confirm (Provider::read_groups). Its writes go out in parallel; then the
// written ones are confirmed together, read again after each delay while some
// do not show the plan yet (stale reads), and only then reported not converged.
class Runner {
public:
    Runner(Provider& provider, const Plan& plan, const std::map<std::string, LiveAction>& bases,
           const ApplyOptions& options, ApplyObserver& observer)
        : m_provider(provider),
          m_plan(plan),
          m_bases(bases),
          m_options(options),
          m_observer(observer),
          m_appliers(plan.changes.size()) {
        for (const auto& change : plan.changes) {
            m_report.results.push_back(initial_result(change));
        }
    }

    ApplyReport run() {
        for (const std::vector<std::size_t>& wave : waves()) {
            if (stopping()) {
                break;  // the rest stay not attempted
            }
            run_wave(wave);
        }
        for (std::size_t index = 0; index < m_plan.changes.size(); ++index) {
            if (changes_function(m_plan.changes[index])) {
                if (stopping()) {
                    break;
                }
                run_through_draft(index);
            }
        }
        return std::move(m_report);
    }

private:
    bool stopping() const { return m_stop.load() || interrupted(); }
    bool interrupted() const {
        return m_options.interrupted != nullptr && m_options.interrupted->load();
    }

    // A change to a function's timeout, one at a time: through a draft.
    void run_through_draft(std::size_t index) {
        const ActionChange& change = m_plan.changes[index];
        notify([&] { m_observer.started(change); });
        auto base = m_bases.find(change.id);
        ActionResult& result = m_report.results[index];
        if (base == m_bases.end()) {
            result.status = ActionStatus::failed;
            result.error =
                make_error(ErrorKind::generic, "the action was not read before applying");
        } else {
            result = apply_through_draft(m_provider, m_options, change, base->second);
        }
        notify([&] { m_observer.finished(result); });
        stop_after(result);
    }

    // The plan's changes as the provider groups them for reading back; those
    // that change a function are applied apart (run_through_draft).
    std::vector<std::vector<std::size_t>> waves() const {
        std::vector<std::string> ids;
        std::map<std::string, std::size_t> index_of;
        for (std::size_t i = 0; i < m_plan.changes.size(); ++i) {
            if (changes_function(m_plan.changes[i])) {
                continue;
            }
            ids.push_back(m_plan.changes[i].id);
            index_of.emplace(m_plan.changes[i].id, i);
        }
        std::vector<std::vector<std::size_t>> waves;
        for (const auto& group : m_provider.actions().read_groups(ids)) {
            std::vector<std::size_t> wave;
            wave.reserve(group.size());
            for (const std::string& id : group) {
                wave.push_back(index_of.at(id));
            }
            std::sort(wave.begin(), wave.end());
            waves.push_back(std::move(wave));
        }
        return waves;
    }

    void run_wave(const std::vector<std::size_t>& wave) {
        std::vector<char> written(wave.size(), 0);
        parallel_for(wave.size(), m_options.parallelism, [&](std::size_t at) {
            if (!stopping()) {  // else left as not attempted
                written[at] = write_at(wave[at]) ? 1 : 0;
            }
        });
        std::vector<std::size_t> pending;
        for (std::size_t at = 0; at < wave.size(); ++at) {
            if (written[at] != 0) {
                pending.push_back(wave[at]);
            }
        }
        confirm(pending);
        for (std::size_t index : wave) {
            if (m_appliers[index]) {
                finish(index);
            }
        }
    }

    // Writes one change; true when it waits for a read to confirm it.
    bool write_at(std::size_t index) {
        const ActionChange& change = m_plan.changes[index];
        notify([&] { m_observer.started(change); });
        auto base = m_bases.find(change.id);
        if (base == m_bases.end()) {
            ActionResult& result = m_report.results[index];
            result.status = ActionStatus::failed;
            result.error =
                make_error(ErrorKind::generic, "the action was not read before applying");
            notify([&] { m_observer.finished(result); });
            stop_after(result);
            return false;
        }
        m_appliers[index] =
            std::make_unique<ActionApplier>(m_provider.actions(), m_options, change, base->second);
        return m_appliers[index]->write();
    }

    void confirm(std::vector<std::size_t> pending) {
        std::map<std::string, std::optional<Error>> last_errors;
        for (auto delay : m_options.reread_delays) {
            if (pending.empty()) {
                return;
            }
            pause(delay);
            if (interrupted()) {
                confirm_after_interrupt(pending);
                return;
            }
            Result<std::vector<LiveAction>> read = read_back(pending);
            std::vector<std::size_t> again;
            for (std::size_t index : pending) {
                ActionApplier& applier = *m_appliers[index];
                const std::string& id = m_plan.changes[index].id;
                Result<LiveAction> fresh = found_in(read, id);
                if (fresh && applier.needs_templates(*fresh)) {
                    if (Status loaded = m_provider.actions().load_templates(*fresh); !loaded) {
                        fresh = loaded.error();
                    }
                }
                if (!fresh) {
                    last_errors[id] = fresh.error();
                    again.push_back(index);
                } else if (applier.confirm(*fresh) == ActionApplier::Confirmed::again) {
                    again.push_back(index);
                }
            }
            pending = std::move(again);
        }
        for (std::size_t index : pending) {
            m_appliers[index]->conclude(last_errors[m_plan.changes[index].id]);
        }
    }

    void confirm_after_interrupt(const std::vector<std::size_t>& pending) {
        Result<std::vector<LiveAction>> read =
            m_provider.actions().read_actions_after_interrupt(ids_of(pending));
        for (std::size_t index : pending) {
            m_appliers[index]->conclude_after_interrupt(found_in(read, m_plan.changes[index].id));
        }
    }

    Result<std::vector<LiveAction>> read_back(const std::vector<std::size_t>& pending) {
        return m_provider.actions().read_actions(ids_of(pending));
    }

    std::vector<std::string> ids_of(const std::vector<std::size_t>& indices) const {
        std::vector<std::string> ids;
        ids.reserve(indices.size());
        for (std::size_t index : indices) {
            ids.push_back(m_plan.changes[index].id);
        }
        return ids;
    }

    // The action `id` from a bulk read: its failure, or not_found when absent.
    static Result<LiveAction> found_in(const Result<std::vector<LiveAction>>& read,
                                       const std::string& id) {
        if (!read) {
            return read.error();
        }
        for (const LiveAction& action : *read) {
            if (action.id == id) {
                return action;
            }
        }
        return make_error(ErrorKind::not_found, "action " + id + " was not found when read back");
    }

    void finish(std::size_t index) {
        ActionResult result = m_appliers[index]->take_result();
        m_appliers[index].reset();
        notify([&] { m_observer.finished(result); });
        stop_after(result);
        m_report.results[index] = std::move(result);
    }

    void stop_after(const ActionResult& result) {
        if (!is_converged(result.status) && m_options.stop_on_failure) {
            m_stop = true;
        }
    }

    void pause(std::chrono::milliseconds delay) const { pause_for(m_options, delay); }

    template <class Call>
    void notify(Call call) {
        std::lock_guard<std::mutex> lock(m_observer_mutex);
        call();
    }

    Provider& m_provider;
    const Plan& m_plan;
    const std::map<std::string, LiveAction>& m_bases;
    const ApplyOptions& m_options;
    ApplyObserver& m_observer;
    ApplyReport m_report;
    /// The changes written or being written, by plan index, until they finish.
    std::vector<std::unique_ptr<ActionApplier>> m_appliers;
    std::atomic<bool> m_stop{false};
    std::mutex m_observer_mutex;
};

}  // namespace

ApplyReport apply_plan(Provider& provider, const Plan& plan,
                       const std::map<std::string, LiveAction>& bases, const ApplyOptions& options,
                       ApplyObserver& observer) {
    return Runner(provider, plan, bases, options, observer).run();
}

}  // namespace dactl
