#include "providers/genesys/genesys_actions.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <set>

#include "engine/util/parallel.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/answers.h"
#include "providers/http/encoding.h"

namespace dactl::genesys {

namespace {

std::size_t id_requests(std::size_t ids) {
    return (ids + k_ids_per_request - 1) / k_ids_per_request;
}

void add_chunks(const std::vector<std::string>& ids,
                std::vector<std::vector<std::string>>& groups) {
    for (std::size_t at = 0; at < ids.size(); at += k_ids_per_request) {
        const std::size_t end = std::min(at + k_ids_per_request, ids.size());
        groups.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(at),
                            ids.begin() + static_cast<std::ptrdiff_t>(end));
    }
}

std::string ids_path(const std::vector<std::string>& ids) {
    std::string list;
    for (const std::string& id : ids) {
        if (!list.empty()) {
            list += ',';
        }
        list += http::percent_encode(id);
    }
    std::string path = "/api/v2/integrations/actions";
    path += "?ids=";
    path += list;
    path += "&pageSize=" + std::to_string(k_page_size) + "&pageNumber=1&includeConfig=true";
    return path;
}

}  // namespace

GenesysActions::GenesysActions(GenesysClient& client, int parallelism)
    : m_client(client), m_parallelism(std::max(1, parallelism)), m_listing(client, parallelism) {}

Result<std::vector<LiveAction>> GenesysActions::list_actions() {
    return m_listing.list();
}

Result<std::vector<LiveAction>> GenesysActions::find_unlisted(
    const std::vector<Selector>& selectors) {
    std::vector<LiveAction> found;
    for (const Selector& selector : selectors) {
        if (selector.by == Selector::By::id) {
            Result<LiveAction> action = read_action(selector.value, OnInterrupt::stop);
            if (action) {
                found.push_back(std::move(action).value());
            } else if (action.error().kind != ErrorKind::not_found) {
                return action.error();
            }
            continue;
        }
        // The name filter matches parts of names: keep the exact ones.
        Result<ActionPage> page = decoded(
            m_client.get(
                "/api/v2/integrations/actions?name=" + http::percent_encode(selector.value) +
                "&includeAuthActions=true&pageSize=" + std::to_string(k_page_size) +
                "&pageNumber=1"),
            decode_action_page, "looking for " + selector.value);
        if (!page) {
            return page.error();
        }
        for (LiveAction& action : page->entities) {
            if (action.name == selector.value) {
                found.push_back(std::move(action));
            }
        }
    }
    return found;
}

std::vector<std::vector<std::string>> GenesysActions::read_groups(
    const std::vector<std::string>& ids) {
    std::map<int, std::vector<std::string>> by_page;
    std::vector<std::string> unlisted;
    for (const std::string& id : ids) {
        const int page = m_listing.listed_page(id);
        (page == 0 ? unlisted : by_page[page]).push_back(id);
    }
    std::vector<std::vector<std::string>> groups;
    if (by_page.size() + id_requests(unlisted.size()) < id_requests(ids.size())) {
        for (auto& [page, members] : by_page) {
            groups.push_back(std::move(members));
        }
        add_chunks(unlisted, groups);
    } else {
        add_chunks(ids, groups);
    }
    return groups;
}

Result<std::vector<LiveAction>> GenesysActions::read_actions(const std::vector<std::string>& ids) {
    const int page = ids.empty() ? 0 : m_listing.listed_page(ids.front());
    const bool one_page = page != 0 && std::all_of(ids.begin(), ids.end(), [&](const auto& id) {
                              return m_listing.listed_page(id) == page;
                          });
    if (!one_page || id_requests(ids.size()) <= 1) {
        return read_by_ids(ids, OnInterrupt::stop);
    }
    Result<ActionPage> read = m_listing.fetch_page(page);
    if (!read) {
        return read.error();
    }
    const std::set<std::string> wanted(ids.begin(), ids.end());
    std::vector<LiveAction> found;
    for (LiveAction& action : read->entities) {
        if (wanted.count(action.id) != 0) {
            found.push_back(std::move(action));
        }
    }
    // Actions that left the page since the listing (the org changed) are read by id.
    std::set<std::string> seen;
    for (const LiveAction& action : found) {
        seen.insert(action.id);
    }
    std::vector<std::string> moved;
    std::copy_if(ids.begin(), ids.end(), std::back_inserter(moved),
                 [&](const std::string& id) { return seen.count(id) == 0; });
    if (!moved.empty()) {
        Result<std::vector<LiveAction>> rest = read_by_ids(moved, OnInterrupt::stop);
        if (!rest) {
            return rest.error();
        }
        std::move(rest->begin(), rest->end(), std::back_inserter(found));
    }
    return found;
}

Result<std::vector<LiveAction>> GenesysActions::read_actions_after_interrupt(
    const std::vector<std::string>& ids) {
    Result<std::vector<LiveAction>> read = read_by_ids(ids, OnInterrupt::finish);
    if (read) {
        for (LiveAction& action : *read) {
            if (Status loaded = load_templates_from(m_client, action, action_path(action.id),
                                                    OnInterrupt::finish);
                !loaded) {
                return loaded.error();
            }
        }
    }
    return read;
}

// `ids` in requests of 50, up to m_parallelism at once; the first failure is the answer.
Result<std::vector<LiveAction>> GenesysActions::read_by_ids(const std::vector<std::string>& ids,
                                                            OnInterrupt on_interrupt) {
    std::vector<std::vector<std::string>> chunks;
    add_chunks(ids, chunks);
    std::vector<std::optional<Result<std::vector<LiveAction>>>> results(chunks.size());
    std::atomic<bool> failed{false};
    parallel_for(chunks.size(), m_parallelism, [&](std::size_t index) {
        if (failed) {
            return;
        }
        results[index].emplace(read_id_chunk(chunks[index], on_interrupt));
        if (!results[index]->ok()) {
            failed = true;
        }
    });
    std::vector<LiveAction> found;
    for (auto& result : results) {
        if (result && !result->ok()) {
            return result->error();
        }
        if (result) {
            std::move((*result)->begin(), (*result)->end(), std::back_inserter(found));
        }
    }
    return found;
}

Result<std::vector<LiveAction>> GenesysActions::read_id_chunk(const std::vector<std::string>& ids,
                                                              OnInterrupt on_interrupt) {
    const std::string what = "reading back " + std::to_string(ids.size()) + " actions by id";
    Result<http::Response> answer = m_client.get(ids_path(ids), "application/json", on_interrupt);
    if (!answer) {
        return answer.error();
    }
    Result<ActionPage> page = decode_action_page(answer->body);
    if (!page) {
        return unreadable(page.error(), what, *answer);
    }
    const std::set<std::string> wanted(ids.begin(), ids.end());
    std::set<std::string> seen;
    for (const LiveAction& action : page->entities) {
        if (wanted.count(action.id) == 0) {
            return unreadable(
                make_error(ErrorKind::invalid_response,
                           "the API answered action " + action.id + ", which was not asked for"),
                what, *answer);
        }
        if (!seen.insert(action.id).second) {
            return unreadable(
                make_error(ErrorKind::invalid_response, "the API answered " + action.id + " twice"),
                what, *answer);
        }
    }
    return std::move(page->entities);
}

Status GenesysActions::load_templates(LiveAction& action) {
    return load_templates_from(m_client, action, action_path(action.id), OnInterrupt::stop);
}

Result<LiveAction> GenesysActions::get_action(const std::string& id) {
    return read_action(id, OnInterrupt::stop);
}

Result<LiveAction> GenesysActions::read_after_interrupt(const std::string& id) {
    Result<LiveAction> action = read_action(id, OnInterrupt::finish);
    if (action) {
        if (Status loaded =
                load_templates_from(m_client, *action, action_path(id), OnInterrupt::finish);
            !loaded) {
            return loaded.error();
        }
    }
    return action;
}

Result<LiveAction> GenesysActions::read_action(const std::string& id, OnInterrupt on_interrupt) {
    const std::string what = "reading action " + id;
    Result<http::Response> answer =
        m_client.get(action_path(id) + "?includeConfig=true", "application/json", on_interrupt);
    Result<LiveAction> action = decoded(answer, decode_action, what);
    if (action && action->id != id) {
        return unreadable(make_error(ErrorKind::invalid_response,
                                     "the API answered action " + action->id + " instead"),
                          what, *answer);
    }
    return action;
}

Result<LiveAction> GenesysActions::update_action(const LiveAction& base,
                                                 const FieldValues& changes) {
    LiveAction loaded = base;
    if (Status templates = load_templates(loaded); !templates) {
        return templates.error();
    }
    Result<std::string> body = encode_update(loaded, changes);
    if (!body) {
        return body.error();
    }
    Result<http::Response> answer = m_client.patch(action_path(base.id), *body);
    if (!answer) {
        return answer.error();
    }
    Result<LiveAction> written = decode_action(answer->body);
    if (!written || written->id != base.id) {
        // The write succeeded but its answer is not this Action (an empty body,
        // another action): read the action instead of trusting it.
        return get_action(base.id);
    }
    return written;
}

}  // namespace dactl::genesys
