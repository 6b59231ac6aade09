#include "engine/resolve/resolve.h"

#include <algorithm>
#include <deque>
#include <set>

#include "engine/model/address.h"
#include "engine/text/suggest.h"

namespace dactl {

std::vector<std::string> Resolution::addresses() const {
    std::vector<std::string> addresses;
    for (const DesiredAction& desired : org.desired) {
        addresses.push_back(desired.address());
    }
    std::sort(addresses.begin(), addresses.end());
    return addresses;
}

const RuleReason* Resolution::rule_of(const std::string& address) const {
    auto found = governance.reasons.find(address);
    return found == governance.reasons.end() ? nullptr : &found->second;
}

std::map<std::string, std::string> recorded_addresses(const std::optional<State>& state) {
    std::map<std::string, std::string> known;
    for (const StateAction& entry : state ? state->actions : std::vector<StateAction>{}) {
        if (!entry.id.empty()) {
            known.emplace(entry.id, entry.address);
        }
    }
    return known;
}

namespace {

bool named(const std::vector<std::string>& patterns, const std::string& address) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
        return target_matches(pattern, address);
    });
}

// Every pattern must name a managed action.
Status check_targets(const std::vector<std::string>& patterns,
                     const std::vector<std::string>& addresses, bool rules) {
    for (const std::string& pattern : patterns) {
        if (std::none_of(addresses.begin(), addresses.end(), [&](const std::string& address) {
                return target_matches(pattern, address);
            })) {
            const std::string shown = target_address(pattern);
            std::vector<std::string> close = closest_matches(shown, addresses, 1);
            return make_error(ErrorKind::invalid_input,
                              "no " + shown + " in the manifests" +
                                  (rules ? " or the actions the rules govern" : "") +
                                  (close.empty() ? "" : "; did you mean " + close[0] + "?"));
        }
    }
    return {};
}

// Only the managed actions the patterns name, and the diagnostics about them.
// The kept actions move to a new deque (erasing from one would move its
// elements under the bindings), and the bindings follow them.
void narrow(Gathered& org, const std::vector<std::string>& patterns) {
    std::deque<DesiredAction> kept;
    std::map<const DesiredAction*, const DesiredAction*> moved;
    for (DesiredAction& desired : org.desired) {
        if (named(patterns, desired.address())) {
            kept.push_back(std::move(desired));
            moved.emplace(&desired, &kept.back());
        }
    }
    std::vector<Binding> bindings;
    for (const Binding& binding : org.bindings) {
        if (auto found = moved.find(binding.desired); found != moved.end()) {
            bindings.push_back({found->second, binding.live});
        }
    }
    org.desired = std::move(kept);
    org.bindings = std::move(bindings);
    org.diagnostics.keep_only([&](const Diagnostic& diagnostic) {
        return diagnostic.address.empty() || named(patterns, diagnostic.address);
    });
}

}  // namespace

Result<Resolution> resolve(const Project& project, std::vector<LiveAction> live,
                           const std::map<std::string, std::string>& known, TargetCheck check) {
    Resolution resolution;
    resolution.org = bind_org(std::move(live), project.actions);
    Diagnostics governing;
    resolution.governance = govern(project.rules, resolution.org, known, governing);
    resolution.org.diagnostics.append(governing);
    resolution.targets = project.targets;
    resolution.environment = project.environment;
    if (!project.targets.empty()) {
        if (Status named_all =
                check == TargetCheck::strict
                    ? check_targets(project.targets, resolution.addresses(), !project.rules.empty())
                    : Status{};
            !named_all) {
            return named_all.error();
        }
        narrow(resolution.org, project.targets);
    }
    return resolution;
}

Status check_targets_offline(const Project& project) {
    if (!project.rules.empty() || project.targets.empty()) {
        return {};
    }
    std::vector<std::string> addresses;
    for (const DesiredAction& action : project.actions) {
        addresses.push_back(action.address());
    }
    return check_targets(project.targets, addresses, false);
}

Result<Resolution> read_resolved(Provider& provider, const Project& project,
                                 const std::map<std::string, std::string>& known,
                                 const GatherOptions& options) {
    Result<Gathered> listed = gather_org(
        provider, {}, GatherOptions{options.parallelism, Templates::none, {}, {}, false});
    if (!listed) {
        return listed.error();
    }
    Result<Resolution> resolution = resolve(project, std::move(listed->live), known);
    if (!resolution) {
        return resolution.error();
    }
    if (Status explained = explain_unlisted(provider.actions(), resolution->org); !explained) {
        return explained.error();
    }
    if (Status loaded = load_templates(provider.actions(), resolution->org, options); !loaded) {
        return loaded.error();
    }
    if (Status functions = read_functions(provider.functions(), resolution->org, options);
        !functions) {
        return functions.error();
    }
    return resolution;
}

}  // namespace dactl
