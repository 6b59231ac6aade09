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
            return "not applied yet, no apply recorded";
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

// How a value is compared with the one the state recorded, whose secret
// entries are fingerprints: the value's secret entries are fingerprinted with
// the same key, and entries that cannot be compared (recorded masked, by a
// dactl before fingerprints, or fingerprinted with another key, or no key at
// hand) are left out on both sides.
class SecretComparison {
public:
    explicit SecretComparison(const std::optional<std::string>& key) : m_key(key) {}

    Value comparable(Field field, const Value& value, const Value& recorded) const {
        if (!value.is_map() || !recorded.is_map()) {
            return value;
        }
        StringMap kept;
        for (const auto& [name, entry] : value.as_map()) {
            auto stored = recorded.as_map().find(name);
            const bool found = stored != recorded.as_map().end();
            // A template reference is compared as it is, unless the state holds
            // its fingerprint (written before references were told apart).
            if (!is_secret_entry(field, name, entry) &&
                !(found && is_secret_entry(field, name, stored->second))) {
                kept[name] = entry;
                continue;
            }
            if (!found || !is_secret_entry(field, name, stored->second)) {
                // New, or a secret typed over what was applied as a reference: it
                // differs whatever its value, and is shown masked.
                kept[name] = m_key ? fingerprint(*m_key, entry) : std::string(k_masked_value);
            } else if (comparable_entry(stored->second)) {
                kept[name] = is_fingerprint(entry) ? entry : fingerprint(*m_key, entry);
            }
        }
        return kept;
    }

    Value recorded_side(Field field, const Value& recorded) const {
        if (!recorded.is_map()) {
            return recorded;
        }
        StringMap kept;
        for (const auto& [name, entry] : recorded.as_map()) {
            if (!is_secret_entry(field, name, entry) || comparable_entry(entry)) {
                kept[name] = entry;
            }
        }
        return kept;
    }

    bool same(Field field, const Value& value, const Value& recorded) const {
        return value_satisfies(field, comparable(field, value, recorded),
                               recorded_side(field, recorded));
    }

    /// Whether some secret entry of `recorded` could not be compared.
    bool skips(Field field, const Value& recorded) const {
        if (!recorded.is_map()) {
            return false;
        }
        for (const auto& [name, entry] : recorded.as_map()) {
            if (is_secret_entry(field, name, entry) && !comparable_entry(entry)) {
                return true;
            }
        }
        return false;
    }

private:
    bool comparable_entry(const std::string& stored) const {
        return m_key && is_fingerprint(stored) && fingerprint_key_id(stored) == key_id(*m_key);
    }

    const std::optional<std::string>& m_key;
};

// Why the action selects no live action, from its selection diagnostic (the
// message without the address the heading shows).
std::string selection_problem(const Gathered& org, const DesiredAction& desired) {
    const std::string address = desired.address();
    const Diagnostic* diagnostic = org.diagnostics.about(address);
    if (diagnostic == nullptr) {
        return "cannot be matched to a live action";
    }
    std::string_view text = diagnostic->message;
    if (text.starts_with(address)) {
        text.remove_prefix(address.size());
        text.remove_prefix(text.starts_with(": ") ? 2 : text.starts_with(" ") ? 1 : 0);
    }
    return std::string(text);
}

void compare_fields(const DesiredAction& desired, const LiveAction& live,
                    const StateAction* recorded, const SecretComparison& secrets,
                    ActionDrift& drift) {
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
        drift.secrets_unchecked = drift.secrets_unchecked || secrets.skips(field, last);
        // Both sides in the state's form, so that views diff fingerprints, not a
        // fingerprint against a value.
        if (!secrets.same(field, now, last)) {
            drift.fields.push_back(
                {field, DriftKind::changed_outside, last, secrets.comparable(field, now, last)});
        }
        if (!secrets.same(field, wanted, last)) {
            drift.fields.push_back(
                {field, DriftKind::not_yet_applied, last, secrets.comparable(field, wanted, last)});
        }
    }
}

ActionDrift drift_of(const DesiredAction& desired, const Gathered& org, const StateAction* recorded,
                     const SecretComparison& secrets) {
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
    compare_fields(desired, *action, recorded, secrets, drift);
    return drift;
}

}  // namespace

DriftReport compute_drift(const Gathered& org, const std::optional<State>& state,
                          const std::optional<std::string>& key) {
    const SecretComparison secrets(key);
    DriftReport report;
    report.has_state = state.has_value();
    for (const auto& action : org.desired) {
        const StateAction* recorded = state ? state->find(action.address()) : nullptr;
        ActionDrift drift = drift_of(action, org, recorded, secrets);
        report.secrets_unchecked = report.secrets_unchecked || drift.secrets_unchecked;
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

bool DriftReport::changed_in_org() const {
    return std::any_of(drifted.begin(), drifted.end(), [](const ActionDrift& drift) {
        return !drift.problem.empty() ||
               std::any_of(drift.fields.begin(), drift.fields.end(), [](const FieldDrift& field) {
                   return field.kind == DriftKind::changed_outside;
               });
    });
}

}  // namespace dactl
