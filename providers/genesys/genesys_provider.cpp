#include "providers/genesys/genesys_provider.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <set>

#include "engine/util/ascii.h"
#include "engine/util/parallel.h"
#include "providers/genesys/aggregate_codec.h"
#include "providers/genesys/answer_page.h"
#include "providers/genesys/audit_codec.h"
#include "providers/genesys/function_codec.h"
#include "providers/genesys/json_slice.h"
#include "providers/genesys/test_result_codec.h"
#include "providers/http/encoding.h"

namespace dactl::genesys {

namespace {

// Whether the action's document has a config member (an answer may leave it out).
bool has_config(const LiveAction& action) {
    for (const RawMember& member : object_members(trim_json_space(action.document))) {
        if (member.key == "\"config\"") {
            return true;
        }
    }
    return false;
}

constexpr std::string_view k_actions_path = "/api/v2/integrations/actions";

std::string action_path(const std::string& id) {
    return std::string(k_actions_path) + "/" + http::percent_encode(id);
}

std::string page_path(int number) {
    return std::string(k_actions_path) + "?pageSize=" + std::to_string(k_page_size) +
           "&pageNumber=" + std::to_string(number) + "&includeConfig=true&includeAuthActions=true";
}

std::string template_file(Field field) {
    return field == Field::request_template ? "requesttemplate.vm" : "successtemplate.vm";
}

// The list is never longer than this: 1,000,000 actions. A larger pageCount is
// a broken answer, not a reason to send that many requests.
constexpr int k_most_pages = 10000;

// A 2xx answer that could not be read: what was being read, what is wrong
// (an HTML page is quoted: it says more than "not valid JSON"), and the
// answer's status and correlation id for a report to the vendor.
Error unreadable(Error error, const std::string& what, const http::Response& answer) {
    if (is_html_page(answer)) {
        error.message = html_page_text(answer);
    }
    error.message = what + ": " + error.message;
    error.http_status = answer.status;
    error.correlation_id = answer.header("ININ-Correlation-Id");
    return error;
}

// A template the API gave as a URI is only taken when the answer is text and
// not an HTML page (a proxy's error or a sign-in page would otherwise be
// written into the action).
Status check_template(const std::string& path, const http::Response& answer) {
    const std::string type = ascii_lower(answer.header("Content-Type"));
    const bool text = type.empty() || (type.starts_with("text/") && !type.starts_with("text/html"));
    if (!text || is_html_page(answer)) {
        return make_error(ErrorKind::invalid_response,
                          "the template at " + path + " answered " +
                              (type.empty() ? std::string("an HTML page") : "\"" + type + "\"") +
                              ", not a template (a proxy's or a sign-in page?)" +
                              quoted_excerpt(answer.body));
    }
    // The API may well hold an empty template; an empty answer that is not the
    // API's own (every API answer carries ININ-Correlation-Id) would wipe one.
    if (answer.body.empty() && answer.header("ININ-Correlation-Id").empty()) {
        return make_error(ErrorKind::invalid_response,
                          "the template at " + path +
                              " answered nothing, and not as the API answers (no "
                              "ININ-Correlation-Id): a proxy in the way?");
    }
    return {};
}

}  // namespace

GenesysProvider::GenesysProvider(GenesysClient& client, int parallelism)
    : m_client(client), m_parallelism(std::max(1, parallelism)) {}

Result<ActionPage> GenesysProvider::fetch_page(int number) {
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
Result<std::vector<ActionPage>> GenesysProvider::fetch_remaining_pages(int page_count) {
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

namespace {

// The listing contradicts itself: nothing it says can be trusted to be whole.
Error contradiction(const std::string& what) {
    return make_error(ErrorKind::invalid_response,
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

Result<std::vector<LiveAction>> GenesysProvider::list_actions() {
    Result<std::vector<LiveAction>> listed = list_once();
    // An org changed while it was read can make one listing disagree with
    // itself; a second that does too is the server's, and fails loudly.
    if (!listed && listed.error().kind == ErrorKind::invalid_response &&
        listed.error().message.starts_with("the action list contradicts itself")) {
        listed = list_once();
    }
    return listed;
}

Result<std::vector<LiveAction>> GenesysProvider::list_once() {
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
    std::lock_guard lock(m_listed_mutex);
    m_listed_page = std::move(page_of);
    return actions;
}

int GenesysProvider::listed_page(const std::string& id) const {
    std::lock_guard lock(m_listed_mutex);
    auto found = m_listed_page.find(id);
    return found == m_listed_page.end() ? 0 : found->second;
}

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
    std::string path(k_actions_path);
    path += "?ids=";
    path += list;
    path += "&pageSize=" + std::to_string(k_page_size) +
            "&pageNumber=1&includeConfig=true&includeAuthActions=true";
    return path;
}

}  // namespace

std::vector<std::vector<std::string>> GenesysProvider::read_groups(
    const std::vector<std::string>& ids) {
    std::map<int, std::vector<std::string>> by_page;
    std::vector<std::string> unlisted;
    for (const std::string& id : ids) {
        const int page = listed_page(id);
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

Result<std::vector<LiveAction>> GenesysProvider::read_actions(const std::vector<std::string>& ids) {
    const int page = ids.empty() ? 0 : listed_page(ids.front());
    const bool one_page = page != 0 && std::all_of(ids.begin(), ids.end(), [&](const auto& id) {
                              return listed_page(id) == page;
                          });
    if (!one_page || id_requests(ids.size()) <= 1) {
        return read_by_ids(ids, OnInterrupt::stop);
    }
    Result<ActionPage> read = fetch_page(page);
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

Result<std::vector<LiveAction>> GenesysProvider::read_actions_after_interrupt(
    const std::vector<std::string>& ids) {
    Result<std::vector<LiveAction>> read = read_by_ids(ids, OnInterrupt::finish);
    if (read) {
        for (LiveAction& action : *read) {
            if (Status loaded =
                    load_templates_of(action, action_path(action.id), OnInterrupt::finish);
                !loaded) {
                return loaded.error();
            }
        }
    }
    return read;
}

// `ids` in requests of 50, up to m_parallelism at once; the first failure is the answer.
Result<std::vector<LiveAction>> GenesysProvider::read_by_ids(const std::vector<std::string>& ids,
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

Result<std::vector<LiveAction>> GenesysProvider::read_id_chunk(const std::vector<std::string>& ids,
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

Status GenesysProvider::load_templates(LiveAction& action) {
    return load_templates_of(action, action_path(action.id), OnInterrupt::stop);
}

// Fetches each template `action` has only as a URI from `resource`/templates/.
Status GenesysProvider::load_templates_of(LiveAction& action, const std::string& resource,
                                          OnInterrupt on_interrupt) {
    for (Field field : std::set<Field>(action.unloaded)) {
        const std::string path = resource + "/templates/" + template_file(field);
        Result<http::Response> answer = m_client.get(path, "text/plain", on_interrupt);
        if (!answer) {
            return answer.error();
        }
        if (Status usable = check_template(path, *answer); !usable) {
            return usable;
        }
        action.fields[field] = Value(std::move(answer->body));
        action.unloaded.erase(field);
    }
    return {};
}

Result<OrgIdentity> GenesysProvider::org_identity() {
    Result<http::Response> answer = m_client.get("/api/v2/organizations/me");
    if (!answer && answer.error().kind == ErrorKind::forbidden) {
        return OrgIdentity{"login:" + host_of(m_client.login_base()), ""};
    }
    if (!answer) {
        return answer.error();
    }
    Result<OrgIdentity> org = decode_organization(answer->body);
    if (!org) {
        return unreadable(org.error(), "reading the org", *answer);
    }
    return org;
}

Result<LiveAction> GenesysProvider::get_action(const std::string& id) {
    return read_action(id, OnInterrupt::stop);
}

Result<LiveAction> GenesysProvider::read_after_interrupt(const std::string& id) {
    Result<LiveAction> action = read_action(id, OnInterrupt::finish);
    if (action) {
        if (Status loaded = load_templates_of(*action, action_path(id), OnInterrupt::finish);
            !loaded) {
            return loaded.error();
        }
    }
    return action;
}

Result<LiveAction> GenesysProvider::read_action(const std::string& id, OnInterrupt on_interrupt) {
    Result<http::Response> answer =
        m_client.get(action_path(id) + "?includeConfig=true", "application/json", on_interrupt);
    if (!answer) {
        return answer.error();
    }
    Result<LiveAction> action = decode_action(answer->body);
    if (!action) {
        return unreadable(action.error(), "reading action " + id, *answer);
    }
    if (action->id != id) {
        return unreadable(make_error(ErrorKind::invalid_response,
                                     "the API answered action " + action->id + " instead"),
                          "reading action " + id, *answer);
    }
    return action;
}

Result<LiveAction> GenesysProvider::update_action(const LiveAction& base,
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

Result<std::vector<AggregateGroup>> GenesysProvider::query_action_aggregates(
    const AggregateQuery& query) {
    Result<http::Response> answer = m_client.post_query(
        "/api/v2/analytics/actions/aggregates/query", encode_aggregate_query(query));
    if (!answer) {
        return answer.error();
    }
    Result<std::vector<AggregateGroup>> groups = decode_aggregates(answer->body);
    if (!groups) {
        return unreadable(groups.error(), "querying the analytics", *answer);
    }
    return groups;
}

Result<std::vector<AuditService>> GenesysProvider::audit_services() {
    Result<http::Response> answer = m_client.get("/api/v2/audits/query/realtime/servicemapping");
    if (!answer) {
        return answer.error();
    }
    Result<std::vector<AuditService>> services = decode_audit_services(answer->body);
    if (!services) {
        return unreadable(services.error(), "reading the audit service mapping", *answer);
    }
    return services;
}

Result<AuditPage> GenesysProvider::query_audits(const AuditQuery& query) {
    Result<http::Response> answer =
        m_client.post_query("/api/v2/audits/query/realtime?expand=user", encode_audit_query(query));
    if (!answer) {
        return answer.error();
    }
    Result<AuditPage> page = decode_audit_page(answer->body);
    if (!page) {
        return unreadable(page.error(), "querying the audit trail", *answer);
    }
    return page;
}

Result<TestRun> GenesysProvider::test_action(const std::string& id, const std::string& input_json,
                                             TestTarget target) {
    const std::string path =
        action_path(id) + (target == TestTarget::draft ? "/draft/test" : "/test");
    Result<http::Response> answer = m_client.post(path, input_json);
    if (!answer) {
        return answer.error();
    }
    Result<TestRun> run = decode_test_result(answer->body);
    if (!run) {
        return unreadable(run.error(), "testing action " + id, *answer);
    }
    return run;
}

Result<std::optional<LiveAction>> GenesysProvider::get_draft(const std::string& id) {
    Result<http::Response> answer = m_client.get(action_path(id) + "/draft");
    if (!answer) {
        if (answer.error().kind == ErrorKind::not_found) {
            return std::optional<LiveAction>();
        }
        return answer.error();
    }
    Result<LiveAction> draft = decode_action(answer->body);
    if (!draft) {
        return unreadable(draft.error(), "reading the draft of " + id, *answer);
    }
    return std::optional<LiveAction>(std::move(draft).value());
}

Result<LiveAction> GenesysProvider::create_draft(const std::string& id) {
    Result<http::Response> answer = m_client.post(action_path(id) + "/draft", "{}");
    if (!answer) {
        return answer.error();
    }
    Result<LiveAction> draft = decode_action(answer->body);
    if (!draft) {
        return unreadable(draft.error(), "creating a draft of " + id, *answer);
    }
    if (!has_config(*draft)) {
        Result<http::Response> read = m_client.get(action_path(id) + "/draft?includeConfig=true");
        if (!read) {
            return read.error();
        }
        draft = decode_action(read->body);
        if (!draft) {
            return unreadable(draft.error(), "reading the draft of " + id, *read);
        }
    }
    return draft;
}

Result<LiveAction> GenesysProvider::update_draft(const LiveAction& draft,
                                                 const FieldValues& changes) {
    LiveAction loaded = draft;
    const std::string resource = action_path(draft.id) + "/draft";
    if (Status templates = load_templates_of(loaded, resource, OnInterrupt::stop); !templates) {
        return templates.error();
    }
    Result<std::string> body = encode_update(loaded, changes);
    if (!body) {
        return body.error();
    }
    Result<http::Response> answer = m_client.patch(resource, *body);
    if (!answer) {
        return answer.error();
    }
    Result<LiveAction> written = decode_action(answer->body);
    if (!written) {
        return unreadable(written.error(), "updating the draft of " + draft.id, *answer);
    }
    return written;
}

Status GenesysProvider::delete_draft(const std::string& id) {
    Result<http::Response> answer =
        m_client.remove(action_path(id) + "/draft", OnInterrupt::finish);
    if (!answer && answer.error().kind != ErrorKind::not_found) {
        return answer.error();
    }
    return {};
}

Result<std::set<std::string>> GenesysProvider::function_integrations() {
    std::set<std::string> ids;
    int page_count = 1;
    for (int number = 1; number <= page_count; ++number) {
        Result<http::Response> answer =
            m_client.get("/api/v2/integrations?pageSize=" + std::to_string(k_page_size) +
                         "&pageNumber=" + std::to_string(number));
        if (!answer) {
            return answer.error();
        }
        Result<IntegrationPage> page = decode_integration_page(answer->body);
        if (!page) {
            return unreadable(page.error(), "integrations page " + std::to_string(number), *answer);
        }
        ids.insert(page->function_ids.begin(), page->function_ids.end());
        page_count = page->page_count;
    }
    return ids;
}

Result<FunctionSetup> GenesysProvider::get_function(const std::string& id) {
    Result<http::Response> answer = m_client.get(action_path(id) + "/function");
    if (!answer) {
        return answer.error();
    }
    Result<FunctionSetup> function = decode_function_config(answer->body);
    if (!function) {
        return unreadable(function.error(), "reading the function of " + id, *answer);
    }
    return function;
}

Result<FunctionSetup> GenesysProvider::put_draft_function(const std::string& id,
                                                          const FunctionSetup& function) {
    Result<http::Response> answer =
        m_client.put(action_path(id) + "/draft/function", encode_function(function));
    if (!answer) {
        return answer.error();
    }
    Result<FunctionSetup> stored = decode_function_config(answer->body);
    if (!stored) {
        return unreadable(stored.error(), "writing the draft function of " + id, *answer);
    }
    return stored;
}

Result<LiveAction> GenesysProvider::publish_draft(const std::string& id,
                                                  std::int64_t draft_version) {
    Result<http::Response> answer = m_client.post(
        action_path(id) + "/draft/publish", "{\"version\": " + std::to_string(draft_version) + "}");
    if (!answer) {
        return answer.error();
    }
    Result<LiveAction> published = decode_action(answer->body);
    if (!published) {
        return unreadable(published.error(), "publishing the draft of " + id, *answer);
    }
    return published;
}

namespace {

// Owns what a GenesysProvider only refers to.
// The transport and client a provider reads through, built before it.
struct ProviderParts {
    ProviderParts(std::unique_ptr<http::Transport> owned, Endpoints endpoints,
                  Credentials credentials, ClientOptions options)
        : transport(std::move(owned)),
          client(*transport, std::move(endpoints), std::move(credentials), std::move(options)) {}
    std::unique_ptr<http::Transport> transport;
    GenesysClient client;
};

class OwningProvider : private ProviderParts, public GenesysProvider {
public:
    OwningProvider(std::unique_ptr<http::Transport> transport, Endpoints endpoints,
                   Credentials credentials, ClientOptions options, int parallelism)
        : ProviderParts(std::move(transport), std::move(endpoints), std::move(credentials),
                        std::move(options)),
          GenesysProvider(client, parallelism) {}
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
