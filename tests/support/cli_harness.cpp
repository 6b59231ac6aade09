#include "tests/support/cli_harness.h"

namespace dactl::testing {

namespace {

// A provider that forwards to a FakeProvider owned elsewhere.
class Forwarding : public Provider {
public:
    explicit Forwarding(Provider& target) : m_target(target) {}
    Result<OrgIdentity> org_identity() override { return m_target.org_identity(); }
    Result<std::vector<LiveAction>> list_actions() override { return m_target.list_actions(); }
    Status load_templates(LiveAction& action) override { return m_target.load_templates(action); }
    Result<LiveAction> get_action(const std::string& id) override {
        return m_target.get_action(id);
    }
    Result<LiveAction> update_action(const LiveAction& base, const FieldValues& changes) override {
        return m_target.update_action(base, changes);
    }
    Result<TestRun> test_action(const std::string& id, const std::string& input,
                                TestTarget target) override {
        return m_target.test_action(id, input, target);
    }
    Result<LiveAction> read_after_interrupt(const std::string& id) override {
        return m_target.read_after_interrupt(id);
    }
    Result<std::optional<LiveAction>> get_draft(const std::string& id) override {
        return m_target.get_draft(id);
    }
    Result<LiveAction> create_draft(const std::string& id) override {
        return m_target.create_draft(id);
    }
    Result<LiveAction> update_draft(const LiveAction& draft, const FieldValues& changes) override {
        return m_target.update_draft(draft, changes);
    }
    Status delete_draft(const std::string& id) override { return m_target.delete_draft(id); }
    Result<std::set<std::string>> function_integrations() override {
        return m_target.function_integrations();
    }
    Result<FunctionSetup> get_function(const std::string& id) override {
        return m_target.get_function(id);
    }
    Result<FunctionSetup> put_draft_function(const std::string& id,
                                             const FunctionSetup& function) override {
        return m_target.put_draft_function(id, function);
    }
    Result<LiveAction> publish_draft(const std::string& id, std::int64_t version) override {
        return m_target.publish_draft(id, version);
    }
    Result<std::vector<AuditService>> audit_services() override {
        return m_target.audit_services();
    }
    Result<AuditPage> query_audits(const AuditQuery& query) override {
        return m_target.query_audits(query);
    }
    Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query) override {
        return m_target.query_action_aggregates(query);
    }

private:
    Provider& m_target;
};

}  // namespace

CliHarness::CliHarness() = default;

int CliHarness::run(std::vector<std::string> args) {
    m_out.str("");
    m_err.str("");
    std::istringstream in(input);
    cli::Context context{
        cli::Console{m_out, m_err, in, terminal, terminal, terminal,
                     [&in] { return in.peek() == std::char_traits<char>::eof(); }},
        [this](const char* name) -> std::optional<std::string> {
            auto found = environment.find(name);
            return found == environment.end() ? std::nullopt
                                              : std::optional<std::string>(found->second);
        },
        [this](const cli::ConnectionOptions&,
               const cli::Environment&) -> Result<std::unique_ptr<Provider>> {
            ++provider_requests;
            return std::unique_ptr<Provider>(std::make_unique<Forwarding>(org));
        },
        [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1795880139)); },
        [this] { return org.now(); },
        nullptr,
    };
    for (const std::string& secret : secrets) {
        context.redactor->add(secret);
    }
    args.insert(args.begin(), {"-C", project.path().string()});
    return cli::run(args, context);
}

}  // namespace dactl::testing
