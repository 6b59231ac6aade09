#include "providers/genesys/action_listing.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <set>

#include "engine/util/parallel.h"
#include "providers/genesys/answers.h"

namespace dactl::genesys {

namespace {

std::string page_path(int number) {
    return "/api/v2/integrations/actions?pageSize=" + std::to_string(k_page_size) +
           "&pageNumber=" + std::to_string(number) + "&includeConfig=true";
}

// The list is never longer than this: 1,000,000 actions. A larger pageCount is
// a broken answer, not a reason to send that many requests.
constexpr int k_most_pages = 10000;

// The listing contradicts itself: nothing it says can be trusted to be whole.
Error contradiction(const std::string& what) {
    return make_error(ErrorKind::inconsistent,
                      "the action list contradicts itself: " + what +
                          "; dactl does not act on a partial org (read twice)");
}

// Every page but the last must be full, every page must be the one asked for,
// and no id may appear twice on one page.
Status check_pages(const std::vector<ActionPage>& pages) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const ActionPage& page = pages[i];
        const int number = static_cast<int>(i) + 1;
        if (page.page_number != 0 && page.page_number != number) {
            return contradiction("asked for page " + std::to_string(number) +
                                 ", it answered page " + std::to_string(page.page_number));
        }
        if (i + 1 < pages.size() && static_cast<int>(page.entities.size()) != k_page_size) {
            return contradiction("page " + std::to_string(number) + " of " +
                                 std::to_string(pages.size()) + " holds " +
                                 std::to_string(page.entities.size()) + " actions, not " +
                                 std::to_string(k_page_size));
        }
        std::set<std::string> ids;
        for (const LiveAction& action : page.entities) {
            if (!ids.insert(action.id).second) {
                return contradiction("page " + std::to_string(number) + " lists " + action.id +
                                     " twice");
            }
        }
    }
    return {};
}

}  // namespace

ActionListing::ActionListing(GenesysClient& client, int parallelism)
    : m_client(client), m_parallelism(std::max(1, parallelism)) {}

Result<ActionPage> ActionListing::fetch_page(int number) {
    Result<http::Response> answer = m_client.get(page_path(number));
    if (!answer) {
        return answer.error();
    }
    Result<ActionPage> page = decode_action_page(answer->body);
    if (!page) {
        return unreadable(page.error(), "page " + std::to_string(number), *answer);
    }
    if (page->page_count < 0 || page->page_count > k_most_pages) {
        return unreadable(
            make_error(ErrorKind::invalid_response,
                       "the action list says it has " + std::to_string(page->page_count) +
                           " pages; dactl reads from 0 to " + std::to_string(k_most_pages)),
            "page " + std::to_string(number), *answer);
    }
    return page;
}

// Pages 2..page_count, fetched by up to m_parallelism threads (this one
// included). After a failure no new page is started; the lowest failed page's
// error is the answer.
Result<std::vector<ActionPage>> ActionListing::fetch_remaining_pages(int page_count) {
    const auto remaining = static_cast<std::size_t>(page_count - 1);
    std::vector<std::optional<Result<ActionPage>>> results(remaining);
    std::atomic<bool> failed{false};
    parallel_for(remaining, m_parallelism, [&](std::size_t index) {
        if (failed) {
            return;
        }
        Result<ActionPage> page = fetch_page(static_cast<int>(index) + 2);
        if (!page.ok()) {
            failed = true;
        }
        results[index].emplace(std::move(page));
    });
    std::vector<ActionPage> pages;
    for (auto& result : results) {
        if (result && !result->ok()) {
            return result->error();
        }
        if (result) {
            pages.push_back(std::move(*result).value());
        }
    }
    return pages;
}

Result<std::vector<LiveAction>> ActionListing::list() {
    Result<std::vector<LiveAction>> listed = list_once();
    // An org changed while it was read can make one listing disagree with
    // itself; a second that does too is the server's, and fails loudly.
    if (!listed && listed.error().kind == ErrorKind::inconsistent) {
        listed = list_once();
    }
    return listed;
}

Result<std::vector<LiveAction>> ActionListing::list_once() {
    Result<ActionPage> first = fetch_page(1);
    if (!first) {
        return first.error();
    }
    std::vector<ActionPage> pages;
    pages.push_back(std::move(first).value());
    if (pages.front().page_count > 1) {
        Result<std::vector<ActionPage>> rest = fetch_remaining_pages(pages.front().page_count);
        if (!rest) {
            return rest.error();
        }
        std::move(rest->begin(), rest->end(), std::back_inserter(pages));
    }
    // Read on while the last page says there is more (a full page with a
    // nextUri): a pageCount that is short must not truncate the org.
    while (pages.back().has_next && static_cast<int>(pages.back().entities.size()) == k_page_size &&
           static_cast<int>(pages.size()) < k_most_pages) {
        Result<ActionPage> next = fetch_page(static_cast<int>(pages.size()) + 1);
        if (!next) {
            return next.error();
        }
        pages.push_back(std::move(next).value());
    }
    if (Status checked = check_pages(pages); !checked) {
        return checked.error();
    }
    // An action saved while the pages were read can move across a page
    // boundary and show up twice; keep its first appearance.
    std::vector<LiveAction> actions;
    std::map<std::string, int> page_of;
    std::size_t listed = 0;
    for (std::size_t number = 1; number <= pages.size(); ++number) {
        ActionPage& page = pages[number - 1];
        listed += page.entities.size();
        for (LiveAction& action : page.entities) {
            if (page_of.emplace(action.id, static_cast<int>(number)).second) {
                actions.push_back(std::move(action));
            }
        }
    }
    const std::optional<std::int64_t> total = pages.front().total;
    if (total && *total != static_cast<std::int64_t>(listed)) {
        return contradiction("page 1 says it holds " + std::to_string(*total) +
                             " actions in all, its " + std::to_string(pages.size()) +
                             " pages held " + std::to_string(listed));
    }
    std::lock_guard lock(m_mutex);
    m_listed_page = std::move(page_of);
    return actions;
}

int ActionListing::listed_page(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto found = m_listed_page.find(id);
    return found == m_listed_page.end() ? 0 : found->second;
}

}  // namespace dactl::genesys
