#pragma once
// ActionListing: GET /api/v2/integrations/actions, every page, checked, and
// where each action was listed (read back by page when that is cheaper).

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "engine/model/live_action.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/client.h"

namespace dactl::genesys {

class ActionListing {
public:
    /// Reads through `client`, with at most `parallelism` pages in flight.
    ActionListing(GenesysClient& client, int parallelism);

    /// GET ...?pageSize=100&pageNumber=N&includeConfig=true (custom authentication
    /// actions are left out, as the API does by default):
    /// page 1, then pages 2..pageCount concurrently, then on while the last
    /// page is full and has a nextUri (up to 10,000 pages); the actions in
    /// page order, each id once. Fails with the first failed page's Error; an
    /// unreadable page, or a pageCount outside 0-10000, is
    /// ErrorKind::invalid_response naming the page. A listing that contradicts
    /// itself (a page other than asked for, a short page before the last, an
    /// id twice on a page, a total other than what the pages held) is read
    /// once more, then ErrorKind::inconsistent "the action list contradicts
    /// itself: ...".
    Result<std::vector<LiveAction>> list();

    /// One page of the listing, checked as list() checks it.
    Result<ActionPage> fetch_page(int number);

    /// The page of the last listing `id` was on, or 0.
    int listed_page(const std::string& id) const;

private:
    Result<std::vector<LiveAction>> list_once();
    Result<std::vector<ActionPage>> fetch_remaining_pages(int page_count);

    GenesysClient& m_client;
    int m_parallelism;
    mutable std::mutex m_mutex;
    std::map<std::string, int> m_listed_page;  ///< the page each action was on last
};

}  // namespace dactl::genesys
