#pragma once
// Drift: how the org, the last apply and the manifests have moved apart.
// Pure: manifests, state and live actions in; a sorted report out.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/gather/gather.h"
#include "engine/model/audit.h"
#include "engine/model/desired_action.h"
#include "engine/model/live_action.h"
#include "engine/state/state.h"

namespace dactl {

enum class DriftKind {
    changed_outside,  ///< live differs from the value dactl last applied
    not_yet_applied,  ///< the manifest differs from the value dactl last applied
    /// No applied value is recorded (the action, or this field, was never
    /// applied), and live differs from the manifest: pending, not drift.
    differs,
};

/// "changed in the org outside dactl", "not yet applied", "not applied yet, no apply recorded".
std::string_view drift_kind_text(DriftKind kind);
/// The kind's name in JSON: "changed_outside", "not_yet_applied", "differs".
std::string_view drift_kind_key(DriftKind kind);

struct FieldDrift {
    Field field;
    DriftKind kind;
    Value from;  ///< changed_outside: applied; not_yet_applied: applied; differs: live
    Value to;    ///< changed_outside: live; not_yet_applied: manifest; differs: manifest

    bool operator==(const FieldDrift&) const = default;
};

struct ActionDrift {
    std::string address;
    std::string id;    ///< the live id, or the id recorded in the state when it vanished
    std::string name;  ///< the live name, or the recorded one
    std::int64_t live_version = 0;                ///< 0 when there is no live action
    std::optional<std::int64_t> applied_version;  ///< from the state, when recorded
    std::vector<FieldDrift> fields;  ///< in Field order, changed_outside before not_yet_applied
    /// Some secret header value could not be compared: the state holds it
    /// masked (written before fingerprints) or fingerprinted with another key.
    bool secrets_unchecked = false;
    /// A problem with the action as a whole ("no longer exists in the org", "now
    /// matches 2 live actions"...); empty when the action was found.
    std::string problem;
    /// Who changed it since the last apply, oldest first, from the audit trail
    /// (attribute_drift); empty when the trail was not read or names no one.
    std::vector<Attribution> changed_by;
    /// Earlier entries about it since the last apply, read but not kept in
    /// changed_by (which holds the newest few).
    std::size_t earlier_changes = 0;
    /// The trail holds more entries about it than were read (the newest were).
    bool changes_cut_off = false;
};

struct DriftReport {
    std::vector<ActionDrift> drifted;  ///< sorted by address
    std::vector<std::string> in_sync;  ///< addresses, sorted
    bool has_state = false;            ///< whether a state file was compared
    bool secrets_unchecked = false;    ///< any action's secrets_unchecked
    bool audited = false;              ///< the audit trail was read for the changed actions
    /// Why the audit trail names no one (or what it cannot cover); empty when
    /// all is well or it was not asked.
    std::string audit_note;
    /// The --target patterns it covered, as given; empty: every managed action.
    std::vector<std::string> targets;
    /// The environment (dactl.toml's [env.<name>]) it is about; "" for none.
    std::string environment;

    bool empty() const { return drifted.empty(); }
    /// Whether anything moved in the org itself: a field changed outside dactl
    /// since the last apply, or an action that vanished or became ambiguous.
    /// False when all that drifted is merged but not yet applied (an action
    /// never applied included).
    bool changed_in_org() const;
};

/// Compares, per managed action of `org` (its `desired`: declared and
/// governed, as resolved) and field, the manifest, the last applied value
/// (from `state`, when given) and the live value; actions it could not bind
/// are reported with their problem. Secret header values are compared by their fingerprints under
/// `key` (the project's state key); those recorded masked, or fingerprinted
/// with another key, or with no key given, are not compared (secrets_unchecked).
DriftReport compute_drift(const Gathered& org, const std::optional<State>& state,
                          const std::optional<std::string>& key = std::nullopt);

}  // namespace dactl
