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

// The facts of each page, its ids included, for the listing's checks.
std::vector<PageFacts> facts_of(const std::vector<ActionPage>& pages) {
    std::vector<PageFacts> facts;
    facts.reserve(pages.size());
    for (const ActionPage& page : pages) {
        PageFacts fact{page.page_number, page.page_count, page.total, page.has_next, {}};
        fact.ids.reserve(page.entities.size());
        for (const LiveAction& action : page.entities) {
            fact.ids.push_back(action.id);
        }
        facts.push_back(std::move(fact));
    }
    return facts;
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
    return page;
}

// Pages 2..page_count, fetched by up to m_parallelism threads (this one
// included). After a failure, or a short page before the last (the listing
// contradicts itself, and its pageCount may be a lie), no new page is started;
// the lowest failed page's error is the answer, else the pages read in a row
// from page 2, for check_pages to judge.
Result<std::vector<ActionPage>> ActionListing::fetch_remaining_pages(int page_count) {
    const auto remaining = static_cast<std::size_t>(page_count - 1);
    std::vector<std::optional<Result<ActionPage>>> results(remaining);
    std::atomic<bool> stop{false};
    parallel_for(remaining, m_parallelism, [&](std::size_t index) {
        if (stop) {
            return;
        }
        Result<ActionPage> page = fetch_page(static_cast<int>(index) + 2);
        if (!page.ok() ||
            (index + 1 < remaining && static_cast<int>(page->entities.size()) != k_page_size)) {
            stop = true;
        }
        results[index].emplace(std::move(page));
    });
    for (auto& result : results) {
        if (result && !result->ok()) {
            return result->error();
        }
    }
    std::vector<ActionPage> pages;
    for (auto& result : results) {
        if (!result) {
            break;
        }
        pages.push_back(std::move(*result).value());
    }
    return pages;
}

Result<std::vector<LiveAction>> ActionListing::list() {
    return read_twice([this] { return list_once(); });
}

Result<std::vector<LiveAction>> ActionListing::list_once() {
    Result<ActionPage> first = fetch_page(1);
    if (!first) {
        return first.error();
    }
    // Page 1 must agree with itself before more pages are asked for: a lying
    // pageCount must not turn into thousands of requests.
    if (Status checked =
            check_first_page(facts_of({*first}).front(), k_page_size, k_action_listing);
        !checked) {
        return checked.error();
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
    if (Status checked = check_pages(facts_of(pages), k_page_size, k_action_listing); !checked) {
        return checked.error();
    }
    // An action saved while the pages were read can move across a page
    // boundary and show up twice; keep its first appearance.
    std::vector<LiveAction> actions;
    std::map<std::string, int> page_of;
    for (std::size_t number = 1; number <= pages.size(); ++number) {
        ActionPage& page = pages[number - 1];
        for (LiveAction& action : page.entities) {
            if (page_of.emplace(action.id, static_cast<int>(number)).second) {
                actions.push_back(std::move(action));
            }
        }
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
