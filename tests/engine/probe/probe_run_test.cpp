#include "engine/probe/probe_run.h"

#include <catch2/catch.hpp>

#include "engine/render/probe_render.h"
#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

struct Scene {
    FakeProvider org;
    std::vector<DesiredAction> desired;
    std::vector<LiveAction> live;
    ProbeOptions options;
    ProbeObserver observer;

    Scene() {
        options.concurrency = 1;
        options.now = [this] { return org.now(); };
    }

    void add(const std::string& label, LiveAction action, std::vector<int> latencies) {
        org.put(action);
        org.set_latencies(action.id, std::move(latencies));
        desired.push_back(make_desired(label, action.name));
        live.push_back(std::move(action));
    }

    ProbeReport probe() {
        std::vector<Binding> bindings;
        for (std::size_t i = 0; i < desired.size(); ++i) {
            bindings.push_back({&desired[i], &live[i]});
        }
        Result<ProbeReport> report = run_probe(org, bindings, options, observer);
        REQUIRE(report.ok());
        return std::move(report).value();
    }
};

std::vector<int> spread(int low, int high, int count = 20) {
    std::vector<int> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(low + (high - low) * i / (count - 1));
    }
    return out;
}

LiveAction timed(const std::string& id, const std::string& name, int timeout) {
    return with(make_live(id, name), Field::timeout_seconds, timeout);
}

}  // namespace

TEST_CASE("probe recommends p99 times the headroom for a fast action", "[probe]") {
    Scene scene;
    scene.add("fast", timed("custom_-_1", "Fast", 3), spread(1200, 1600));

    ProbeReport report = scene.probe();

    const ProbeEntry& entry = report.entries.at(0);
    REQUIRE(entry.samples.size() == 20);
    REQUIRE(entry.stats.failures == 0);
    REQUIRE(entry.stats.p99 == Milliseconds(1600));
    REQUIRE(entry.current_timeout == 3);
    REQUIRE(entry.recommendation.timeout_seconds == 3);
    REQUIRE_FALSE(entry.recommendation.at_least);
}

TEST_CASE("probe sees a slow action time out and says the latency is at least the timeout",
          "[probe]") {
    Scene scene;
    scene.add("slow", timed("custom_-_1", "Slow", 3), spread(4000, 6000));

    ProbeReport report = scene.probe();

    const ProbeEntry& entry = report.entries.at(0);
    REQUIRE(entry.stats.timeouts == 20);
    REQUIRE(entry.stats.p99 == Milliseconds(3000));
    REQUIRE(entry.stats.p99_censored);
    REQUIRE(entry.recommendation.at_least);
    REQUIRE(entry.recommendation.timeout_seconds == 5);
}

TEST_CASE("probe --via-draft measures on a draft with a 60 s timeout, then removes it", "[probe]") {
    Scene scene;
    scene.options.via_draft = true;
    scene.options.samples = 3;
    scene.add("slow", timed("custom_-_1", "Slow", 3), {4000, 5000, 6000});

    ProbeReport report = scene.probe();

    const ProbeEntry& entry = report.entries.at(0);
    REQUIRE(entry.stats.timeouts == 0);
    REQUIRE(entry.stats.p99 == Milliseconds(6000));
    REQUIRE(entry.recommendation.timeout_seconds == 9);
    REQUIRE(scene.org.calls() ==
            std::vector<std::string>{"draft? custom_-_1", "create draft custom_-_1",
                                     "update draft custom_-_1 v1", "test draft custom_-_1",
                                     "test draft custom_-_1", "test draft custom_-_1",
                                     "delete draft custom_-_1"});
    REQUIRE_FALSE(scene.org.draft("custom_-_1"));
    REQUIRE(scene.org.stored("custom_-_1").get(Field::timeout_seconds) == Value(3));
}

TEST_CASE("probe --via-draft leaves someone's draft alone", "[probe]") {
    Scene scene;
    scene.options.via_draft = true;
    scene.add("slow", timed("custom_-_1", "Slow", 3), {4000});
    scene.org.put_draft("custom_-_1");

    ProbeReport report = scene.probe();

    REQUIRE(report.entries.at(0).skip == SkipReason::draft_in_progress);
    REQUIRE(skip_text(report.entries.at(0)) ==
            "it has a draft (someone's work in progress); --via-draft leaves it alone");
    REQUIRE(scene.org.calls() == std::vector<std::string>{"draft? custom_-_1"});
    REQUIRE(scene.org.draft("custom_-_1"));
}

TEST_CASE("probe removes its draft when a test fails", "[probe]") {
    Scene scene;
    scene.options.via_draft = true;
    scene.add("slow", timed("custom_-_1", "Slow", 3), {4000});
    Error refused = make_error(ErrorKind::forbidden, "Missing permission");
    refused.http_status = 403;
    scene.org.fail_next_test(refused);
    std::vector<Binding> bindings = {{&scene.desired[0], &scene.live[0]}};

    Result<ProbeReport> report = run_probe(scene.org, bindings, scene.options, scene.observer);

    REQUIRE_FALSE(report.ok());
    REQUIRE(report.error().describe() == "action.slow: Missing permission (HTTP 403)");
    REQUIRE(scene.org.calls().back() == "delete draft custom_-_1");
}

TEST_CASE("probe skips writes unless allowed, and sends the manifest's input", "[probe]") {
    Scene scene;
    scene.options.samples = 2;
    scene.add("post", with(timed("custom_-_1", "Create", 5), Field::request_type, "POST"), {100});
    scene.add("get", timed("custom_-_2", "Read", 5), {100});
    scene.desired[1].probe = ProbeSpec{"{\"orderId\":\"A-1\"}", {}};

    ProbeReport report = scene.probe();

    REQUIRE(report.entries.at(0).address == "action.get");
    REQUIRE(report.entries.at(1).skip == SkipReason::writes);
    REQUIRE(skip_text(report.entries.at(1)) ==
            "request type POST: the test endpoint calls the real back-end; pass --allow-writes to "
            "probe it");
    REQUIRE(scene.org.test_inputs() ==
            std::vector<std::string>{"{\"orderId\":\"A-1\"}", "{\"orderId\":\"A-1\"}"});

    scene.options.allow_writes = true;
    REQUIRE_FALSE(scene.probe().entries.at(1).skipped());
}

TEST_CASE("probe divides measured time by the time scale", "[probe]") {
    Scene scene;
    scene.options.time_scale = 0.01;
    scene.options.samples = 2;
    scene.add("fast", timed("custom_-_1", "Fast", 3), {14});

    REQUIRE(scene.probe().entries.at(0).stats.p50 == Milliseconds(1400));
}
