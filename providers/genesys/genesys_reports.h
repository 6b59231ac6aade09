#pragma once
// What the org reports about itself: which org it is (OrgDirectory), its
// actions' execution statistics (ActionAnalytics), its audit trail (AuditLog)
// and which flows call an action (FlowDependencies).

#include "engine/provider/analytics.h"
#include "engine/provider/audit_log.h"
#include "engine/provider/flow_dependencies.h"
#include "engine/provider/org_directory.h"
#include "providers/genesys/client.h"

namespace dactl::genesys {

class GenesysOrg : public OrgDirectory {
public:
    explicit GenesysOrg(GenesysClient& client) : m_client(client) {}
    /// GET /api/v2/organizations/me: the org's id and name; on 403 (the client
    /// may not read it) "login:<login host>" and no name.
    Result<OrgIdentity> org_identity() override;
    /// GET /api/v2/organizations/limits/namespaces/integrations, the key
    /// actions.concurrent.executions.max (../shared/docs/genesys-analytics-audits.md
    /// section 7: the namespace and the key's place are unconfirmed: absent is none).
    Result<std::optional<std::int64_t>> concurrency_limit() override;

private:
    GenesysClient& m_client;
};

class GenesysAnalytics : public ActionAnalytics {
public:
    explicit GenesysAnalytics(GenesysClient& client) : m_client(client) {}
    /// POST /api/v2/analytics/actions/aggregates/query; a 400 that names the
    /// interval is ErrorKind::interval_refused; one naming buckets or the
    /// granularity ErrorKind::granularity_refused.
    Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query) override;

private:
    GenesysClient& m_client;
};

class GenesysAudits : public AuditLog {
public:
    explicit GenesysAudits(GenesysClient& client) : m_client(client) {}
    /// GET /api/v2/audits/query/realtime/servicemapping.
    Result<std::vector<AuditService>> audit_services() override;
    /// POST /api/v2/audits/query/realtime?expand=user.
    Result<AuditPage> query_audits(const AuditQuery& query) override;

private:
    GenesysClient& m_client;
};

class GenesysDependencies : public FlowDependencies {
public:
    explicit GenesysDependencies(GenesysClient& client) : m_client(client) {}
    /// GET /api/v2/architect/dependencytracking/consumingresources?id=&objectType=
    /// DATAACTION (SECUREACTION for a secure action)&flowFilter=published, 100 a
    /// page, every page; a 206 answer marks the list incomplete.
    Result<CallingFlows> flows_calling(const std::string& id, bool secure) override;

private:
    GenesysClient& m_client;
};

}  // namespace dactl::genesys
