#include "tests/support/fake_provider.h"

namespace dactl::testing {

void FakeProvider::put(LiveAction action) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_actions[action.id] = std::move(action);
}

LiveAction FakeProvider::stored(const std::string& id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_actions.at(id);
}

void FakeProvider::edit_out_of_band(const std::string& id, Field field, Value value) {
    std::lock_guard<std::mutex> lock(m_mutex);
    LiveAction& action = m_actions.at(id);
    m_previous[id] = action;
    action.fields[field] = std::move(value);
    action.version += 1;
}

void FakeProvider::fail_next(int count, Error error) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_failures = count;
    m_failure = std::move(error);
}

void FakeProvider::fail_listing(Error error) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_listing_failure = std::move(error);
}

void FakeProvider::fail_reads(const std::string& id, Error error) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_read_failures[id] = std::move(error);
}

void FakeProvider::fail_templates(const std::string& id, Error error) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_template_failures[id] = std::move(error);
}

LiveAction FakeProvider::presented(const LiveAction& action) const {
    LiveAction copy = action;
    if (m_templates_as_uris) {
        for (Field field : {Field::request_template, Field::response_success_template}) {
            if (!copy.get(field).is_unset()) {
                copy.fields[field] = Value();
                copy.unloaded.insert(field);
            }
        }
    }
    return copy;
}

Result<std::vector<LiveAction>> FakeProvider::list_actions() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("list");
    if (m_listing_failure) {
        return *m_listing_failure;
    }
    std::vector<LiveAction> actions;
    for (const auto& [id, action] : m_actions) {
        if (m_auth_actions.count(id) == 0) {
            actions.push_back(presented(action));
        }
    }
    return actions;
}

void FakeProvider::put_auth_action(LiveAction action) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_auth_actions.insert(action.id);
    }
    put(std::move(action));
}

Result<std::vector<LiveAction>> FakeProvider::find_unlisted(
    const std::vector<Selector>& selectors) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::string call = "find unlisted ";
    std::vector<LiveAction> found;
    for (const Selector& selector : selectors) {
        call += (&selector == &selectors.front() ? "" : ",") + selector.value;
        for (const std::string& id : m_auth_actions) {
            const LiveAction& action = m_actions.at(id);
            if (selector.by == Selector::By::id ? id == selector.value
                                                : action.name == selector.value) {
                found.push_back(presented(action));
            }
        }
    }
    m_calls.push_back(call);
    return found;
}

Status FakeProvider::load_templates(LiveAction& action) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("templates " + action.id);
    if (auto failure = m_template_failures.find(action.id); failure != m_template_failures.end()) {
        return failure->second;
    }
    const LiveAction& stored = m_actions.at(action.id);
    for (Field field : action.unloaded) {
        action.fields[field] = stored.get(field);
    }
    action.unloaded.clear();
    return {};
}

Result<LiveAction> FakeProvider::get_action(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("get " + id);
    return read_locked(id);
}

Result<LiveAction> FakeProvider::read_locked(const std::string& id) {
    if (auto failure = m_read_failures.find(id); failure != m_read_failures.end()) {
        return failure->second;
    }
    auto found = m_actions.find(id);
    if (found == m_actions.end()) {
        return make_error(ErrorKind::not_found, "no action " + id);
    }
    if (m_stale_reads > 0 && m_previous.count(id) != 0) {
        --m_stale_reads;
        return presented(m_previous.at(id));
    }
    return presented(found->second);
}

Result<LiveAction> FakeProvider::update_action(const LiveAction& base, const FieldValues& changes) {
    if (m_while_updating) {
        m_while_updating();
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("update " + base.id + " v" + std::to_string(base.version));
    m_updates.push_back(changes);
    LiveAction& action = m_actions.at(base.id);
    if (m_failures > 0) {
        --m_failures;
        return m_failure;
    }
    if (m_conflicts > 0) {
        --m_conflicts;
        m_previous[base.id] = action;
        action.version += 1;
        Error error = make_error(ErrorKind::conflict, "Version does not match current version.");
        error.http_status = 409;
        return error;
    }
    if (base.version != action.version) {
        Error error = make_error(ErrorKind::conflict, "Version does not match current version.");
        error.http_status = 409;
        return error;
    }
    m_previous[base.id] = action;
    for (const auto& [field, value] : changes) {
        action.fields[field] = value;
        if (field == Field::name) {
            action.name = value.as_string();
        }
    }
    if (m_stored_as) {
        action.fields[m_stored_as->first] = m_stored_as->second;
        m_stored_as.reset();
    }
    action.version += 1;
    if (m_lost_answers > 0) {
        --m_lost_answers;
        return make_error(ErrorKind::transport, "connection reset");
    }
    // The answer is the action as stored, config and all (as the API's is).
    LiveAction answer = presented(action);
    answer.document = "{\"id\":\"" + action.id + "\",\"config\":{}}";
    return answer;
}

void FakeProvider::set_latencies(const std::string& id, std::vector<int> milliseconds) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_latencies[id] = std::move(milliseconds);
}

std::chrono::steady_clock::time_point FakeProvider::now() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_clock;
}

void FakeProvider::put_draft(const std::string& id, std::optional<std::string> name) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_drafts[id] = m_actions.at(id);
    m_drafts[id].version = 1;
    if (name) {
        m_drafts[id].name = *name;
    }
}

std::optional<LiveAction> FakeProvider::draft(const std::string& id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto found = m_drafts.find(id);
    return found == m_drafts.end() ? std::nullopt : std::optional<LiveAction>(found->second);
}

void FakeProvider::fail_next_test(Error error) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_test_failure = std::move(error);
}

Result<std::vector<AggregateGroup>> FakeProvider::query_action_aggregates(
    const AggregateQuery& query) {
    AggregatesAnswer answer;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_aggregate_queries.push_back(query);
        m_calls.push_back("aggregates");
        answer = m_aggregates;
    }
    return answer ? answer(query) : std::vector<AggregateGroup>{};
}

void FakeProvider::add_audit(AuditEntry entry) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_audits.push_back(std::move(entry));
}

std::vector<AuditQuery> FakeProvider::audit_queries() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_audit_queries;
}

Result<std::vector<AuditService>> FakeProvider::audit_services() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.emplace_back("audit mapping");
    if (m_audit_failure) {
        return *m_audit_failure;
    }
    return std::vector<AuditService>{{"Integrations", {"Action", "ActionDraft"}}};
}

Result<std::optional<std::int64_t>> FakeProvider::concurrency_limit() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.emplace_back("limits");
    return m_concurrency_limit;
}

Result<CallingFlows> FakeProvider::flows_calling(const std::string& id, bool secure) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("flows " + id + (secure ? " secure" : ""));
    if (m_flows_failure) {
        return *m_flows_failure;
    }
    auto found = m_flows.find(id);
    return found == m_flows.end() ? CallingFlows{} : found->second;
}

Result<AuditPage> FakeProvider::query_audits(const AuditQuery& query) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.emplace_back("audits");
    m_audit_queries.push_back(query);
    if (m_audit_failure) {
        return *m_audit_failure;
    }
    std::vector<AuditEntry> matched;
    for (const AuditEntry& entry : m_audits) {
        if (entry.at_ms >= query.interval.start_ms && entry.at_ms < query.interval.end_ms &&
            (!query.entity_id || *query.entity_id == entry.entity_id)) {
            matched.push_back(entry);
        }
    }
    std::stable_sort(matched.begin(), matched.end(),
                     [](const AuditEntry& a, const AuditEntry& b) { return a.at_ms < b.at_ms; });
    if (query.newest_first) {  // the later of two in the same millisecond first
        std::reverse(matched.begin(), matched.end());
    }
    AuditPage page;
    const auto size = static_cast<std::size_t>(query.page_size);
    page.page_count = static_cast<int>((matched.size() + size - 1) / size);
    const std::size_t first = static_cast<std::size_t>(query.page_number - 1) * size;
    for (std::size_t i = first; i < std::min(matched.size(), first + size); ++i) {
        page.entries.push_back(matched[i]);
    }
    return page;
}

std::vector<AggregateQuery> FakeProvider::aggregate_queries() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_aggregate_queries;
}

Result<TestRun> FakeProvider::test_action(const std::string& id, const std::string& input_json,
                                          TestTarget target) {
    if (m_before_test) {
        m_before_test();
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back(std::string(target == TestTarget::draft ? "test draft " : "test ") + id);
    m_test_inputs.push_back(input_json);
    if (m_test_failure) {
        Error error = *m_test_failure;
        m_test_failure.reset();
        return error;
    }
    const LiveAction& action = target == TestTarget::draft ? m_drafts.at(id) : m_actions.at(id);
    const Value& timeout = action.get(Field::timeout_seconds);
    const long long limit = timeout.is_integer() ? timeout.as_integer() * 1000 : 60000;
    const std::vector<int>& latencies = m_latencies.at(id);
    const int latency = latencies[m_latency_turn[id]++ % latencies.size()];
    TestRun run;
    run.timed_out = latency > limit;
    run.success = !run.timed_out;
    run.error = run.timed_out ? "The request timed out" : "";
    m_clock += std::chrono::milliseconds(run.timed_out ? limit : latency);
    return run;
}

Result<LiveAction> FakeProvider::read_after_interrupt(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("read after interrupt " + id);
    return read_loaded_locked(id);
}

Result<LiveAction> FakeProvider::read_loaded_locked(const std::string& id) {
    Result<LiveAction> action = read_locked(id);
    if (action) {
        for (Field field : action->unloaded) {
            action->fields[field] = m_actions.at(id).get(field);
        }
        action->unloaded.clear();
    }
    return action;
}

std::vector<std::vector<std::string>> FakeProvider::read_groups(
    const std::vector<std::string>& ids) {
    std::vector<std::vector<std::string>> groups;
    for (std::size_t at = 0; at < ids.size(); at += m_read_group) {
        const std::size_t end = std::min(at + m_read_group, ids.size());
        groups.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(at),
                            ids.begin() + static_cast<std::ptrdiff_t>(end));
    }
    return groups;
}

namespace {

std::string joined(const std::vector<std::string>& ids) {
    std::string text;
    for (const std::string& id : ids) {
        text += (text.empty() ? "" : ",") + id;
    }
    return text;
}

}  // namespace

// One call for all: a failing read of any of them fails it, as one request would.
Result<std::vector<LiveAction>> FakeProvider::read_actions(const std::vector<std::string>& ids) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("read " + joined(ids));
    std::vector<LiveAction> found;
    for (const std::string& id : ids) {
        if (m_auth_actions.count(id) != 0) {
            continue;  // an ids= query lists them only on request, as the listing
        }
        Result<LiveAction> action = read_locked(id);
        if (action) {
            found.push_back(std::move(action).value());
        } else if (action.error().kind != ErrorKind::not_found) {
            return action.error();
        }
    }
    return found;
}

Result<std::vector<LiveAction>> FakeProvider::read_actions_after_interrupt(
    const std::vector<std::string>& ids) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("read after interrupt " + joined(ids));
    std::vector<LiveAction> found;
    for (const std::string& id : ids) {
        Result<LiveAction> action = read_loaded_locked(id);
        if (action) {
            found.push_back(std::move(action).value());
        } else if (action.error().kind != ErrorKind::not_found) {
            return action.error();
        }
    }
    return found;
}

Result<std::optional<LiveAction>> FakeProvider::get_draft(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("draft? " + id);
    auto found = m_drafts.find(id);
    return found == m_drafts.end() ? std::optional<LiveAction>()
                                   : std::optional<LiveAction>(found->second);
}

Result<LiveAction> FakeProvider::create_draft(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("create draft " + id);
    LiveAction draft = m_actions.at(id);
    draft.version = 1;
    m_drafts[id] = draft;
    if (auto function = m_functions.find(id); function != m_functions.end()) {
        m_draft_functions[id] = function->second;
    }
    return draft;
}

Result<LiveAction> FakeProvider::update_draft(const LiveAction& draft, const FieldValues& changes) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("update draft " + draft.id + " v" + std::to_string(draft.version));
    LiveAction& stored = m_drafts.at(draft.id);
    for (const auto& [field, value] : changes) {
        stored.fields[field] = value;
        if (field == Field::name) {
            stored.name = value.as_string();
        }
    }
    stored.version += 1;
    return stored;
}

Status FakeProvider::delete_draft(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("delete draft " + id);
    m_drafts.erase(id);
    m_draft_functions.erase(id);
    return {};
}

void FakeProvider::set_function(const std::string& id, FunctionSetup function) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_functions[id] = std::move(function);
}

std::optional<FunctionSetup> FakeProvider::function(const std::string& id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto found = m_functions.find(id);
    return found == m_functions.end() ? std::nullopt : std::optional<FunctionSetup>(found->second);
}

Result<std::set<std::string>> FakeProvider::function_integrations() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.emplace_back("integrations");
    std::set<std::string> ids;
    for (const auto& [id, function] : m_functions) {
        ids.insert(m_actions.at(id).integration_id);
    }
    return ids;
}

Result<FunctionSetup> FakeProvider::get_function(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("function " + id);
    auto found = m_functions.find(id);
    if (found == m_functions.end()) {
        return make_error(ErrorKind::not_found, "action " + id + " is not a function data action");
    }
    return found->second;
}

Result<FunctionSetup> FakeProvider::put_draft_function(const std::string& id,
                                                       const FunctionSetup& function) {
    Result<FunctionSetup> answer = put_draft_function_locked(id, function);
    if (m_while_updating) {
        m_while_updating();
    }
    return answer;
}

Result<FunctionSetup> FakeProvider::put_draft_function_locked(const std::string& id,
                                                              const FunctionSetup& function) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("put draft function " + id + " " + std::to_string(function.timeout_seconds) +
                      "s");
    if (m_function_put_failure) {
        Error error = *m_function_put_failure;
        m_function_put_failure.reset();
        return error;
    }
    if (m_drafts.count(id) == 0) {
        return make_error(ErrorKind::not_found, "action " + id + " has no draft");
    }
    m_draft_functions[id] = function;
    if (m_draft_function_raises_version) {
        m_drafts[id].version += 1;
    }
    return function;
}

Result<LiveAction> FakeProvider::publish_draft(const std::string& id, std::int64_t draft_version) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_calls.push_back("publish " + id + " v" + std::to_string(draft_version));
    auto draft = m_drafts.find(id);
    if (draft == m_drafts.end()) {
        return make_error(ErrorKind::not_found, "action " + id + " has no draft");
    }
    if (draft->second.version != draft_version) {
        return make_error(ErrorKind::conflict,
                          "the draft's version is " + std::to_string(draft->second.version));
    }
    LiveAction& action = m_actions.at(id);
    m_previous[id] = action;
    const std::int64_t version = action.version + 1;
    action = draft->second;
    action.version = version;
    if (auto function = m_draft_functions.find(id); function != m_draft_functions.end()) {
        m_functions[id] = function->second;
        m_draft_functions.erase(function);
    }
    m_drafts.erase(draft);
    return presented(action);
}

std::vector<std::string> FakeProvider::test_inputs() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_test_inputs;
}

std::vector<std::string> FakeProvider::calls() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_calls;
}

std::vector<FieldValues> FakeProvider::updates() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_updates;
}

}  // namespace dactl::testing
