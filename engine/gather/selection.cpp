#include "engine/gather/selection.h"

#include <map>

#include "engine/text/quote.h"
#include "engine/text/suggest.h"

namespace dactl {

namespace {

std::string describe_candidate(const LiveAction& action) {
    return action.id + "  category " + quoted(action.category);
}

class LiveIndex {
public:
    explicit LiveIndex(const std::vector<LiveAction>& live) {
        for (const auto& action : live) {
            m_by_id.emplace(action.id, &action);
            m_by_name[action.name].push_back(&action);
        }
    }

    const LiveAction* select(const DesiredAction& desired, Diagnostics& diagnostics) const {
        return desired.selector.by == dactl::Selector::By::id ? by_id(desired, diagnostics)
                                                              : by_name(desired, diagnostics);
    }

private:
    const LiveAction* by_id(const DesiredAction& desired, Diagnostics& diagnostics) const {
        auto found = m_by_id.find(desired.selector.value);
        if (found != m_by_id.end()) {
            return found->second;
        }
        diagnostics.error(
            desired.selector_where,
            desired.address() + ": no live action has id " + quoted(desired.selector.value),
            desired.address());
        return nullptr;
    }

    const LiveAction* by_name(const DesiredAction& desired, Diagnostics& diagnostics) const {
        const std::string& name = desired.selector.value;
        auto found = m_by_name.find(name);
        if (found != m_by_name.end() && found->second.size() == 1) {
            return found->second.front();
        }
        if (found != m_by_name.end()) {
            std::string message = desired.address() + ": " + std::to_string(found->second.size()) +
                                  " live actions are named " + quoted(name) +
                                  "; select one by id instead:";
            for (const LiveAction* candidate : found->second) {
                message += "\n    " + describe_candidate(*candidate);
            }
            diagnostics.error(desired.selector_where, message, desired.address());
            return nullptr;
        }
        std::string message = desired.address() + ": no live action is named " + quoted(name);
        for (const std::string& similar : similar_names(name)) {
            for (const LiveAction* candidate : m_by_name.at(similar)) {
                message += "\n    did you mean " + quoted(similar) + " (" +
                           describe_candidate(*candidate) + ")?";
                if (differ_in_normalization(name, similar)) {
                    message +=
                        " The two look the same but are written differently: one has an "
                        "accented letter as one character, the other as a letter and a "
                        "combining accent (Unicode NFC and NFD); copy the name from the org "
                        "(dactl export) or select the action by id";
                }
            }
        }
        diagnostics.error(desired.selector_where, message, desired.address());
        return nullptr;
    }

    std::vector<std::string> similar_names(const std::string& name) const {
        std::vector<std::string> names;
        names.reserve(m_by_name.size());
        for (const auto& entry : m_by_name) {
            // The same text written another way comes first, however long.
            if (differ_in_normalization(name, entry.first)) {
                return {entry.first};
            }
            names.push_back(entry.first);
        }
        return closest_matches(name, names);
    }

    std::map<std::string, const LiveAction*> m_by_id;
    std::map<std::string, std::vector<const LiveAction*>> m_by_name;
};

template <class Actions>
SelectionResult select_each(const Actions& desired, const std::vector<LiveAction>& live) {
    SelectionResult result;
    const LiveIndex index(live);
    std::map<const LiveAction*, const DesiredAction*> owners;
    for (const auto& action : desired) {
        const LiveAction* match = index.select(action, result.diagnostics);
        if (match == nullptr) {
            continue;
        }
        auto [owner, inserted] = owners.emplace(match, &action);
        if (!inserted) {
            result.diagnostics.error(action.selector_where,
                                     action.address() + " selects the same live action as " +
                                         owner->second->address() + ": " + match->id + " " +
                                         quoted(match->name),
                                     action.address());
            continue;
        }
        result.bindings.push_back(Binding{&action, match});
    }
    return result;
}

}  // namespace

SelectionResult select_actions(const std::vector<DesiredAction>& desired,
                               const std::vector<LiveAction>& live) {
    return select_each(desired, live);
}

SelectionResult select_actions(const std::deque<DesiredAction>& desired,
                               const std::vector<LiveAction>& live) {
    return select_each(desired, live);
}

}  // namespace dactl
