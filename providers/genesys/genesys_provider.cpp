#include "providers/genesys/genesys_provider.h"

namespace dactl::genesys {

GenesysProvider::GenesysProvider(GenesysClient& client, int parallelism)
    : m_org(client),
      m_actions(client, parallelism),
      m_drafts(client),
      m_functions(client),
      m_analytics(client),
      m_audits(client),
      m_dependencies(client) {}

namespace {

// A provider with its transport and client: members built in order, the
// transport first, the capabilities last, and torn down the other way.
class OwningProvider : public Provider {
public:
    OwningProvider(std::unique_ptr<http::Transport> transport, Endpoints endpoints,
                   Credentials credentials, ClientOptions options, int parallelism)
        : m_transport(std::move(transport)),
          m_client(*m_transport, std::move(endpoints), std::move(credentials), std::move(options)),
          m_provider(m_client, parallelism) {}

    OrgDirectory& org() override { return m_provider.org(); }
    ActionStore& actions() override { return m_provider.actions(); }
    DraftStore& drafts() override { return m_provider.drafts(); }
    FunctionStore& functions() override { return m_provider.functions(); }
    ActionAnalytics& analytics() override { return m_provider.analytics(); }
    AuditLog& audits() override { return m_provider.audits(); }
    FlowDependencies& dependencies() override { return m_provider.dependencies(); }

private:
    std::unique_ptr<http::Transport> m_transport;
    GenesysClient m_client;
    GenesysProvider m_provider;
};

}  // namespace

std::unique_ptr<Provider> make_genesys_provider(std::unique_ptr<http::Transport> transport,
                                                Endpoints endpoints, Credentials credentials,
                                                ClientOptions options, int parallelism) {
    return std::make_unique<OwningProvider>(std::move(transport), std::move(endpoints),
                                            std::move(credentials), std::move(options),
                                            parallelism);
}

}  // namespace dactl::genesys
