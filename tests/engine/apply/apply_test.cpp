#include "engine/apply/apply.h"

#include <catch2/catch.hpp>

#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;
using std::chrono::milliseconds;

namespace {

struct Fixture {
    FakeProvider org;
    std::vector<milliseconds> slept;
    ApplyOptions options;
    ApplyObserver observer;

    Fixture() {
        options.sleep = [this](milliseconds delay) { slept.push_back(delay); };
        options.reread_delays = {milliseconds(0), milliseconds(10), milliseconds(20)};
        org.put(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3));
    }

    Plan timeout_plan(int before = 3, int after = 15) const {
        Plan plan;
        plan.changes.push_back(ActionChange{"action.order",
                                            "custom_-_1",
                                            "Get Order",
                                            "Orders",
                                            3,
                                            {{Field::timeout_seconds, before, after}}});
        return plan;
    }

    std::map<std::string, LiveAction> bases() const {
        return {{"custom_-_1",
                 with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3)}};
    }

    ActionResult apply_single(const Plan& plan) {
        ApplyReport report = apply_plan(org, plan, bases(), options, observer);
        REQUIRE(report.results.size() == 1);
        return report.results[0];
    }
};

}  // namespace

TEST_CASE("apply writes once with the planned version, then confirms by reading", "[apply]") {
    Fixture f;
    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE(result.version_before == 3);
    REQUIRE(result.version_after == 4);
    REQUIRE_FALSE(result.error);
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "read custom_-_1"});
    REQUIRE(f.org.updates() == std::vector<FieldValues>{{{Field::timeout_seconds, 15}}});
    REQUIRE(f.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));
}

TEST_CASE("apply retries a 409 on the new version when the planned values still hold", "[apply]") {
    Fixture f;
    f.org.conflict_next(1);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE(result.conflicts == 1);
    REQUIRE(result.version_after == 5);
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "get custom_-_1",
                                                      "update custom_-_1 v4", "read custom_-_1"});
}

TEST_CASE("apply stops at a 409 when someone changed a managed field", "[apply]") {
    Fixture f;
    f.org.edit_out_of_band("custom_-_1", Field::timeout_seconds, 7);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::changed_since_plan);
    REQUIRE(result.version_after == 4);
    REQUIRE(result.mismatches == std::vector<FieldMismatch>{{Field::timeout_seconds, 7, 3, 15}});
    REQUIRE(f.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(7));
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "get custom_-_1"});
}

TEST_CASE("apply accepts a 409 when someone already saved the planned value", "[apply]") {
    Fixture f;
    f.org.edit_out_of_band("custom_-_1", Field::timeout_seconds, 15);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::already_applied);
    REQUIRE(is_converged(result.status));
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "get custom_-_1"});
}

TEST_CASE("apply gives up after the allowed number of conflicts", "[apply]") {
    Fixture f;
    f.options.conflict_retries = 2;
    f.org.conflict_next(3);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::failed);
    REQUIRE(
        result.error->describe() ==
        "still conflicting after 2 retries: Version does not match current version. (HTTP 409)");
    REQUIRE(f.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(3));
}

TEST_CASE("apply does not repeat a write whose answer was lost but which took effect", "[apply]") {
    Fixture f;
    f.org.lose_answer_next(1);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE(result.lost_answers == 1);
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"update custom_-_1 v3", "get custom_-_1", "read custom_-_1"});
    REQUIRE(f.org.stored("custom_-_1").version == 4);
}

TEST_CASE("apply re-sends a write lost without effect as often as allowed", "[apply]") {
    Fixture f;
    f.options.lost_answer_retries = 2;
    f.org.fail_next(2, make_error(ErrorKind::server, "Service unavailable"));

    ActionResult sent = f.apply_single(f.timeout_plan());

    REQUIRE(sent.status == ActionStatus::applied);
    REQUIRE(sent.lost_answers == 2);
    REQUIRE(f.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(15));

    Fixture g;
    g.options.lost_answer_retries = 2;
    g.org.fail_next(3, make_error(ErrorKind::server, "Service unavailable"));

    ActionResult stuck = g.apply_single(g.timeout_plan());

    REQUIRE(stuck.status == ActionStatus::failed);
    REQUIRE(stuck.error->describe() == "Service unavailable");
    REQUIRE(g.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "get custom_-_1",
                                                      "update custom_-_1 v3", "get custom_-_1",
                                                      "update custom_-_1 v3"});
    REQUIRE(g.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(3));
}

TEST_CASE("apply resolves a lost answer seen through a stale read", "[apply]") {
    Fixture f;
    f.org.lose_answer_next(1);
    f.org.stale_reads_next(1);

    ActionResult result = f.apply_single(f.timeout_plan());

    // The stale read still shows version 3 and the old value, so the write is
    // sent again; its 409 leads to a newer read that shows it took effect.
    REQUIRE(result.status == ActionStatus::already_applied);
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "get custom_-_1",
                                                      "update custom_-_1 v3", "get custom_-_1"});
    REQUIRE(f.org.stored("custom_-_1").version == 4);
}

TEST_CASE("apply reports a refused write without retrying it", "[apply]") {
    Fixture f;
    Error refused = make_error(ErrorKind::bad_request, "timeoutSeconds must be at most 60");
    refused.http_status = 400;
    refused.api_code = "constraint.validation";
    refused.correlation_id = "abc-123";
    f.org.fail_next(1, refused);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::failed);
    REQUIRE(result.error->describe() ==
            "timeoutSeconds must be at most 60 (HTTP 400 constraint.validation, correlation id "
            "abc-123)");
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3"});
}

TEST_CASE("apply re-reads through stale reads until the write shows", "[apply]") {
    Fixture f;
    f.org.stale_reads_next(2);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::applied);
    REQUIRE(f.slept == std::vector<milliseconds>{milliseconds(10), milliseconds(20)});
    REQUIRE(f.org.calls().size() == 4);
}

TEST_CASE("apply reports an action that never shows the write as not converged", "[apply]") {
    Fixture f;
    f.org.stale_reads_next(100);

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::not_converged);
    REQUIRE(result.version_after == 3);
    REQUIRE(result.mismatches == std::vector<FieldMismatch>{{Field::timeout_seconds, 3, 3, 15}});
    REQUIRE_FALSE(is_converged(result.status));
}

TEST_CASE("apply loads URI templates only to confirm a template change", "[apply]") {
    Fixture f;
    f.org.put(with(make_live("custom_-_1", "Get Order", 3), Field::request_template, "old"));
    f.org.templates_as_uris(true);
    Plan plan;
    plan.changes.push_back(ActionChange{"action.order",
                                        "custom_-_1",
                                        "Get Order",
                                        "Orders",
                                        3,
                                        {{Field::request_template, "old", "new"}}});
    std::map<std::string, LiveAction> bases = {
        {"custom_-_1",
         with(make_live("custom_-_1", "Get Order", 3), Field::request_template, "old")}};

    ApplyReport report = apply_plan(f.org, plan, bases, f.options, f.observer);

    REQUIRE(report.results[0].status == ActionStatus::applied);
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "read custom_-_1",
                                                      "templates custom_-_1"});
}

TEST_CASE("apply starts nothing once interrupted", "[apply]") {
    Fixture f;
    std::atomic<bool> interrupted{true};
    f.options.interrupted = &interrupted;

    ActionResult result = f.apply_single(f.timeout_plan());

    REQUIRE(result.status == ActionStatus::not_attempted);
    REQUIRE(f.org.calls().empty());
}

TEST_CASE("apply writes many actions in parallel and reports them in plan order", "[apply]") {
    Fixture f;
    f.options.parallelism = 4;
    Plan plan;
    std::map<std::string, LiveAction> bases;
    for (int i = 0; i < 20; ++i) {
        std::string id = "custom_-_" + std::to_string(100 + i);
        LiveAction live =
            with(make_live(id, "Action " + std::to_string(i), 1), Field::timeout_seconds, 3);
        f.org.put(live);
        bases[id] = live;
        plan.changes.push_back(ActionChange{"action.a" + std::to_string(100 + i),
                                            id,
                                            live.name,
                                            "Orders",
                                            1,
                                            {{Field::timeout_seconds, 3, 9}}});
    }
    struct Counter : ApplyObserver {
        int started_count = 0;
        int finished_count = 0;
        void started(const ActionChange&) override { ++started_count; }
        void finished(const ActionResult&) override { ++finished_count; }
    } counter;

    ApplyReport report = apply_plan(f.org, plan, bases, f.options, counter);

    REQUIRE(report.succeeded());
    REQUIRE(report.count(ActionStatus::applied) == 20);
    REQUIRE(counter.started_count == 20);
    REQUIRE(counter.finished_count == 20);
    for (int i = 0; i < 20; ++i) {
        REQUIRE(report.results[static_cast<std::size_t>(i)].address ==
                "action.a" + std::to_string(100 + i));
        REQUIRE(f.org.stored("custom_-_" + std::to_string(100 + i)).get(Field::timeout_seconds) ==
                Value(9));
    }
}

TEST_CASE("an action that was not read before applying fails with its own details only",
          "[apply]") {
    Fixture f;
    Plan plan = f.timeout_plan();
    plan.changes.push_back(ActionChange{
        "action.unread", "custom_-_9", "Unread", "Orders", 7, {{Field::timeout_seconds, 3, 20}}});
    f.options.parallelism = 1;  // the first action is done before the second starts

    ApplyReport report = apply_plan(f.org, plan, f.bases(), f.options, f.observer);

    REQUIRE(report.results.size() == 2);
    REQUIRE(report.results[0].status == ActionStatus::applied);
    const ActionResult& unread = report.results[1];
    REQUIRE(unread.address == "action.unread");
    REQUIRE(unread.id == "custom_-_9");
    REQUIRE(unread.status == ActionStatus::failed);
    REQUIRE(unread.version_before == 7);
    // Nothing of the first action's outcome leaks into the second's.
    REQUIRE(unread.version_after == 0);
    REQUIRE_FALSE(unread.final);
    REQUIRE(unread.error->message == "the action was not read before applying");
}

TEST_CASE("after the interrupt a write whose answer was lost is only looked at",
          "[apply][interrupt]") {
    Fixture f;
    std::atomic<bool> interrupted{false};
    f.options.interrupted = &interrupted;
    f.org.while_updating([&] { interrupted = true; });

    SECTION("it landed: applied, confirmed by that one read") {
        f.org.lose_answer_next(1);
        ActionResult result = f.apply_single(f.timeout_plan());
        REQUIRE(result.status == ActionStatus::applied);
        REQUIRE(result.version_after == 4);
        REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3",
                                                          "read after interrupt custom_-_1"});
    }
    SECTION("it did not show: not written again, and said so") {
        f.org.fail_next(1, make_error(ErrorKind::cancelled, "PATCH x: cut off by the interrupt"));
        ActionResult result = f.apply_single(f.timeout_plan());
        REQUIRE(result.status == ActionStatus::failed);
        REQUIRE(result.outcome_unknown);
        REQUIRE(result.error->message ==
                "interrupted before the write was answered, and a re-read does not show it");
        REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3",
                                                          "read after interrupt custom_-_1"});
        REQUIRE(f.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(3));
    }
    SECTION("a conflict is not retried") {
        f.org.conflict_next(1);
        ActionResult result = f.apply_single(f.timeout_plan());
        REQUIRE(result.status == ActionStatus::failed);
        REQUIRE(result.error->message ==
                "interrupted after someone else's save (409); not written");
        REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3"});
    }
    SECTION("an answered write is confirmed by one read, not waited for") {
        f.org.stale_reads_next(100);
        ActionResult result = f.apply_single(f.timeout_plan());
        REQUIRE(result.status == ActionStatus::not_converged);
        REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3",
                                                          "read after interrupt custom_-_1"});
        REQUIRE(f.slept.empty());
    }
}

namespace {

// `count` actions custom_-_1.. with timeout 3, each planned to 9.
struct ManyFixture : Fixture {
    Plan plan;
    std::map<std::string, LiveAction> many_bases;

    explicit ManyFixture(int count) {
        for (int i = 1; i <= count; ++i) {
            const std::string id = "custom_-_" + std::to_string(i);
            LiveAction live =
                with(make_live(id, "Action " + std::to_string(i), 1), Field::timeout_seconds, 3);
            org.put(live);
            many_bases[id] = live;
            plan.changes.push_back(ActionChange{"action.a" + std::to_string(i),
                                                id,
                                                live.name,
                                                "Orders",
                                                1,
                                                {{Field::timeout_seconds, 3, 9}}});
        }
    }

    ApplyReport apply(ApplyObserver& watcher) {
        return apply_plan(org, plan, many_bases, options, watcher);
    }
};

struct Order : ApplyObserver {
    std::vector<std::string> finished_addresses;
    void finished(const ActionResult& result) override {
        finished_addresses.push_back(result.address);
    }
};

}  // namespace

TEST_CASE("apply confirms the writes of a group with one read, group by group", "[apply]") {
    ManyFixture f(5);
    f.org.set_read_group(2);
    Order order;

    ApplyReport report = f.apply(order);

    REQUIRE(report.count(ActionStatus::applied) == 5);
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"update custom_-_1 v1", "update custom_-_2 v1",
                                     "read custom_-_1,custom_-_2", "update custom_-_3 v1",
                                     "update custom_-_4 v1", "read custom_-_3,custom_-_4",
                                     "update custom_-_5 v1", "read custom_-_5"});
    // Each group's results come once it is confirmed, in plan order.
    REQUIRE(order.finished_addresses == std::vector<std::string>{"action.a1", "action.a2",
                                                                 "action.a3", "action.a4",
                                                                 "action.a5"});
    REQUIRE(report.results[4].final->get(Field::timeout_seconds) == Value(9));
}

TEST_CASE("a stale read back is read again after the delay, for the ones not showing yet",
          "[apply]") {
    ManyFixture f(3);
    f.org.stale_reads_next(1);  // the first action's first read shows it as before
    Order order;

    ApplyReport report = f.apply(order);

    REQUIRE(report.count(ActionStatus::applied) == 3);
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"update custom_-_1 v1", "update custom_-_2 v1",
                                     "update custom_-_3 v1",
                                     "read custom_-_1,custom_-_2,custom_-_3", "read custom_-_1"});
    REQUIRE(f.slept == std::vector<milliseconds>{milliseconds(10)});
}

TEST_CASE("a failed read back is read again, and named when no read succeeds", "[apply]") {
    ManyFixture f(2);
    Error down = make_error(ErrorKind::server, "Service Unavailable");
    down.http_status = 503;
    f.org.fail_reads("custom_-_2", down);
    Order order;

    ApplyReport report = f.apply(order);

    // One action's failing read fails the read of both, as one request would.
    REQUIRE(report.results[0].status == ActionStatus::not_converged);
    REQUIRE(report.results[1].status == ActionStatus::not_converged);
    REQUIRE(report.results[1].error->describe() == "Service Unavailable (HTTP 503)");
    REQUIRE(f.org.calls().size() == 2 + 3);  // two writes, three rounds of reads
    REQUIRE(f.slept == std::vector<milliseconds>{milliseconds(10), milliseconds(20)});
}

TEST_CASE("a write whose answer shows another value is settled by the first read that agrees",
          "[apply]") {
    Fixture f;
    f.org.store_next_update_as(Field::timeout_seconds, 10);

    ActionResult result = f.apply_single(f.timeout_plan());

    // No backoff: the write's own answer already said the service keeps 10.
    REQUIRE(result.status == ActionStatus::not_converged);
    REQUIRE(result.mismatches == std::vector<FieldMismatch>{{Field::timeout_seconds, 10, 3, 15}});
    REQUIRE(f.org.calls() == std::vector<std::string>{"update custom_-_1 v3", "read custom_-_1"});
    REQUIRE(f.slept.empty());
}

TEST_CASE("after the interrupt, the written ones are read back together, once", "[apply]") {
    ManyFixture f(4);
    f.options.parallelism = 1;
    std::atomic<bool> interrupted{false};
    f.options.interrupted = &interrupted;
    int updates = 0;
    f.org.while_updating([&] {
        if (++updates == 2) {
            interrupted = true;  // Ctrl-C while the second write is in flight
        }
    });
    Order order;

    ApplyReport report = f.apply(order);

    REQUIRE(report.results[0].status == ActionStatus::applied);
    REQUIRE(report.results[1].status == ActionStatus::applied);
    REQUIRE(report.results[2].status == ActionStatus::not_attempted);
    REQUIRE(report.results[3].status == ActionStatus::not_attempted);
    REQUIRE(f.org.calls() ==
            std::vector<std::string>{"update custom_-_1 v1", "update custom_-_2 v1",
                                     "read after interrupt custom_-_1,custom_-_2"});
}
