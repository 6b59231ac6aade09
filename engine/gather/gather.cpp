#include "engine/gather/gather.h"

#include <map>
#include <optional>

#include "engine/util/parallel.h"

namespace dactl {

const Binding* Gathered::binding_of(const DesiredAction& desired) const {
    for (const auto& binding : bindings) {
        if (binding.desired == &desired) {
            return &binding;
        }
    }
    return nullptr;
}

const LiveAction* Gathered::find_live(const std::string& id) const {
    for (const auto& action : live) {
        if (action.id == id) {
            return &action;
        }
    }
    return nullptr;
}

namespace {

bool manages_unloaded(const DesiredAction& desired, const LiveAction& live) {
    for (Field field : live.unloaded) {
        if (desired.managed.count(field) != 0) {
            return true;
        }
    }
    return false;
}

// A live action whose templates are to be loaded, and who asks for them.
struct TemplateLoad {
    LiveAction* action = nullptr;
    std::string address;  ///< empty for an unbound action
};

std::vector<TemplateLoad> templates_needed(Gathered& org, const GatherOptions& options) {
    std::map<const LiveAction*, const DesiredAction*> owner;
    for (const auto& binding : org.bindings) {
        owner.emplace(binding.live, binding.desired);
    }
    std::vector<TemplateLoad> needed;
    for (auto& action : org.live) {
        if (action.unloaded.empty()) {
            continue;
        }
        auto bound = owner.find(&action);
        const DesiredAction* desired = bound == owner.end() ? nullptr : bound->second;
        const bool managed = options.templates == Templates::managed && desired != nullptr &&
                             manages_unloaded(*desired, action);
        const bool wanted = options.all_templates_of && options.all_templates_of(action);
        if (managed || wanted) {
            needed.push_back(TemplateLoad{&action, desired ? desired->address() : std::string()});
        }
    }
    return needed;
}

}  // namespace

Status load_templates(Provider& provider, Gathered& org, const GatherOptions& options) {
    const std::vector<TemplateLoad> needed = templates_needed(org, options);
    std::vector<Status> outcomes(needed.size());
    parallel_for(needed.size(), options.parallelism,
                 [&](std::size_t i) { outcomes[i] = provider.load_templates(*needed[i].action); });
    for (std::size_t i = 0; i < needed.size(); ++i) {
        if (!outcomes[i]) {
            Error error = outcomes[i].error();
            const std::string& address = needed[i].address;
            error.message = (address.empty() ? "" : address + ": ") + "reading the templates of " +
                            needed[i].action->id + " failed: " + error.message;
            return error;
        }
    }
    return {};
}

Gathered bind_org(std::vector<LiveAction> live, const std::vector<DesiredAction>& desired) {
    Gathered org;
    org.live = std::move(live);
    SelectionResult selection = select_actions(desired, org.live);
    org.bindings = std::move(selection.bindings);
    org.diagnostics = std::move(selection.diagnostics);
    return org;
}

Result<Gathered> gather_org(Provider& provider, const std::vector<DesiredAction>& desired,
                            const GatherOptions& options) {
    Result<std::vector<LiveAction>> listed = provider.list_actions();
    if (!listed) {
        Error error = listed.error();
        if (!error.at_login) {
            error.message = "listing the org's actions failed: " + error.message;
        }
        return error;
    }
    Gathered org = bind_org(std::move(listed).value(), desired);
    if (Status loaded = load_templates(provider, org, options); !loaded) {
        return loaded.error();
    }
    return org;
}

Result<Gathered> gather_by_id(Provider& provider, const std::vector<Reread>& reads,
                              const GatherOptions& options) {
    std::vector<std::string> ids;
    ids.reserve(reads.size());
    for (const Reread& read : reads) {
        ids.push_back(read.id);
    }
    Result<std::vector<LiveAction>> answer = provider.read_actions(ids);
    if (!answer) {
        Error error = answer.error();
        error.message = "re-reading the " + std::to_string(reads.size()) +
                        (reads.size() == 1 ? " planned action" : " planned actions") +
                        " failed: " + error.message;
        return error;
    }
    std::map<std::string, LiveAction*> by_id;
    for (LiveAction& action : *answer) {
        by_id.emplace(action.id, &action);
    }
    Gathered org;
    org.live.reserve(reads.size());
    std::vector<const DesiredAction*> owners;
    for (const Reread& read : reads) {
        auto found = by_id.find(read.id);
        if (found == by_id.end()) {
            continue;  // no longer exists
        }
        org.live.push_back(std::move(*found->second));
        owners.push_back(read.desired);
    }
    for (std::size_t i = 0; i < org.live.size(); ++i) {
        if (owners[i] != nullptr) {
            org.bindings.push_back(Binding{owners[i], &org.live[i]});
        }
    }
    if (Status loaded = load_templates(provider, org, options); !loaded) {
        return loaded.error();
    }
    return org;
}

}  // namespace dactl
