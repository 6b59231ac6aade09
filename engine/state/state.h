#pragma once
// State: the local snapshot `.dactl/state.json` of what dactl last applied.
// Format: docs/state.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/org_identity.h"
#include "engine/model/value.h"

namespace dactl {

inline constexpr int k_state_format_version = 1;

/// One managed action as dactl last saw it after an apply.
struct StateAction {
    std::string address;  ///< "action.<label>"
    std::string id;
    std::string name;
    std::int64_t version = 0;  ///< the live version after the apply
    /// The managed fields as applied; secret header values as their fingerprints
    /// (fingerprinted(); "(sensitive)" in states written before fingerprints).
    FieldValues managed;
    std::string before;      ///< the full live action before the apply, JSON (secrets masked)
    std::string after;       ///< the full live action after the apply, JSON (secrets masked)
    std::string applied_at;  ///< UTC, "2026-11-28T15:35:39Z"
    /// The serial of the state the apply that recorded applied_at wrote: tells
    /// two applies within one second apart (0 in states written before it).
    std::int64_t applied_serial = 0;

    bool operator==(const StateAction&) const = default;
};

struct State {
    int format_version = k_state_format_version;
    std::string lineage;               ///< a UUID fixed when the first state is written
    std::int64_t serial = 0;           ///< grows by one with every write
    std::optional<OrgIdentity> org;    ///< the org applied to (absent in older states)
    std::vector<StateAction> actions;  ///< sorted by address

    /// The entry for an address, or null.
    const StateAction* find(const std::string& address) const;
    /// Whether `other` records the same: everything but the serial.
    bool same_content(const State& other) const;

    bool operator==(const State&) const = default;
};

}  // namespace dactl
