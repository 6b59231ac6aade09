#include "engine/gather/gather.h"

#include <catch2/catch.hpp>

#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

// An org of three actions whose templates the API gives only as URIs.
void seed(FakeProvider& org) {
    org.templates_as_uris(true);
    org.put(with(make_live("custom_-_1", "Get Order"), Field::request_template, "${input}"));
    org.put(with(make_live("custom_-_2", "Get Customer"), Field::request_template, "{}"));
    org.put(make_live("custom_-_3", "Unmanaged"));
}

}  // namespace

TEST_CASE("gather_org lists once, binds, and loads only the templates a manifest manages",
          "[gather]") {
    FakeProvider provider;
    seed(provider);
    const std::vector<DesiredAction> desired = {
        manage(make_desired("order", "Get Order"), Field::request_template, "${input}"),
        manage(make_desired("customer", "Get Customer"), Field::timeout_seconds, 5)};

    Result<Gathered> org = gather_org(provider, desired, GatherOptions{});

    REQUIRE(org.ok());
    REQUIRE(org->diagnostics.empty());
    REQUIRE(org->live.size() == 3);
    REQUIRE(org->bindings.size() == 2);
    REQUIRE(org->binding_of(desired[0])->live->id == "custom_-_1");
    REQUIRE(org->binding_of(desired[1])->live->id == "custom_-_2");
    REQUIRE(org->binding_of(desired[0])->live->get(Field::request_template) == Value("${input}"));
    REQUIRE(org->binding_of(desired[0])->live->unloaded.empty());
    REQUIRE(org->binding_of(desired[1])->live->unloaded.count(Field::request_template) == 1);
    REQUIRE(provider.calls() == std::vector<std::string>{"list", "templates custom_-_1"});
}

TEST_CASE("gather_org keeps its bindings valid when the result is moved", "[gather]") {
    FakeProvider provider;
    seed(provider);
    const std::vector<DesiredAction> desired = {make_desired("order", "Get Order")};
    Result<Gathered> org = gather_org(provider, desired, GatherOptions{});
    REQUIRE(org.ok());

    Gathered moved = std::move(org).value();

    REQUIRE(moved.bindings.size() == 1);
    REQUIRE(moved.bindings[0].live == moved.find_live("custom_-_1"));
}

TEST_CASE("gather_org reports selection problems as diagnostics, not failures", "[gather]") {
    FakeProvider provider;
    seed(provider);
    const std::vector<DesiredAction> desired = {make_desired("missing", "Get Ordr", 4)};

    Result<Gathered> org = gather_org(provider, desired, GatherOptions{});

    REQUIRE(org.ok());
    REQUIRE(org->bindings.empty());
    REQUIRE(org->diagnostics.format() ==
            "actions.toml:5:8: action.missing: no live action is named \"Get Ordr\"\n"
            "    did you mean \"Get Order\" (custom_-_1  category \"Orders\")?\n");
}

TEST_CASE("a declaration of a custom authentication action says what it is", "[gather]") {
    FakeProvider provider;
    seed(provider);
    provider.put_auth_action(make_live("custom_-_9", "Orders OAuth Token"));
    DesiredAction by_id = make_desired("token", "", 7);
    by_id.selector = Selector{Selector::By::id, "custom_-_9"};
    const std::vector<DesiredAction> desired = {make_desired("auth", "Orders OAuth Token", 4),
                                                make_desired("missing", "Get Ordr", 5), by_id};

    Result<Gathered> org = gather_org(provider, desired, GatherOptions{});

    REQUIRE(org.ok());
    REQUIRE(org->bindings.empty());
    REQUIRE(org->live.size() == 3);  // the listing leaves it out, whatever its id looks like
    // One lookup for the three declarations that select nothing.
    REQUIRE(
        provider.calls() ==
        std::vector<std::string>{"list", "find unlisted Orders OAuth Token,Get Ordr,custom_-_9"});
    org->diagnostics.sort();
    REQUIRE(org->diagnostics.format() ==
            "actions.toml:5:8: action.auth: \"Orders OAuth Token\" (custom_-_9) is a custom "
            "authentication action; the API lists those only on request and refuses a timeout on "
            "them, so dactl does not manage them: remove the declaration\n"
            "actions.toml:6:8: action.missing: no live action is named \"Get Ordr\"\n"
            "    did you mean \"Get Order\" (custom_-_1  category \"Orders\")?\n"
            "actions.toml:8:8: action.token: \"Orders OAuth Token\" (custom_-_9) is a custom "
            "authentication action; the API lists those only on request and refuses a timeout on "
            "them, so dactl does not manage them: remove the declaration\n");
}

TEST_CASE("gather_org loads the templates of every action the caller asks for", "[gather]") {
    FakeProvider provider;
    seed(provider);
    GatherOptions options;
    options.templates = Templates::none;
    options.all_templates_of = [](const LiveAction& action) { return action.id != "custom_-_2"; };

    Result<Gathered> org = gather_org(provider, {}, options);

    REQUIRE(org.ok());
    REQUIRE(org->bindings.empty());
    REQUIRE(org->find_live("custom_-_1")->get(Field::request_template) == Value("${input}"));
    // custom_-_3 has no template, so nothing is unloaded and nothing fetched.
    REQUIRE(provider.calls() == std::vector<std::string>{"list", "templates custom_-_1"});
}

TEST_CASE("gather_org with Templates::none loads nothing", "[gather]") {
    FakeProvider provider;
    seed(provider);
    const std::vector<DesiredAction> desired = {
        manage(make_desired("order", "Get Order"), Field::request_template, "${input}")};
    GatherOptions options;
    options.templates = Templates::none;

    REQUIRE(gather_org(provider, desired, options).ok());
    REQUIRE(provider.calls() == std::vector<std::string>{"list"});
}

TEST_CASE("gather_org names the step that failed", "[gather]") {
    FakeProvider provider;
    seed(provider);
    const std::vector<DesiredAction> desired = {
        manage(make_desired("order", "Get Order"), Field::request_template, "${input}")};

    SECTION("the listing") {
        provider.fail_listing(make_error(ErrorKind::forbidden, "Missing permission"));
        Result<Gathered> org = gather_org(provider, desired, GatherOptions{});
        REQUIRE_FALSE(org.ok());
        REQUIRE(org.error().kind == ErrorKind::forbidden);
        REQUIRE(org.error().message == "listing the org's actions failed: Missing permission");
    }
    SECTION("a managed template") {
        provider.fail_templates("custom_-_1", make_error(ErrorKind::server, "Service Unavailable"));
        Result<Gathered> org = gather_org(provider, desired, GatherOptions{});
        REQUIRE_FALSE(org.ok());
        REQUIRE(org.error().message ==
                "action.order: reading the templates of custom_-_1 failed: Service Unavailable");
    }
    SECTION("a template of an unbound action") {
        provider.fail_templates("custom_-_2", make_error(ErrorKind::server, "Service Unavailable"));
        GatherOptions options;
        options.all_templates_of = [](const LiveAction&) { return true; };
        Result<Gathered> org = gather_org(provider, {}, options);
        REQUIRE_FALSE(org.ok());
        REQUIRE(org.error().message ==
                "reading the templates of custom_-_2 failed: Service Unavailable");
    }
}

TEST_CASE("gather_by_id re-reads by id, binds, and leaves out the vanished", "[gather]") {
    FakeProvider provider;
    seed(provider);
    const DesiredAction order =
        manage(make_desired("order", "Get Order"), Field::request_template, "${input}");
    const std::vector<Reread> reads = {{"action.order", &order, "custom_-_1"},
                                       {"action.gone", nullptr, "custom_-_9"},
                                       {"action.orphan", nullptr, "custom_-_2"}};

    Result<Gathered> org = gather_by_id(provider, reads, GatherOptions{});

    REQUIRE(org.ok());
    REQUIRE(org->live.size() == 2);
    REQUIRE(org->find_live("custom_-_9") == nullptr);
    REQUIRE(org->bindings.size() == 1);
    REQUIRE(org->bindings[0].desired->address() == "action.order");  // a copy it owns
    REQUIRE(org->bindings[0].live->get(Field::request_template) == Value("${input}"));
    // One read for all three, then the template the manifest manages.
    REQUIRE(provider.calls() == std::vector<std::string>{"read custom_-_1,custom_-_9,custom_-_2",
                                                         "templates custom_-_1"});
}

TEST_CASE("gather_by_id fails on a read that is not a 404, saying what it read", "[gather]") {
    FakeProvider provider;
    seed(provider);
    provider.fail_reads("custom_-_2", make_error(ErrorKind::timeout, "no answer within 60 s"));
    const std::vector<Reread> reads = {{"action.order", nullptr, "custom_-_1"},
                                       {"action.customer", nullptr, "custom_-_2"}};

    Result<Gathered> org = gather_by_id(provider, reads, GatherOptions{});

    REQUIRE_FALSE(org.ok());
    REQUIRE(org.error().kind == ErrorKind::timeout);
    REQUIRE(org.error().message ==
            "re-reading the 2 planned actions failed: no answer within 60 s");
}

namespace {

// An org of a function action (integration int-lambda) and a REST one.
void seed_functions(FakeProvider& org) {
    LiveAction lead = with(make_live("custom_-_f", "Score Lead"), Field::timeout_seconds, 12);
    lead.integration_id = "int-lambda";
    org.put(lead);
    org.set_function("custom_-_f", FunctionSetup{10, "scores", "index.handler", "nodejs18.x"});
    LiveAction order = make_live("custom_-_r", "Get Order");
    order.integration_id = "int-rest";
    org.put(order);
}

}  // namespace

TEST_CASE("gather reads no integration and no function unless a manifest manages one",
          "[gather][functions]") {
    FakeProvider provider;
    seed_functions(provider);
    const std::vector<DesiredAction> desired = {
        manage(make_desired("lead", "Score Lead"), Field::timeout_seconds, 12)};
    Result<Gathered> org = gather_org(provider, desired, GatherOptions{});

    REQUIRE(org.ok());
    REQUIRE(provider.calls() == std::vector<std::string>{"list"});
    REQUIRE_FALSE(org->binding_of(desired[0])->live->runs_function);
}

TEST_CASE("a managed function timeout reads the integrations once and the bound functions",
          "[gather][functions]") {
    FakeProvider provider;
    seed_functions(provider);
    const std::vector<DesiredAction> desired = {
        manage(make_desired("lead", "Score Lead"), Field::function_timeout_seconds, 10),
        manage(make_desired("order", "Get Order"), Field::timeout_seconds, 5)};
    Result<Gathered> org = gather_org(provider, desired, GatherOptions{});

    REQUIRE(org.ok());
    REQUIRE(provider.calls() ==
            std::vector<std::string>{"list", "integrations", "function custom_-_f"});
    const LiveAction& lead = *org->binding_of(desired[0])->live;
    REQUIRE(lead.runs_function);
    REQUIRE(lead.get(Field::function_timeout_seconds) == Value(10));
    REQUIRE(lead.function->handler == "index.handler");
    REQUIRE_FALSE(org->binding_of(desired[1])->live->runs_function);
}

TEST_CASE("functions_of reads the functions a command asks for, bound or not",
          "[gather][functions]") {
    FakeProvider provider;
    seed_functions(provider);
    GatherOptions options;
    options.functions_of = [](const LiveAction&) { return true; };
    Result<Gathered> org = gather_org(provider, {}, options);

    REQUIRE(org.ok());
    REQUIRE(provider.calls() ==
            std::vector<std::string>{"list", "integrations", "function custom_-_f"});
    REQUIRE(org->find_live("custom_-_f")->get(Field::function_timeout_seconds) == Value(10));
    REQUIRE(org->find_live("custom_-_r")->get(Field::function_timeout_seconds).is_unset());
}

TEST_CASE("functions_of_bound reads the functions of the bound actions only",
          "[gather][functions]") {
    FakeProvider provider;
    seed_functions(provider);
    const std::vector<DesiredAction> desired = {make_desired("lead", "Score Lead")};
    GatherOptions options;
    options.functions_of_bound = true;
    Result<Gathered> org = gather_org(provider, desired, options);

    REQUIRE(org.ok());
    REQUIRE(provider.calls() ==
            std::vector<std::string>{"list", "integrations", "function custom_-_f"});
    REQUIRE(org->binding_of(desired[0])->live->get(Field::function_timeout_seconds) == Value(10));

    FakeProvider unbound;
    seed_functions(unbound);
    REQUIRE(gather_org(unbound, {}, options).ok());
    REQUIRE(unbound.calls() == std::vector<std::string>{"list"});  // nothing bound: no listing
}
