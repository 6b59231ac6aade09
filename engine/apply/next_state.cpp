#include "engine/apply/next_state.h"

#include <algorithm>

#include "engine/model/secrets.h"

namespace dactl {

namespace {

const ActionResult* find_result(const ApplyReport& report, const std::string& address) {
    for (const auto& result : report.results) {
        if (result.address == address) {
            return &result;
        }
    }
    return nullptr;
}

// The entry of an action applied now (`serial` the state's new serial).
StateAction entry_for(const Binding& binding, const LiveAction& after,
                      const std::string& applied_at, std::int64_t serial, std::string_view key) {
    StateAction entry;
    entry.address = binding.desired->address();
    entry.id = after.id;
    entry.name = after.name;
    entry.version = after.version;
    entry.managed = fingerprinted(binding.desired->managed, key);
    entry.before = binding.live->document;
    entry.after = after.document;
    entry.applied_at = applied_at;
    entry.applied_serial = serial;
    return entry;
}

}  // namespace

State next_state(const std::optional<State>& previous, const std::vector<Binding>& bindings,
                 const ApplyReport& report, const std::string& applied_at,
                 const std::string& new_lineage, std::string_view key,
                 const std::set<std::string>& keep) {
    State state;
    state.lineage = previous ? previous->lineage : new_lineage;
    state.serial = previous ? previous->serial + 1 : 1;
    for (const auto& binding : bindings) {
        const std::string address = binding.desired->address();
        const StateAction* earlier = previous ? previous->find(address) : nullptr;
        const ActionResult* result = find_result(report, address);
        if (result == nullptr) {
            // Nothing to change: the live action already holds the managed values.
            bool same = earlier != nullptr &&
                        earlier->managed == fingerprinted(binding.desired->managed, key) &&
                        earlier->id == binding.live->id;
            state.actions.push_back(
                entry_for(binding, *binding.live, applied_at, state.serial, key));
            if (same) {
                state.actions.back().before = earlier->before;
                state.actions.back().applied_at = earlier->applied_at;
                state.actions.back().applied_serial = earlier->applied_serial;
            }
        } else if (is_converged(result->status) && result->final) {
            state.actions.push_back(
                entry_for(binding, *result->final, applied_at, state.serial, key));
        } else if (earlier != nullptr) {
            state.actions.push_back(*earlier);
        }
    }
    if (previous) {
        for (const auto& earlier : previous->actions) {
            bool bound = std::any_of(bindings.begin(), bindings.end(), [&](const Binding& binding) {
                return binding.desired->address() == earlier.address;
            });
            if (!bound && keep.count(earlier.address) != 0) {
                state.actions.push_back(earlier);
            }
        }
    }
    std::sort(state.actions.begin(), state.actions.end(),
              [](const StateAction& a, const StateAction& b) { return a.address < b.address; });
    return state;
}

}  // namespace dactl
