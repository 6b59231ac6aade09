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

}  // namespace dactl
