#pragma once
// FakeProvider: an in-memory org behind every capability of the Provider,
// with scripted faults, for engine and CLI tests. A test of one capability
// can use a fake of that interface alone.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/provider/provider.h"

namespace dactl::testing {

class FakeProvider : public Provider,
                     public OrgDirectory,
                     public ActionStore,
                     public DraftStore,
                     public FunctionStore,
                     public ActionAnalytics,
                     public AuditLog,
                     public FlowDependencies {
public:
    OrgDirectory& org() override { return *this; }
    ActionStore& actions() override { return *this; }
    DraftStore& drafts() override { return *this; }
    FunctionStore& functions() override { return *this; }
    ActionAnalytics& analytics() override { return *this; }
    AuditLog& audits() override { return *this; }
    FlowDependencies& dependencies() override { return *this; }

    /// Adds or replaces an action of the org.
    void put(LiveAction action);
    /// A custom authentication action: read by id, left out of listings (as the
    /// API leaves them out unless asked), found by find_unlisted.
    void put_auth_action(LiveAction action);
    /// The stored action (as the org holds it now).
    LiveAction stored(const std::string& id) const;
    /// Someone else saves the action: the fields change, the version grows.
    void edit_out_of_band(const std::string& id, Field field, Value value);

    /// The next `count` updates answer 409 after bumping the version (someone else saved).
    void conflict_next(int count) { m_conflicts = count; }
    /// The next `count` updates are written but their answer is lost (ErrorKind::transport).
    void lose_answer_next(int count) { m_lost_answers = count; }
    /// The next `count` updates fail with this error without writing.
    void fail_next(int count, Error error);
    /// The next update stores `value` for `field` whatever it was sent (as a
    /// service that normalises a value would), and answers so.
    void store_next_update_as(Field field, Value value) {
        m_stored_as.emplace(field, std::move(value));
    }
    /// The next `count` reads of an action return it as it was before its last update.
    void stale_reads_next(int count) { m_stale_reads = count; }
    /// The org org_identity() answers (default id "fake-org-id", name "Fake Org").
    void set_org(OrgIdentity org) { m_org = std::move(org); }
    /// list_actions fails with this error.
    void fail_listing(Error error);
    /// get_action of this action fails with this error.
    void fail_reads(const std::string& id, Error error);
    /// load_templates of this action fails with this error.
    void fail_templates(const std::string& id, Error error);
    /// Template fields of this action are reported unloaded until load_templates.
    void templates_as_uris(bool on) { m_templates_as_uris = on; }

    /// Test runs of this action take these latencies (in turn, cycling), as the
    /// fake clock measures them; past the action's (or draft's) timeout they time out.
    void set_latencies(const std::string& id, std::vector<int> milliseconds);
    /// The clock test runs advance; read it through `now()`.
    std::chrono::steady_clock::time_point now() const;
    /// The action has a draft already: someone's work in progress, or with
    /// `name`, one an earlier run left.
    void put_draft(const std::string& id, std::optional<std::string> name = std::nullopt);
    /// The draft of an action, if any.
    std::optional<LiveAction> draft(const std::string& id) const;
    /// Called (outside the fake's lock) as every update (and draft function PUT)
    /// is answered: lets a test
    /// act (press Ctrl-C, say) while a write is in flight.
    void while_updating(std::function<void()> hook) { m_while_updating = std::move(hook); }
    /// Called (outside the fake's lock) before every test run: lets a test act
    /// while a command runs.
    void before_test_runs(std::function<void()> hook) { m_before_test = std::move(hook); }
    /// The next test run fails with this error.
    void fail_next_test(Error error);
    /// How query_action_aggregates answers (by default: no run at all).
    using AggregatesAnswer =
        std::function<Result<std::vector<AggregateGroup>>(const AggregateQuery&)>;
    void answer_aggregates(AggregatesAnswer answer) { m_aggregates = std::move(answer); }
    /// The audit trail: every entry added, served oldest first in pages; the
    /// mapping offers Integrations/Action. fail_audits makes both calls fail.
    void add_audit(AuditEntry entry);
    void fail_audits(Error error) { m_audit_failure = std::move(error); }
    /// The audit queries asked so far, in order.
    std::vector<AuditQuery> audit_queries() const;
    /// The aggregate queries asked so far, in order.
    std::vector<AggregateQuery> aggregate_queries() const;

    Result<OrgIdentity> org_identity() override { return m_org; }
    /// "limits": the limit set_concurrency_limit gave (none by default).
    Result<std::optional<std::int64_t>> concurrency_limit() override;
    void set_concurrency_limit(Result<std::optional<std::int64_t>> limit) {
        m_concurrency_limit = std::move(limit);
    }
    Result<std::vector<LiveAction>> list_actions() override;
    /// "find unlisted <id or name>,...": the custom authentication actions selected.
    Result<std::vector<LiveAction>> find_unlisted(const std::vector<Selector>& selectors) override;
    Status load_templates(LiveAction& action) override;
    Result<LiveAction> get_action(const std::string& id) override;
    Result<LiveAction> update_action(const LiveAction& base, const FieldValues& changes) override;
    Result<TestRun> test_action(const std::string& id, const std::string& input_json,
                                TestTarget target) override;
    Result<LiveAction> read_after_interrupt(const std::string& id) override;
    Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query) override;
    Result<std::vector<AuditService>> audit_services() override;
    Result<AuditPage> query_audits(const AuditQuery& query) override;
    /// "flows <id>" (or "flows <id> secure"): the flows set_flows gave, or the
    /// error fail_flows set.
    Result<CallingFlows> flows_calling(const std::string& id, bool secure) override;
    /// The flows calling the action `id` (none unless set).
    void set_flows(const std::string& id, CallingFlows flows) { m_flows[id] = std::move(flows); }
    /// flows_calling fails with this error.
    void fail_flows(Error error) { m_flows_failure = std::move(error); }
    std::vector<std::vector<std::string>> read_groups(const std::vector<std::string>& ids) override;
    Result<std::vector<LiveAction>> read_actions(const std::vector<std::string>& ids) override;
    Result<std::vector<LiveAction>> read_actions_after_interrupt(
        const std::vector<std::string>& ids) override;
    /// read_groups answers groups of this many ids (default 50).
    void set_read_group(std::size_t size) { m_read_group = size; }
    Result<std::optional<LiveAction>> get_draft(const std::string& id) override;
    Result<LiveAction> create_draft(const std::string& id) override;
    Result<LiveAction> update_draft(const LiveAction& draft, const FieldValues& changes) override;
    Status delete_draft(const std::string& id) override;

    /// The action runs a function (its integration becomes a function-data-actions
    /// one) with this published function.
    void set_function(const std::string& id, FunctionSetup function);
    /// The published function of an action (unset when it runs none).
    std::optional<FunctionSetup> function(const std::string& id) const;
    /// Whether writing a draft's function raises the draft's version (the real
    /// service's way is unconfirmed); it does unless this is called.
    void draft_function_keeps_version() { m_draft_function_raises_version = false; }
    /// The next put_draft_function fails with this error, writing nothing.
    void fail_next_function_put(Error error) { m_function_put_failure = std::move(error); }
    /// "integrations"; the integrations of the actions set_function was given.
    Result<std::set<std::string>> function_integrations() override;
    /// "function <id>".
    Result<FunctionSetup> get_function(const std::string& id) override;
    /// "put draft function <id> <timeout>s".
    Result<FunctionSetup> put_draft_function(const std::string& id,
                                             const FunctionSetup& function) override;
    /// "publish <id> v<draft version>": the draft's fields and function become
    /// the action's, its version grows, the draft goes.
    Result<LiveAction> publish_draft(const std::string& id, std::int64_t draft_version) override;
    /// The fake's capabilities through its Provider (for engine functions
    /// that take the Provider itself).
    Provider& provider() { return *this; }

    /// The inputs test runs were given, in order.
    std::vector<std::string> test_inputs() const;

    /// Calls made so far, as "list", "get <id>", "read <id>,<id>..." (read_actions),
    /// "read after interrupt <id>,...", "templates <id>", "update <id> v<version>".
    std::vector<std::string> calls() const;
    /// The changes each successful or attempted update carried, in order.
    std::vector<FieldValues> updates() const;

private:
    LiveAction presented(const LiveAction& action) const;
    Result<LiveAction> read_locked(const std::string& id);
    Result<LiveAction> read_loaded_locked(const std::string& id);
    Result<FunctionSetup> put_draft_function_locked(const std::string& id,
                                                    const FunctionSetup& function);

    mutable std::mutex m_mutex;
    std::map<std::string, LiveAction> m_actions;
    std::map<std::string, LiveAction> m_previous;
    std::vector<std::string> m_calls;
    std::vector<FieldValues> m_updates;
    int m_conflicts = 0;
    int m_lost_answers = 0;
    int m_failures = 0;
    Error m_failure;
    int m_stale_reads = 0;
    std::optional<Error> m_listing_failure;
    bool m_templates_as_uris = false;
    std::set<std::string> m_auth_actions;  ///< ids of custom authentication actions
    bool m_draft_function_raises_version = true;
    std::size_t m_read_group = 50;
    std::optional<std::pair<Field, Value>> m_stored_as;
    std::map<std::string, Error> m_template_failures;
    std::map<std::string, Error> m_read_failures;
    std::map<std::string, std::vector<int>> m_latencies;
    std::map<std::string, std::size_t> m_latency_turn;
    std::map<std::string, LiveAction> m_drafts;
    std::map<std::string, FunctionSetup> m_functions;
    std::map<std::string, FunctionSetup> m_draft_functions;
    std::optional<Error> m_function_put_failure;
    AggregatesAnswer m_aggregates;
    std::vector<AggregateQuery> m_aggregate_queries;
    std::vector<AuditEntry> m_audits;
    std::map<std::string, CallingFlows> m_flows;
    std::optional<Error> m_flows_failure;
    Result<std::optional<std::int64_t>> m_concurrency_limit = std::optional<std::int64_t>();
    std::vector<AuditQuery> m_audit_queries;
    std::optional<Error> m_audit_failure;
    std::chrono::steady_clock::time_point m_clock{};
    std::optional<Error> m_test_failure;
    std::vector<std::string> m_test_inputs;
    std::function<void()> m_before_test;
    std::function<void()> m_while_updating;
    OrgIdentity m_org{"fake-org-id", "Fake Org"};
};

}  // namespace dactl::testing
