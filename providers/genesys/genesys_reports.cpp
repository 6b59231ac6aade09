#include "providers/genesys/genesys_reports.h"

#include "engine/util/ascii.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/aggregate_codec.h"
#include "providers/genesys/answers.h"
#include "providers/genesys/audit_codec.h"
#include "providers/genesys/dependency_codec.h"
#include "providers/genesys/limits_codec.h"
#include "providers/http/encoding.h"

namespace dactl::genesys {

namespace {

// The audit trail only names who changed what: a query that does not answer
// within this is given up (one attempt), not waited for.
constexpr std::chrono::milliseconds k_audit_request_timeout{15'000};

// Flows per page (the service's maximum is unconfirmed; 100 is what the
// action list takes), and the most pages read for one action.
constexpr int k_flows_per_page = 100;
constexpr int k_most_flow_pages = 50;

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

Result<std::optional<std::int64_t>> GenesysOrg::concurrency_limit() {
    Result<http::Response> answer =
        m_client.get("/api/v2/organizations/limits/namespaces/integrations");
    if (!answer && answer.error().kind == ErrorKind::not_found) {
        return std::optional<std::int64_t>();  // no such namespace: not given
    }
    return decoded(
        answer,
        [](std::string_view body) {
            return decode_limit(body, "actions.concurrent.executions.max");
        },
        "reading the org's limits");
}

Result<std::vector<AggregateGroup>> GenesysAnalytics::query_action_aggregates(
    const AggregateQuery& query) {
    Result<std::vector<AggregateGroup>> groups =
        decoded(m_client.post_query("/api/v2/analytics/actions/aggregates/query",
                                    encode_aggregate_query(query)),
                decode_aggregates, "querying the analytics");
    // The service's words for a query it finds too large (no code of its own is
    // documented): the one place they are read. Too many buckets first: such
    // words may name the interval too.
    if (!groups && groups.error().kind == ErrorKind::bad_request) {
        const std::string words = ascii_lower(groups.error().message);
        Error refused = groups.error();
        if (words.find("bucket") != std::string::npos ||
            words.find("granularity") != std::string::npos) {
            refused.kind = ErrorKind::granularity_refused;
            return refused;
        }
        if (words.find("interval") != std::string::npos) {
            refused.kind = ErrorKind::interval_refused;
            return refused;
        }
    }
    return groups;
}

Result<CallingFlows> GenesysDependencies::flows_calling(const std::string& id, bool secure) {
    CallingFlows found;
    for (int number = 1; number <= k_most_flow_pages; ++number) {
        Result<http::Response> answer = m_client.get(
            "/api/v2/architect/dependencytracking/consumingresources?id=" +
            http::percent_encode(id) + "&objectType=" + (secure ? "SECUREACTION" : "DATAACTION") +
            "&flowFilter=published&pageSize=" + std::to_string(k_flows_per_page) +
            "&pageNumber=" + std::to_string(number));
        Result<FlowPage> page =
            decoded(answer, decode_flow_page,
                    "the flows calling " + id + ", page " + std::to_string(number));
        if (!page) {
            return page.error();
        }
        // 206 Partial Content: the org's dependency data is being rebuilt.
        found.incomplete = found.incomplete || answer->status == 206;
        found.flows.insert(found.flows.end(), page->flows.begin(), page->flows.end());
        if (page->flows.empty() || number >= page->page_count) {
            return found;
        }
    }
    found.incomplete = true;  // more pages than dactl reads
    return found;
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
