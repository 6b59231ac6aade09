#include "engine/gather/gather.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "engine/text/quote.h"
#include "engine/util/parallel.h"

namespace dactl {

const Binding* Gathered::binding_of(const std::string& address) const {
    for (const auto& binding : bindings) {
        if (binding.desired->address() == address) {
            return &binding;
        }
    }
    return nullptr;
}

const Binding* Gathered::binding_of_id(const std::string& id) const {
    for (const auto& binding : bindings) {
        if (binding.live->id == id) {
            return &binding;
        }
    }
    return nullptr;
}

const DesiredAction* Gathered::find_desired(const std::string& address) const {
    for (const auto& action : desired) {
        if (action.address() == address) {
            return &action;
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

Status load_templates(ActionStore& provider, Gathered& org, const GatherOptions& options) {
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

namespace {

bool manages_function(const Gathered& org) {
    for (const Binding& binding : org.bindings) {
        if (binding.desired->managed.count(Field::function_timeout_seconds) != 0) {
            return true;
        }
    }
    return false;
}

bool any_accepted(const Gathered& org, const GatherOptions& options) {
    if (!options.functions_of) {
        return false;
    }
    for (const LiveAction& action : org.live) {
        if (options.functions_of(action)) {
            return true;
        }
    }
    return false;
}

}  // namespace

Status read_functions(FunctionStore& provider, Gathered& org, const GatherOptions& options) {
    const bool managed = manages_function(org);
    const bool bound_wanted = managed || (options.functions_of_bound && !org.bindings.empty());
    if (!bound_wanted && !any_accepted(org, options)) {
        return {};
    }
    Result<std::set<std::string>> integrations = provider.function_integrations();
    if (!integrations && !managed && integrations.error().kind == ErrorKind::forbidden) {
        org.diagnostics.warning(SourcePosition{},
                                "the client may not list the org's integrations (" +
                                    integrations.error().message +
                                    "), so function data actions are not told apart and their "
                                    "function's timeout is left out");
        return {};
    }
    if (!integrations) {
        Error error = integrations.error();
        error.message = "listing the org's integrations failed: " + error.message;
        return error;
    }
    std::map<const LiveAction*, std::string> addresses;
    for (const Binding& binding : org.bindings) {
        addresses.emplace(binding.live, binding.desired->address());
    }
    std::vector<LiveAction*> needed;
    for (LiveAction& action : org.live) {
        action.runs_function = integrations->count(action.integration_id) != 0;
        const bool bound = addresses.count(&action) != 0;
        if (action.runs_function &&
            ((bound_wanted && bound) || (options.functions_of && options.functions_of(action)))) {
            needed.push_back(&action);
        }
    }
    std::vector<Result<FunctionSetup>> answers(needed.size(),
                                               Result<FunctionSetup>(FunctionSetup{}));
    parallel_for(needed.size(), options.parallelism,
                 [&](std::size_t i) { answers[i] = provider.get_function(needed[i]->id); });
    for (std::size_t i = 0; i < needed.size(); ++i) {
        if (!answers[i]) {
            Error error = answers[i].error();
            auto address = addresses.find(needed[i]);
            const std::string reading = "reading the function of " + needed[i]->id;
            if (!error.message.starts_with(reading)) {
                error.message = reading + " failed: " + error.message;
            }
            error.message =
                (address == addresses.end() ? "" : address->second + ": ") + error.message;
            return error;
        }
        needed[i]->function = *answers[i];
        needed[i]->fields[Field::function_timeout_seconds] = Value(answers[i]->timeout_seconds);
    }
    return {};
}

Gathered bind_org(std::vector<LiveAction> live, const std::vector<DesiredAction>& desired) {
    Gathered org;
    org.live = std::move(live);
    org.desired.assign(desired.begin(), desired.end());
    SelectionResult selection = select_actions(org.desired, org.live);
    org.bindings = std::move(selection.bindings);
    org.diagnostics = std::move(selection.diagnostics);
    return org;
}

Status explain_unlisted(ActionStore& actions, Gathered& org) {
    constexpr std::size_t k_unlisted_lookups = 10;
    std::set<const DesiredAction*> bound;
    for (const Binding& binding : org.bindings) {
        bound.insert(binding.desired);
    }
    std::vector<const DesiredAction*> unbound;
    for (const DesiredAction& action : org.desired) {
        const Diagnostic* said = org.diagnostics.about(action.address());
        if (bound.count(&action) == 0 && said != nullptr &&
            said->message.find(": no live action ") != std::string::npos &&
            unbound.size() < k_unlisted_lookups) {
            unbound.push_back(&action);
        }
    }
    if (unbound.empty()) {
        return {};
    }
    std::vector<Selector> selectors;
    selectors.reserve(unbound.size());
    for (const DesiredAction* action : unbound) {
        selectors.push_back(action->selector);
    }
    Result<std::vector<LiveAction>> hidden = actions.find_unlisted(selectors);
    if (!hidden) {
        return hidden.error().kind == ErrorKind::cancelled ? Status(hidden.error()) : Status();
    }
    for (const DesiredAction* action : unbound) {
        auto found = std::find_if(hidden->begin(), hidden->end(), [&](const LiveAction& live) {
            return action->selector.by == Selector::By::id ? live.id == action->selector.value
                                                           : live.name == action->selector.value;
        });
        if (found == hidden->end()) {
            continue;
        }
        const std::string address = action->address();
        org.diagnostics.keep_only([&](const Diagnostic& d) { return d.address != address; });
        org.diagnostics.error(action->selector_where,
                              address + ": " + quoted(found->name) + " (" + found->id +
                                  ") is a custom authentication action; the API lists those "
                                  "only on request and refuses a timeout on them, so dactl "
                                  "does not manage them: remove the declaration",
                              address);
    }
    return {};
}

Result<Gathered> gather_org(Provider& provider, const std::vector<DesiredAction>& desired,
                            const GatherOptions& options) {
    Result<std::vector<LiveAction>> listed = provider.actions().list_actions();
    if (!listed) {
        Error error = listed.error();
        if (!error.at_login && error.kind != ErrorKind::cancelled) {
            error.message = "listing the org's actions failed: " + error.message;
        }
        return error;
    }
    Gathered org = bind_org(std::move(listed).value(), desired);
    if (Status explained = explain_unlisted(provider.actions(), org); !explained) {
        return explained.error();
    }
    if (Status loaded = load_templates(provider.actions(), org, options); !loaded) {
        return loaded.error();
    }
    if (Status functions = read_functions(provider.functions(), org, options); !functions) {
        return functions.error();
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
    Result<std::vector<LiveAction>> answer = provider.actions().read_actions(ids);
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
        if (read.desired != nullptr) {
            org.desired.push_back(*read.desired);
        }
        owners.push_back(read.desired != nullptr ? &org.desired.back() : nullptr);
    }
    for (std::size_t i = 0; i < org.live.size(); ++i) {
        if (owners[i] != nullptr) {
            org.bindings.push_back(Binding{owners[i], &org.live[i]});
        }
    }
    if (Status loaded = load_templates(provider.actions(), org, options); !loaded) {
        return loaded.error();
    }
    if (Status functions = read_functions(provider.functions(), org, options); !functions) {
        return functions.error();
    }
    return org;
}

}  // namespace dactl
