#include "engine/model/project.h"

namespace dactl {

const DesiredAction* Project::find(const std::string& label) const {
    for (const auto& action : actions) {
        if (action.label == label) {
            return &action;
        }
    }
    return nullptr;
}

}  // namespace dactl
