#include "engine/plan/env_diff.h"

#include <algorithm>
#include <set>

namespace dactl {

namespace {

// What one side's manifests declare for a field: its value, or unset.
Value declared(const DesiredAction* desired, Field field) {
    if (desired == nullptr) {
        return {};
    }
    auto found = desired->managed.find(field);
    return found != desired->managed.end() ? found->second : Value();
}

// One side of one action: its manifest action (as resolved), its live
// action, and what its state recorded as applied.
struct SideAction {
    const DesiredAction* desired = nullptr;
    const LiveAction* live = nullptr;
    const StateAction* recorded = nullptr;

    SideAction(const EnvironmentSide& side, const std::string& address) {
        const Binding* binding = side.resolved->org.binding_of(address);
        desired = side.resolved->org.find_desired(address);
        live = binding != nullptr ? binding->live : nullptr;
        recorded = *side.state ? (*side.state)->find(address) : nullptr;
    }

    Standing standing(Field field) const {
        const Value wanted = declared(desired, field);
        const Value& now = live->get(field);
        if (wanted.is_unset() || value_satisfies(field, now, wanted)) {
            return Standing::as_declared;
        }
        auto applied =
            recorded != nullptr ? recorded->managed.find(field) : FieldValues::const_iterator();
        const bool known = recorded != nullptr && applied != recorded->managed.end();
        return known && !value_satisfies(field, now, applied->second) ? Standing::hand_edit
                                                                      : Standing::not_applied;
    }
};

Judgement judged(Standing first, Standing second) {
    if (first == Standing::hand_edit || second == Standing::hand_edit) {
        return Judgement::unintended;
    }
    if (first == Standing::not_applied || second == Standing::not_applied) {
        return Judgement::pending;
    }
    return Judgement::intended;
}

std::set<Field> managed_fields(const SideAction& a, const SideAction& b) {
    std::set<Field> fields;
    for (const SideAction* side : {&a, &b}) {
        if (side->desired != nullptr) {
            for (const auto& [field, value] : side->desired->managed) {
                fields.insert(field);
            }
        }
    }
    return fields;
}

void compare(const SideAction& a, const SideAction& b, ActionDifference& difference) {
    for (Field field : managed_fields(a, b)) {
        const Value first_declared = declared(a.desired, field);
        const Value second_declared = declared(b.desired, field);
        if (a.live->get(field) == b.live->get(field)) {
            if (first_declared != second_declared) {
                difference.not_applied.push_back(field);
            }
            continue;
        }
        FieldDifference found{
            field,           a.live->get(field), b.live->get(field), first_declared,
            second_declared, a.standing(field),  b.standing(field)};
        found.judgement = judged(found.first_standing, found.second_standing);
        // Both as declared, yet the manifests declare the same: nothing explains it.
        if (found.judgement == Judgement::intended && first_declared == second_declared) {
            found.judgement = Judgement::unintended;
        }
        difference.fields.push_back(std::move(found));
    }
}

}  // namespace

bool ActionDifference::unintended() const {
    return missing() || std::any_of(fields.begin(), fields.end(), [](const FieldDifference& f) {
               return f.judgement == Judgement::unintended;
           });
}

std::size_t EnvironmentDiff::count(Judgement judgement) const {
    std::size_t count = 0;
    for (const auto& action : actions) {
        count += static_cast<std::size_t>(
            std::count_if(action.fields.begin(), action.fields.end(),
                          [&](const FieldDifference& f) { return f.judgement == judgement; }));
    }
    return count;
}

std::size_t EnvironmentDiff::unintended_count() const {
    std::size_t missing = 0;
    for (const auto& action : actions) {
        missing += action.missing() ? 1 : 0;
    }
    return missing + count(Judgement::unintended);
}

EnvironmentDiff diff_environments(const EnvironmentSide& first, const EnvironmentSide& second) {
    EnvironmentDiff diff;
    diff.first = first.resolved->environment;
    diff.second = second.resolved->environment;
    std::set<std::string> addresses;
    for (const EnvironmentSide* side : {&first, &second}) {
        for (const std::string& address : side->resolved->addresses()) {
            addresses.insert(address);
        }
    }
    for (const std::string& address : addresses) {
        ++diff.compared;
        const SideAction a(first, address);
        const SideAction b(second, address);
        ActionDifference difference;
        difference.address = address;
        difference.first_id = a.live != nullptr ? a.live->id : "";
        difference.second_id = b.live != nullptr ? b.live->id : "";
        difference.name =
            a.live != nullptr ? a.live->name : (b.live != nullptr ? b.live->name : "");
        if (a.live != nullptr && b.live != nullptr) {
            compare(a, b, difference);
        }
        if (difference.missing() || !difference.fields.empty() || !difference.not_applied.empty()) {
            diff.actions.push_back(std::move(difference));
        }
    }
    return diff;
}

}  // namespace dactl
