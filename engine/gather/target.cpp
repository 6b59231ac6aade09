#include "engine/gather/target.h"

#include <algorithm>

#include "engine/text/suggest.h"

namespace dactl {

std::vector<std::string> effective_targets(const std::vector<std::string>& patterns) {
    const auto every = [](std::string_view pattern) {
        if (pattern.starts_with("action.")) {
            pattern.remove_prefix(7);
        }
        return !pattern.empty() && pattern.find_first_not_of('*') == std::string_view::npos;
    };
    return std::any_of(patterns.begin(), patterns.end(), every) ? std::vector<std::string>{}
                                                                : patterns;
}

Result<std::vector<DesiredAction>> targeted_actions(const std::vector<DesiredAction>& actions,
                                                    const std::vector<std::string>& patterns) {
    if (patterns.empty()) {
        return actions;
    }
    std::vector<std::string> addresses;
    addresses.reserve(actions.size());
    for (const DesiredAction& action : actions) {
        addresses.push_back(action.address());
    }
    for (const std::string& pattern : patterns) {
        const bool named = std::any_of(addresses.begin(), addresses.end(),
                                       [&](const auto& a) { return target_matches(pattern, a); });
        if (!named) {
            const std::string shown = target_address(pattern);
            std::vector<std::string> close = closest_matches(shown, addresses, 1);
            return make_error(ErrorKind::invalid_input,
                              "no " + shown + " in the manifests" +
                                  (close.empty() ? "" : "; did you mean " + close[0] + "?"));
        }
    }
    std::vector<DesiredAction> chosen;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        if (std::any_of(patterns.begin(), patterns.end(),
                        [&](const auto& p) { return target_matches(p, addresses[i]); })) {
            chosen.push_back(actions[i]);
        }
    }
    return chosen;
}

Result<Project> targeted_project(const Project& project, const std::vector<std::string>& patterns) {
    Result<std::vector<DesiredAction>> chosen = targeted_actions(project.actions, patterns);
    if (!chosen) {
        return chosen.error();
    }
    Project partial = project;
    partial.actions = std::move(chosen).value();
    partial.targets = patterns;
    return partial;
}

}  // namespace dactl
