#include "engine/drift/drift.h"

#include <algorithm>

#include "engine/model/secrets.h"

namespace dactl {

std::string_view drift_kind_text(DriftKind kind) {
    switch (kind) {
        case DriftKind::changed_outside:
            return "changed in the org outside dactl";
        case DriftKind::not_yet_applied:
            return "not yet applied";
        case DriftKind::differs:
            return "differs from the manifest";
    }
    return "";
}

std::string_view drift_kind_key(DriftKind kind) {
    switch (kind) {
        case DriftKind::changed_outside:
            return "changed_outside";
        case DriftKind::not_yet_applied:
            return "not_yet_applied";
        case DriftKind::differs:
            return "differs";
    }
    return "unknown";
}

namespace {

// A recorded header map may hold masked secrets: those entries are left out of
// the comparison on both sides.
Value comparable(Field field, const Value& value, const Value& recorded) {
    if (field != Field::request_headers || !value.is_map() || !recorded.is_map()) {
        return value;
    }
    StringMap kept;
    for (const auto& [name, entry] : value.as_map()) {
        auto masked = recorded.as_map().find(name);
        bool secret = is_secret_header(name) && masked != recorded.as_map().end() &&
                      masked->second == k_masked_value;
        if (!secret) {
            kept[name] = entry;
        }
    }
    return kept;
}

bool same(Field field, const Value& a, const Value& b, const Value& recorded) {
    return value_satisfies(field, comparable(field, a, recorded), comparable(field, b, recorded));
}

std::string selection_problem(const Gathered& org, const DesiredAction& desired) {
    for (const auto& diagnostic : org.diagnostics.items()) {
        const std::string prefix = desired.address() + ": ";
        if (diagnostic.message.rfind(prefix, 0) == 0) {
            return diagnostic.message.substr(prefix.size());
        }
        if (diagnostic.message.rfind(desired.address() + " ", 0) == 0) {
            return diagnostic.message.substr(desired.address().size() + 1);
        }
    }
    return "cannot be matched to a live action";
}

void compare_fields(const DesiredAction& desired, const LiveAction& live,
                    const StateAction* recorded, ActionDrift& drift) {
    for (const auto& [field, wanted] : desired.managed) {
        const Value& now = live.get(field);
        auto applied = recorded ? recorded->managed.find(field) : FieldValues::const_iterator();
        if (recorded == nullptr || applied == recorded->managed.end()) {
            if (!value_satisfies(field, now, wanted)) {
                drift.fields.push_back({field, DriftKind::differs, now, wanted});
            }
            continue;
        }
        const Value& last = applied->second;
        if (!same(field, now, last, last)) {
            drift.fields.push_back({field, DriftKind::changed_outside, last, now});
        }
        if (!same(field, wanted, last, last)) {
            drift.fields.push_back({field, DriftKind::not_yet_applied, last, wanted});
        }
    }
}

ActionDrift drift_of(const DesiredAction& desired, const Gathered& org,
                     const StateAction* recorded) {
    ActionDrift drift;
    drift.address = desired.address();
    if (recorded != nullptr) {
        drift.id = recorded->id;
        drift.name = recorded->name;
        drift.applied_version = recorded->version;
    }
    const LiveAction* action = nullptr;
    if (recorded != nullptr && !recorded->id.empty()) {
        action = org.find_live(recorded->id);
        if (action == nullptr) {
            drift.problem = recorded->id + " (last applied at version " +
                            std::to_string(recorded->version) + ") no longer exists in the org";
            return drift;
        }
    }
    const Binding* binding = org.binding_of(desired);
    if (binding == nullptr) {
        drift.problem = selection_problem(org, desired);
        return drift;
    }
    if (action != nullptr && action != binding->live) {
        drift.problem =
            "now selects " + binding->live->id + ", not " + action->id + " as when last applied";
        return drift;
    }
    action = binding->live;
    drift.id = action->id;
    drift.name = action->name;
    drift.live_version = action->version;
    compare_fields(desired, *action, recorded, drift);
    return drift;
}

}  // namespace

DriftReport compute_drift(const std::vector<DesiredAction>& desired, const Gathered& org,
                          const std::optional<State>& state) {
    DriftReport report;
    report.has_state = state.has_value();
    for (const auto& action : desired) {
        const StateAction* recorded = state ? state->find(action.address()) : nullptr;
        ActionDrift drift = drift_of(action, org, recorded);
        if (drift.problem.empty() && drift.fields.empty()) {
            report.in_sync.push_back(drift.address);
        } else {
            report.drifted.push_back(std::move(drift));
        }
    }
    std::sort(report.drifted.begin(), report.drifted.end(),
              [](const ActionDrift& a, const ActionDrift& b) { return a.address < b.address; });
    std::sort(report.in_sync.begin(), report.in_sync.end());
    return report;
}

}  // namespace dactl
