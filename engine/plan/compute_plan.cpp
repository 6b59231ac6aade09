#include "engine/plan/compute_plan.h"

#include <algorithm>

#include "engine/text/quote.h"

namespace dactl {

namespace {

std::string describe(const LiveAction& live) {
    return live.id + " " + quoted(live.name);
}

// Appends to `diagnostics` what forbids planning this action; true if anything did.
bool check_rules(const DesiredAction& desired, const LiveAction& live,
                 const std::vector<FieldChange>& changes, Diagnostics& diagnostics) {
    bool failed = false;
    if (!live.runs_function && desired.managed.count(Field::function_timeout_seconds) != 0) {
        diagnostics.error(desired.position_of(Field::function_timeout_seconds),
                          desired.address() + ": " + describe(live) +
                              " is not a function data action (its integration " +
                              quoted(live.integration_id) +
                              " is not of type function-data-actions), so it has no function "
                              "timeout; remove function.timeout_seconds");
        failed = true;
    }
    if (live.is_static() && !changes.empty()) {
        std::string fields;
        for (const auto& change : changes) {
            fields += (fields.empty() ? "" : ", ") + std::string(field_key(change.field));
        }
        diagnostics.error(desired.where, desired.address() + ": " + describe(live) +
                                             " is a built-in action and cannot be changed; "
                                             "remove " +
                                             fields + " or match the live values");
        failed = true;
    }
    return failed;
}

// The value a field will hold once the plan is applied.
const Value& planned(Field field, const DesiredAction& desired, const LiveAction& live) {
    auto wanted = desired.managed.find(field);
    return wanted != desired.managed.end() ? wanted->second : live.get(field);
}

}  // namespace

void warn_function_limit(const DesiredAction& desired, const LiveAction& live,
                         Diagnostics& diagnostics) {
    const Value& function = planned(Field::function_timeout_seconds, desired, live);
    if (!live.runs_function || !function.is_integer()) {
        return;
    }
    const Value& configured = planned(Field::timeout_seconds, desired, live);
    const std::int64_t seconds = configured.is_integer() ? configured.as_integer() : 60;
    if (seconds > function.as_integer()) {
        diagnostics.warning(
            desired.position_of(Field::timeout_seconds),
            function_limit_warning(desired.address(), seconds, function.as_integer()));
    }
}

PlanResult compute_plan(const std::vector<Binding>& bindings) {
    PlanResult result;
    for (const auto& binding : bindings) {
        const DesiredAction& desired = *binding.desired;
        const LiveAction& live = *binding.live;
        std::vector<FieldChange> changes;
        bool unloaded = false;
        for (const auto& [field, wanted] : desired.managed) {
            if (live.unloaded.count(field) != 0) {
                result.diagnostics.error(desired.position_of(field),
                                         desired.address() + ": " + std::string(field_key(field)) +
                                             " of " + describe(live) +
                                             " was not loaded from the API");
                unloaded = true;
                continue;
            }
            if (!value_satisfies(field, live.get(field), wanted)) {
                changes.emplace_back(field, live.get(field), wanted);
            }
        }
        if (check_rules(desired, live, changes, result.diagnostics) || unloaded) {
            continue;
        }
        warn_function_limit(desired, live, result.diagnostics);
        if (changes.empty()) {
            result.plan.unchanged.push_back(desired.address());
            continue;
        }
        result.plan.changes.push_back(ActionChange{desired.address(), live.id, live.name,
                                                   live.category, live.version,
                                                   std::move(changes)});
    }
    std::sort(result.plan.changes.begin(), result.plan.changes.end(),
              [](const ActionChange& a, const ActionChange& b) { return a.address < b.address; });
    std::sort(result.plan.unchanged.begin(), result.plan.unchanged.end());
    return result;
}

}  // namespace dactl
