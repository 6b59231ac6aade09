#pragma once
// GenesysFunctions: the FunctionStore over /api/v2/integrations (which
// integrations run functions) and .../{id}/function, .../{id}/draft/function.

#include "engine/provider/function_store.h"
#include "providers/genesys/client.h"
#include "providers/genesys/function_codec.h"

namespace dactl::genesys {

class GenesysFunctions : public FunctionStore {
public:
    explicit GenesysFunctions(GenesysClient& client) : m_client(client) {}

    /// GET /api/v2/integrations?pageSize=100&pageNumber=N, page 1 to pageCount,
    /// read once more when it contradicts itself (paging.h), then refused.
    Result<std::set<std::string>> function_integrations() override;
    /// GET .../{id}/function.
    Result<FunctionSetup> get_function(const std::string& id) override;
    /// PUT .../{id}/draft/function with encode_function's body.
    Result<FunctionSetup> put_draft_function(const std::string& id,
                                             const FunctionSetup& function) override;

private:
    Result<IntegrationPage> integrations_page(int number);
    Result<std::set<std::string>> integrations_once();

    GenesysClient& m_client;
};

}  // namespace dactl::genesys
