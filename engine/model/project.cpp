#include "engine/model/project.h"

#include "engine/model/address.h"

namespace dactl {

const EnvironmentSettings* Settings::environment(std::string_view name) const {
    for (const auto& environment : environments) {
        if (environment.name == name) {
            return &environment;
        }
    }
    return nullptr;
}

std::vector<std::string> Settings::environment_names() const {
    std::vector<std::string> names;
    names.reserve(environments.size());
    for (const auto& environment : environments) {
        names.push_back(environment.name);
    }
    return names;
}

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
