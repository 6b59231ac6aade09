#pragma once
// AuditLog: the org's audit trail, who changed what.

#include <vector>

#include "engine/model/audit.h"
#include "engine/util/result.h"

namespace dactl {

class AuditLog {
public:
    virtual ~AuditLog() = default;

    /// The services of the audit trail and their entity types
    /// (GET /api/v2/audits/query/realtime/servicemapping).
    virtual Result<std::vector<AuditService>> audit_services() = 0;
    /// One page of the audit trail's entries about actions, in the order the
    /// query asks, users named. Fails with ErrorKind::forbidden without the permission.
    virtual Result<AuditPage> query_audits(const AuditQuery& query) = 0;
};

}  // namespace dactl
