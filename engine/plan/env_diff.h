#pragma once
// Comparing two environments: per managed action of either (declared or
// governed, as each resolved it), the managed fields whose live values differ
// between the two orgs, each told apart: intended (each side holds what its
// own manifests declare), a hand edit on a side (unintended), or a side's
// declaration not applied yet (pending).

#include <optional>
#include <string>
#include <vector>

#include "engine/resolve/resolve.h"
#include "engine/state/state.h"

namespace dactl {

/// One environment as diff_environments reads it: its org resolved for its
/// effective manifests, and its state (what was last applied there).
struct EnvironmentSide {
    const Resolution* resolved = nullptr;  ///< resolved->environment names it
    const std::optional<State>* state = nullptr;
};

/// Where one side's live value stands against that side's own manifests.
enum class Standing {
    as_declared,  ///< live holds what its manifests declare (or they declare nothing)
    hand_edit,    ///< live differs from what was last applied there: changed outside dactl
    not_applied,  ///< live differs from the declaration, which was never applied there
};

/// How a field difference is judged.
enum class Judgement {
    intended,    ///< each side holds what its own manifests declare
    unintended,  ///< a side was changed by hand, or the manifests declare no difference
    pending,     ///< a side's declaration is not applied yet (and no hand edit)
};

struct FieldDifference {
    Field field = Field::timeout_seconds;
    Value first;            ///< live in the first environment
    Value second;           ///< live in the second
    Value first_declared;   ///< what the first's manifests declare (unset: nothing)
    Value second_declared;  ///< what the second's manifests declare
    Standing first_standing = Standing::as_declared;
    Standing second_standing = Standing::as_declared;
    Judgement judgement = Judgement::unintended;
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
    std::size_t compared = 0;               ///< the managed actions compared

    std::size_t count(Judgement judgement) const;
    std::size_t unintended_count() const;  ///< unintended field differences, and actions missing
    bool has_unintended() const { return unintended_count() > 0; }
};

/// Compares the live values of every field either side manages, for every
/// address either side manages. A side whose live value differs from its own
/// declaration is a hand edit when its state recorded another value as
/// applied, else its declaration is not applied yet. An action that selects
/// nothing in one org is reported as missing there.
EnvironmentDiff diff_environments(const EnvironmentSide& first, const EnvironmentSide& second);

}  // namespace dactl
