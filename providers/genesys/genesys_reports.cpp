#include "providers/genesys/genesys_reports.h"

#include "engine/util/ascii.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/aggregate_codec.h"
#include "providers/genesys/answers.h"
#include "providers/genesys/audit_codec.h"

namespace dactl::genesys {

namespace {

// The audit trail only names who changed what: a query that does not answer
// within this is given up (one attempt), not waited for.
constexpr std::chrono::milliseconds k_audit_request_timeout{15'000};

}  // namespace

}  // namespace dactl::genesys

namespace dactl::genesys {

Result<OrgIdentity> GenesysOrg::org_identity() {
    Result<http::Response> answer = m_client.get("/api/v2/organizations/me");
    if (!answer && answer.error().kind == ErrorKind::forbidden) {
        return OrgIdentity{"login:" + host_of(m_client.login_base()), ""};
    }
    return decoded(answer, decode_organization, "reading the org");
}

Result<std::vector<AggregateGroup>> GenesysAnalytics::query_action_aggregates(
    const AggregateQuery& query) {
    Result<std::vector<AggregateGroup>> groups =
        decoded(m_client.post_query("/api/v2/analytics/actions/aggregates/query",
                                    encode_aggregate_query(query)),
                decode_aggregates, "querying the analytics");
    // The service's words for an interval longer than it takes (no code of its
    // own is documented): the one place they are read.
    if (!groups && groups.error().kind == ErrorKind::bad_request &&
        ascii_lower(groups.error().message).find("interval") != std::string::npos) {
        Error refused = groups.error();
        refused.kind = ErrorKind::interval_refused;
        return refused;
    }
    return groups;
}

Result<std::vector<AuditService>> GenesysAudits::audit_services() {
    return decoded(m_client.optional_read("/api/v2/audits/query/realtime/servicemapping", "",
                                          k_audit_request_timeout),
                   decode_audit_services, "reading the audit service mapping");
}

Result<AuditPage> GenesysAudits::query_audits(const AuditQuery& query) {
    return decoded(m_client.optional_read("/api/v2/audits/query/realtime?expand=user",
                                          encode_audit_query(query), k_audit_request_timeout),
                   decode_audit_page, "querying the audit trail");
}

}  // namespace dactl::genesys
