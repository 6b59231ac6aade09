#pragma once
// Plan: the changes dactl would make, computed against a known live version of
// each action so that a stale plan can be recognised.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/value.h"

namespace dactl {

struct FieldChange {
    FieldChange() = default;
    FieldChange(Field field_, Value before_, Value after_, std::string rule_ = {},
                std::string policy_ = {})
        : field(field_),
          before(std::move(before_)),
          after(std::move(after_)),
          rule(std::move(rule_)),
          policy(std::move(policy_)) {}

    Field field = Field::name;
    Value before;  ///< as observed (unset where the action has none)
    Value after;   ///< as the manifest declares it
    /// When a rule asked for `after`: its address ("rule.orders_backend") and
    /// what it asks ("at least 15"); empty otherwise.
    std::string rule;
    std::string policy;

    bool operator==(const FieldChange&) const = default;
};

/// An in-place update of one live action.
struct ActionChange {
    std::string address;  ///< "action.<label>"
    std::string id;
    std::string name;                 ///< the live name, before any rename
    std::string category;             ///< the live category
    std::int64_t version = 0;         ///< the live version the plan was computed against
    std::vector<FieldChange> fields;  ///< in Field order, never empty

    /// The managed fields' planned values, for the provider's update.
    FieldValues after_values() const;
    /// The managed fields' observed values at plan time.
    FieldValues before_values() const;

    bool operator==(const ActionChange&) const = default;
};

struct Plan {
    std::vector<ActionChange> changes;   ///< sorted by address
    std::vector<std::string> unchanged;  ///< addresses already as declared, sorted
    /// The --target patterns the plan was made for, as given; empty: every
    /// action of the manifests. A partial plan says so wherever it is shown.
    std::vector<std::string> targets;
    /// Actions governed by a rule (changed or not); 0 without rules.
    std::size_t governed = 0;
    /// The environment (dactl.toml's [env.<name>]) it is for; "" for none.
    std::string environment;

    bool empty() const { return changes.empty(); }
};

}  // namespace dactl
