#pragma once
// Comparing two environments: per managed action, the managed fields whose
// live values differ between the two orgs, told apart by whether the
// manifests declare the difference (an override) or not.

#include <string>
#include <vector>

#include "engine/gather/gather.h"
#include "engine/model/project.h"

namespace dactl {

/// One environment as diff_environments reads it: its effective manifests
/// and its org, bound to them.
struct EnvironmentSide {
    const Project* project = nullptr;  ///< project->environment names it
    const Gathered* org = nullptr;
};

struct FieldDifference {
    Field field = Field::timeout_seconds;
    Value first;   ///< live in the first environment
    Value second;  ///< live in the second
    /// The manifests declare different values for the field in the two
    /// environments (an override, or a key only one of them sets).
    bool intended = false;
};

struct ActionDifference {
    std::string address;
    std::string name;       ///< the live name in the first org ("" when not found there)
    std::string first_id;   ///< "" when the action selects nothing there
    std::string second_id;  ///< "" when the action selects nothing there
    std::vector<FieldDifference> fields;  ///< live differences, in Field order
    /// Fields the manifests declare differently whose live values are the
    /// same: an override not applied yet.
    std::vector<Field> not_applied;

    bool missing() const { return first_id.empty() || second_id.empty(); }
    bool unintended() const;
};

struct EnvironmentDiff {
    std::string first;  ///< environment names
    std::string second;
    std::vector<ActionDifference> actions;  ///< by address; only those with something to say
    std::size_t compared = 0;               ///< the declared actions compared

    std::size_t intended_count() const;
    std::size_t unintended_count() const;  ///< field differences, and actions missing in one
    bool has_unintended() const { return unintended_count() > 0; }
};

/// Compares the live values of every field either environment's manifests
/// manage, for each declared action (both projects declare the same labels:
/// overrides never add one). An action that selects nothing in one org is
/// reported as missing there.
EnvironmentDiff diff_environments(const EnvironmentSide& first, const EnvironmentSide& second);

}  // namespace dactl
