#include "tests/support/cli_harness.h"

namespace dactl::testing {

namespace {

// A provider that forwards to a FakeProvider owned elsewhere.
class Forwarding : public Provider {
public:
    explicit Forwarding(Provider& target) : m_target(target) {}
    OrgDirectory& org() override { return m_target.org(); }
    ActionStore& actions() override { return m_target.actions(); }
    DraftStore& drafts() override { return m_target.drafts(); }
    FunctionStore& functions() override { return m_target.functions(); }
    ActionAnalytics& analytics() override { return m_target.analytics(); }
    AuditLog& audits() override { return m_target.audits(); }
    FlowDependencies& dependencies() override { return m_target.dependencies(); }

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
