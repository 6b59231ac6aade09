#include "engine/manifest/uniqueness.h"

#include <map>
#include <utility>

#include "engine/text/quote.h"

namespace dactl::manifest {

namespace {

std::string path_and_line(const SourcePosition& where) {
    return where.path + ":" + std::to_string(where.line);
}

std::string selected(const Selector& selector) {
    return selector.by == Selector::By::id ? "the action with id " + dactl::quoted(selector.value)
                                           : "the action named " + dactl::quoted(selector.value);
}

}  // namespace

void check_unique(const std::vector<DesiredAction>& actions, Diagnostics& diagnostics) {
    std::map<std::string, const DesiredAction*> by_label;
    std::map<std::pair<Selector::By, std::string>, const DesiredAction*> by_selector;
    for (const DesiredAction& action : actions) {
        auto [label_entry, new_label] = by_label.emplace(action.label, &action);
        if (!new_label) {
            diagnostics.error(action.where, action.address() + " is already declared at " +
                                                path_and_line(label_entry->second->where) +
                                                "; labels must be unique in the project");
            continue;  // its selector would only repeat the same problem
        }
        if (action.selector.value.empty()) {
            continue;  // no valid selector: reported where it is read
        }
        auto [selector_entry, new_selector] =
            by_selector.emplace(std::make_pair(action.selector.by, action.selector.value), &action);
        if (!new_selector) {
            const DesiredAction& first = *selector_entry->second;
            diagnostics.error(action.selector_where,
                              action.address() + " and " + first.address() + " (" +
                                  path_and_line(first.selector_where) + ") both select " +
                                  selected(action.selector) + "; keep one of them");
        }
    }
}

void check_unique_rules(const std::vector<Rule>& rules, Diagnostics& diagnostics) {
    std::map<std::string, const Rule*> by_label;
    for (const Rule& rule : rules) {
        auto [entry, fresh] = by_label.emplace(rule.label, &rule);
        if (!fresh) {
            diagnostics.error(rule.where, rule.address() + " is already declared at " +
                                              path_and_line(entry->second->where) +
                                              "; labels must be unique in the project");
        }
    }
}

}  // namespace dactl::manifest
