#include "engine/state/state.h"

namespace dactl {

const StateAction* State::find(const std::string& address) const {
    for (const auto& action : actions) {
        if (action.address == address) {
            return &action;
        }
    }
    return nullptr;
}

bool State::same_content(const State& other) const {
    return format_version == other.format_version && lineage == other.lineage && org == other.org &&
           actions == other.actions;
}

}  // namespace dactl
