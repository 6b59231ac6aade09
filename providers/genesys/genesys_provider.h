#pragma once
// GenesysProvider: the engine's Provider over the Genesys Cloud API, one
// object per capability, all reading and writing through one GenesysClient.

#include <memory>

#include "engine/provider/provider.h"
#include "providers/genesys/client.h"
#include "providers/genesys/genesys_actions.h"
#include "providers/genesys/genesys_drafts.h"
#include "providers/genesys/genesys_functions.h"
#include "providers/genesys/genesys_reports.h"

namespace dactl::genesys {

class GenesysProvider : public Provider {
public:
    /// Reads and writes through `client`, with at most `parallelism` requests
    /// of one read in flight at once. The provider refers to the client: see
    /// make_genesys_provider for one that owns it.
    explicit GenesysProvider(GenesysClient& client, int parallelism = 10);

    OrgDirectory& org() override { return m_org; }
    ActionStore& actions() override { return m_actions; }
    DraftStore& drafts() override { return m_drafts; }
    FunctionStore& functions() override { return m_functions; }
    ActionAnalytics& analytics() override { return m_analytics; }
    AuditLog& audits() override { return m_audits; }
    FlowDependencies& dependencies() override { return m_dependencies; }

private:
    GenesysOrg m_org;
    GenesysActions m_actions;
    GenesysDrafts m_drafts;
    GenesysFunctions m_functions;
    GenesysAnalytics m_analytics;
    GenesysAudits m_audits;
    GenesysDependencies m_dependencies;
};

/// A Genesys provider that owns its transport and client: what `dactl` wires
/// once the endpoints and credentials are known.
std::unique_ptr<Provider> make_genesys_provider(std::unique_ptr<http::Transport> transport,
                                                Endpoints endpoints, Credentials credentials,
                                                ClientOptions options, int parallelism = 10);

}  // namespace dactl::genesys
