#pragma once
// OrgDirectory: which org the credentials reach.

#include "engine/model/org_identity.h"
#include "engine/util/result.h"

namespace dactl {

class OrgDirectory {
public:
    virtual ~OrgDirectory() = default;

    /// Which org the credentials reach: its id and name, or its login host when
    /// the client may not read the org (one request).
    virtual Result<OrgIdentity> org_identity() = 0;
};

}  // namespace dactl
