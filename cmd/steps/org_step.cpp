#include "cmd/steps/org_step.h"

#include <algorithm>

namespace dactl::cli {

Result<std::optional<OrgIdentity>> reach_org(Provider& provider,
                                             const std::vector<OrgRecord>& records, OrgRead read) {
    const bool recorded = std::any_of(records.begin(), records.end(), [](const OrgRecord& record) {
        return record.org.has_value();
    });
    if (read == OrgRead::when_recorded && !recorded) {
        return std::optional<OrgIdentity>();
    }
    Result<OrgIdentity> org = provider.org().org_identity();
    if (!org) {
        Error error = org.error();
        if (error.kind != ErrorKind::cancelled && !error.at_login) {
            error.message = "reading which org the credentials reach failed: " + error.message;
        }
        return error;
    }
    for (const OrgRecord& record : records) {
        if (Status same = check_same_org(record.org, *org, record.what, record.advice); !same) {
            return same.error();
        }
    }
    return std::optional<OrgIdentity>(*org);
}

}  // namespace dactl::cli
