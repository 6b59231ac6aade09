#pragma once
// OrgDirectory: which org the credentials reach, and its limits.

#include <cstdint>
#include <optional>

#include "engine/model/org_identity.h"
#include "engine/util/result.h"

namespace dactl {

class OrgDirectory {
public:
    virtual ~OrgDirectory() = default;

    /// Which org the credentials reach: its id and name, or its login host when
    /// the client may not read the org (one request).
    virtual Result<OrgIdentity> org_identity() = 0;

    /// The org's limit of concurrent data action executions
    /// (actions.concurrent.executions.max; one request); none when the service
    /// does not give it. Fails with ErrorKind::forbidden without the permission.
    virtual Result<std::optional<std::int64_t>> concurrency_limit() = 0;
};

}  // namespace dactl
