#include "engine/plan/env_diff.h"

#include <algorithm>
#include <set>

namespace dactl {

namespace {

const LiveAction* bound(const EnvironmentSide& side, const std::string& label) {
    const DesiredAction* desired = side.project->find(label);
    if (desired == nullptr) {
        return nullptr;
    }
    const Binding* binding = side.org->binding_of(*desired);
    return binding != nullptr ? binding->live : nullptr;
}

// What the manifests of one side declare for a field: its value, or unset.
Value declared(const DesiredAction* desired, Field field) {
    if (desired == nullptr) {
        return {};
    }
    auto found = desired->managed.find(field);
    return found != desired->managed.end() ? found->second : Value();
}

}  // namespace

bool ActionDifference::unintended() const {
    return missing() || std::any_of(fields.begin(), fields.end(),
                                    [](const FieldDifference& f) { return !f.intended; });
}

std::size_t EnvironmentDiff::intended_count() const {
    std::size_t count = 0;
    for (const auto& action : actions) {
        count += static_cast<std::size_t>(
            std::count_if(action.fields.begin(), action.fields.end(),
                          [](const FieldDifference& f) { return f.intended; }));
    }
    return count;
}

std::size_t EnvironmentDiff::unintended_count() const {
    std::size_t count = 0;
    for (const auto& action : actions) {
        count += action.missing() ? 1 : 0;
        count += static_cast<std::size_t>(
            std::count_if(action.fields.begin(), action.fields.end(),
                          [](const FieldDifference& f) { return !f.intended; }));
    }
    return count;
}

EnvironmentDiff diff_environments(const EnvironmentSide& first, const EnvironmentSide& second) {
    EnvironmentDiff diff;
    diff.first = first.project->environment;
    diff.second = second.project->environment;
    for (const DesiredAction& action : first.project->actions) {
        const DesiredAction* other = second.project->find(action.label);
        ++diff.compared;
        ActionDifference difference;
        difference.address = action.address();
        const LiveAction* a = bound(first, action.label);
        const LiveAction* b = bound(second, action.label);
        difference.first_id = a != nullptr ? a->id : "";
        difference.second_id = b != nullptr ? b->id : "";
        difference.name = a != nullptr ? a->name : (b != nullptr ? b->name : "");
        if (a != nullptr && b != nullptr) {
            std::set<Field> fields;
            for (const auto& [field, value] : action.managed) {
                fields.insert(field);
            }
            if (other != nullptr) {
                for (const auto& [field, value] : other->managed) {
                    fields.insert(field);
                }
            }
            for (Field field : fields) {
                const bool intended = declared(&action, field) != declared(other, field);
                if (a->get(field) != b->get(field)) {
                    difference.fields.push_back({field, a->get(field), b->get(field), intended});
                } else if (intended) {
                    difference.not_applied.push_back(field);
                }
            }
        }
        if (difference.missing() || !difference.fields.empty() || !difference.not_applied.empty()) {
            diff.actions.push_back(std::move(difference));
        }
    }
    return diff;
}

}  // namespace dactl
