#pragma once
// GenesysDrafts: the DraftStore over /api/v2/integrations/actions/{id}/draft
// and the test endpoints.

#include "engine/provider/draft_store.h"
#include "providers/genesys/client.h"

namespace dactl::genesys {

class GenesysDrafts : public DraftStore {
public:
    explicit GenesysDrafts(GenesysClient& client) : m_client(client) {}

    /// GET .../{id}/draft: the draft on 200, nothing on 404.
    Result<std::optional<LiveAction>> get_draft(const std::string& id) override;
    /// POST .../{id}/draft; answers the draft (read again with its config when
    /// the answer has none).
    Result<LiveAction> create_draft(const std::string& id) override;
    /// Loads the draft's URI templates from .../{id}/draft/templates/, then
    /// PATCH .../{id}/draft with encode_update's body over the draft's config.
    Result<LiveAction> update_draft(const LiveAction& draft, const FieldValues& changes) override;
    /// POST .../{id}/draft/publish with {"version": draft_version}.
    Result<LiveAction> publish_draft(const std::string& id, std::int64_t draft_version) override;
    /// DELETE .../{id}/draft, even after the interrupt; a draft already gone is fine.
    Status delete_draft(const std::string& id) override;
    /// POST .../{id}/test or .../{id}/draft/test with the input as the body.
    Result<TestRun> test_action(const std::string& id, const std::string& input_json,
                                TestTarget target) override;

private:
    GenesysClient& m_client;
};

}  // namespace dactl::genesys
