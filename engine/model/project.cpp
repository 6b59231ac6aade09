#include "engine/model/project.h"

#include "engine/model/address.h"

namespace dactl {

const DesiredAction* Project::find(const std::string& label) const {
    for (const auto& action : actions) {
        if (action.label == label) {
            return &action;
        }
    }
    return nullptr;
}

const DesiredAction* Project::find_address(std::string_view address) const {
    std::optional<Address> parsed = parse_address(address);
    return parsed ? find(parsed->label) : nullptr;
}

}  // namespace dactl
