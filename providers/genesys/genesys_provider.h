#pragma once
// GenesysProvider: the engine's Provider over the Genesys Cloud API.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/provider/provider.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/client.h"

namespace dactl::genesys {

/// Actions per list page: the most the API is known to accept.
inline constexpr int k_page_size = 100;
/// Ids per `ids=` query: the most the API accepts.
inline constexpr int k_ids_per_request = 50;

class GenesysProvider : public Provider {
public:
    /// Reads and writes through `client` (which must outlive the provider),
    /// with at most `parallelism` list pages in flight at once.
    explicit GenesysProvider(GenesysClient& client, int parallelism = 10);

    /// GET /api/v2/integrations/actions?pageSize=100&pageNumber=N&includeConfig=true
    /// &includeAuthActions=true: page 1, then pages 2..pageCount concurrently,
    /// then on while the last page is full and has a nextUri (up to 10,000
    /// pages); the actions in page order, each id once. Fails with the first
    /// failed page's Error; an unreadable page, or a pageCount outside 0-10000,
    /// is ErrorKind::invalid_response naming the page, with the answer's status
    /// and correlation id. A listing that contradicts itself (a page other than
    /// asked for, a short page before the last, an id twice on a page, a total
    /// other than what the pages held) is read once more, then
    /// ErrorKind::invalid_response "the action list contradicts itself: ...".
    Result<std::vector<LiveAction>> list_actions() override;

    /// Groups for reading back after writes: by the page of the last listing
    /// each id was on when that takes fewer requests than groups of 50 ids (ids
    /// not listed, or no listing yet: groups of 50), else groups of 50.
    std::vector<std::vector<std::string>> read_groups(const std::vector<std::string>& ids) override;

    /// The ids' actions with their config: when they all were on one page of
    /// the last listing and that page holds more than 50 of them, that page
    /// (GET ...?pageSize=100&pageNumber=N&includeConfig=true&includeAuthActions=true);
    /// otherwise, and for ids that page no longer holds, GET ...?ids=<up to 50,
    /// comma-separated>&pageSize=100&includeConfig=true&includeAuthActions=true,
    /// up to `parallelism` at once. An answer holding an action not asked for,
    /// or one twice, is ErrorKind::invalid_response.
    Result<std::vector<LiveAction>> read_actions(const std::vector<std::string>& ids) override;
    /// By ids, 50 a request, one attempt each that the interrupt does not cut
    /// short; templates loaded.
    Result<std::vector<LiveAction>> read_actions_after_interrupt(
        const std::vector<std::string>& ids) override;

    /// GET .../{id}/templates/requesttemplate.vm and/or successtemplate.vm for
    /// each field in `action.unloaded`; the text/plain body is the template.
    Status load_templates(LiveAction& action) override;

    /// GET /api/v2/organizations/me: the org's id and name; on 403 (the client
    /// may not read it) "login:<login host>" and no name.
    Result<OrgIdentity> org_identity() override;

    /// GET .../{id}?includeConfig=true. Fails with ErrorKind::not_found when
    /// the action no longer exists, and ErrorKind::invalid_response ("reading
    /// action <id>: ...", with the answer's status and correlation id) when the
    /// answer is not an Action.
    Result<LiveAction> get_action(const std::string& id) override;

    /// Loads what `base` has unloaded, then PATCH .../{id} with encode_update's
    /// body and decodes the answer (an answer without config is accepted).
    Result<LiveAction> update_action(const LiveAction& base, const FieldValues& changes) override;
    /// POST .../{id}/test or .../{id}/draft/test with the input as the body.
    /// POST /api/v2/analytics/actions/aggregates/query.
    Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query) override;

    /// GET /api/v2/audits/query/realtime/servicemapping.
    Result<std::vector<AuditService>> audit_services() override;
    /// POST /api/v2/audits/query/realtime?expand=user.
    Result<AuditPage> query_audits(const AuditQuery& query) override;

    Result<TestRun> test_action(const std::string& id, const std::string& input_json,
                                TestTarget target) override;
    /// GET .../{id}?includeConfig=true, one attempt that the interrupt does not cut short.
    Result<LiveAction> read_after_interrupt(const std::string& id) override;
    /// GET .../{id}/draft: the draft on 200, nothing on 404.
    Result<std::optional<LiveAction>> get_draft(const std::string& id) override;
    /// POST .../{id}/draft; answers the draft.
    Result<LiveAction> create_draft(const std::string& id) override;
    /// Loads the draft's URI templates from .../{id}/draft/templates/, then
    /// PATCH .../{id}/draft with encode_update's body over the draft's config.
    Result<LiveAction> update_draft(const LiveAction& draft, const FieldValues& changes) override;
    /// DELETE .../{id}/draft, even after the interrupt.
    Status delete_draft(const std::string& id) override;

    /// GET /api/v2/integrations?pageSize=100&pageNumber=N, page 1 to pageCount.
    Result<std::set<std::string>> function_integrations() override;
    /// GET .../{id}/function.
    Result<FunctionSetup> get_function(const std::string& id) override;
    /// PUT .../{id}/draft/function with encode_function's body.
    Result<FunctionSetup> put_draft_function(const std::string& id,
                                             const FunctionSetup& function) override;
    /// POST .../{id}/draft/publish with {"version": draft_version}.
    Result<LiveAction> publish_draft(const std::string& id, std::int64_t draft_version) override;

private:
    Status load_templates_of(LiveAction& action, const std::string& resource,
                             OnInterrupt on_interrupt);
    Result<ActionPage> fetch_page(int number);
    Result<std::vector<LiveAction>> list_once();
    Result<LiveAction> read_action(const std::string& id, OnInterrupt on_interrupt);
    Result<std::vector<ActionPage>> fetch_remaining_pages(int page_count);
    Result<std::vector<LiveAction>> read_by_ids(const std::vector<std::string>& ids,
                                                OnInterrupt on_interrupt);
    Result<std::vector<LiveAction>> read_id_chunk(const std::vector<std::string>& ids,
                                                  OnInterrupt on_interrupt);
    /// The page of the last listing `id` was on, or 0.
    int listed_page(const std::string& id) const;

    GenesysClient& m_client;
    int m_parallelism;
    mutable std::mutex m_listed_mutex;
    /// The page each action was on in the last listing.
    std::map<std::string, int> m_listed_page;
};

/// A GenesysProvider that owns its transport and client: what `dactl` wires
/// once the endpoints and credentials are known.
std::unique_ptr<Provider> make_genesys_provider(std::unique_ptr<http::Transport> transport,
                                                Endpoints endpoints, Credentials credentials,
                                                ClientOptions options, int parallelism = 10);

}  // namespace dactl::genesys
