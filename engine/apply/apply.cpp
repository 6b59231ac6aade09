#include "engine/apply/apply.h"

#include <algorithm>
#include <mutex>

#include "engine/apply/action_applier.h"
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

class Runner {
public:
    Runner(Provider& provider, const Plan& plan, const std::map<std::string, LiveAction>& bases,
           const ApplyOptions& options, ApplyObserver& observer)
        : m_provider(provider),
          m_plan(plan),
          m_bases(bases),
          m_options(options),
          m_observer(observer) {
        for (const auto& change : plan.changes) {
            m_report.results.push_back(initial_result(change));
        }
    }

    ApplyReport run() {
        parallel_for(m_plan.changes.size(), m_options.parallelism, [this](std::size_t index) {
            if (!stopping()) {  // else left as not attempted
                apply_at(index);
            }
        });
        return std::move(m_report);
    }

private:
    bool stopping() const {
        return m_stop.load() || (m_options.interrupted != nullptr && m_options.interrupted->load());
    }

    void apply_at(std::size_t index) {
        const ActionChange& change = m_plan.changes[index];
        notify([&] { m_observer.started(change); });
        ActionResult result = apply_one(change);
        if (!is_converged(result.status) && m_options.stop_on_failure) {
            m_stop = true;
        }
        notify([&] { m_observer.finished(result); });
        m_report.results[index] = std::move(result);
    }

    ActionResult apply_one(const ActionChange& change) {
        auto base = m_bases.find(change.id);
        if (base == m_bases.end()) {
            ActionResult result = initial_result(change);
            result.status = ActionStatus::failed;
            result.error =
                make_error(ErrorKind::generic, "the action was not read before applying");
            return result;
        }
        return ActionApplier(m_provider, m_options, change, base->second).run();
    }

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
