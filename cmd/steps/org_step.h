#pragma once
// Reaching the org: which org the credentials reach, read once and checked
// against every record that names one (the state, a saved plan). Every
// command that talks to an org and keeps a record of it goes through here.

#include <optional>
#include <string>
#include <vector>

#include "engine/model/org_identity.h"
#include "engine/provider/provider.h"
#include "engine/util/result.h"

namespace dactl::cli {

/// A record naming the org it was made for, and what to say if it is not
/// the one reached: "<what> was made for X, but the credentials reach Y; <advice>".
struct OrgRecord {
    std::optional<OrgIdentity> org;
    std::string what;
    std::string advice;
};

/// When reach_org reads the org.
enum class OrgRead {
    when_recorded,  ///< only when a record names one (nothing else needs it)
    always,         ///< the run records it (apply, import, a saved plan)
};

/// The org the credentials reach (one request), read as `read` says, checked
/// against each record. Nothing when it was not read. Fails with
/// ErrorKind::conflict for another org, ErrorKind::cancelled when interrupted,
/// else "reading which org the credentials reach failed: ...".
Result<std::optional<OrgIdentity>> reach_org(Provider& provider,
                                             const std::vector<OrgRecord>& records, OrgRead read);

}  // namespace dactl::cli
