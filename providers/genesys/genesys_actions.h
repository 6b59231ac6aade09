#pragma once
// GenesysActions: the ActionStore over /api/v2/integrations/actions.

#include <string>
#include <vector>

#include "engine/provider/action_store.h"
#include "providers/genesys/action_listing.h"
#include "providers/genesys/client.h"

namespace dactl::genesys {

class GenesysActions : public ActionStore {
public:
    /// Reads and writes through `client`, with at most `parallelism` requests
    /// of one read in flight at once.
    GenesysActions(GenesysClient& client, int parallelism);

    /// ActionListing::list.
    Result<std::vector<LiveAction>> list_actions() override;
    /// Per id GET .../{id}; per name GET ...?name=NAME&includeAuthActions=true
    /// (the exact names kept).
    Result<std::vector<LiveAction>> find_unlisted(const std::vector<Selector>& selectors) override;
    /// Groups for reading back after writes: by the page of the last listing
    /// each id was on when that takes fewer requests than groups of 50 ids (ids
    /// not listed, or no listing yet: groups of 50), else groups of 50.
    std::vector<std::vector<std::string>> read_groups(const std::vector<std::string>& ids) override;
    /// The ids' actions with their config: when they all were on one page of
    /// the last listing and that page holds more than 50 of them, that page;
    /// otherwise, and for ids that page no longer holds, GET ...?ids=<up to 50,
    /// comma-separated>&pageSize=100&includeConfig=true,
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
    /// GET .../{id}?includeConfig=true. Fails with ErrorKind::not_found when
    /// the action no longer exists, and ErrorKind::invalid_response ("reading
    /// action <id>: ...", with the answer's status and correlation id) when the
    /// answer is not this Action.
    Result<LiveAction> get_action(const std::string& id) override;
    /// GET .../{id}?includeConfig=true, one attempt that the interrupt does not cut short.
    Result<LiveAction> read_after_interrupt(const std::string& id) override;
    /// Loads what `base` has unloaded, then PATCH .../{id} with encode_update's
    /// body and decodes the answer (an answer that is not this Action is read again).
    Result<LiveAction> update_action(const LiveAction& base, const FieldValues& changes) override;

private:
    Result<LiveAction> read_action(const std::string& id, OnInterrupt on_interrupt);
    Result<std::vector<LiveAction>> read_by_ids(const std::vector<std::string>& ids,
                                                OnInterrupt on_interrupt);
    Result<std::vector<LiveAction>> read_id_chunk(const std::vector<std::string>& ids,
                                                  OnInterrupt on_interrupt);

    GenesysClient& m_client;
    int m_parallelism;
    ActionListing m_listing;
};

}  // namespace dactl::genesys
