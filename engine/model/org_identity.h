#pragma once
// OrgIdentity: which Genesys Cloud org a run talks to, recorded in saved plans
// and state files so that neither is ever used against another org.

#include <optional>
#include <string>

#include "engine/util/result.h"

namespace dactl {

struct OrgIdentity {
    /// The org's id (GET /api/v2/organizations/me), or "login:<host>" when the
    /// client may not read it (then only the region is known).
    std::string id;
    std::string name;  ///< "" when unknown

    bool operator==(const OrgIdentity&) const = default;
    /// "\"Prod\" (id 5e1d...)", or "the org behind login:<host>".
    std::string describe() const;
};

/// Fails (ErrorKind::conflict) when `recorded` names another org than `current`:
/// "<what> was made for <recorded>, but the credentials reach <current>; <advice>".
/// Nothing recorded (files written before dactl recorded orgs) passes.
Status check_same_org(const std::optional<OrgIdentity>& recorded, const OrgIdentity& current,
                      const std::string& what, const std::string& advice);

}  // namespace dactl
