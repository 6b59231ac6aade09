#include "engine/probe/latency_stats.h"

#include <catch2/catch.hpp>

#include "engine/render/recommendation_render.h"

using namespace dactl;
using std::chrono::milliseconds;

namespace {

std::vector<milliseconds> ms(std::initializer_list<int> values) {
    std::vector<milliseconds> out;
    for (int value : values) {
        out.emplace_back(value);
    }
    return out;
}

ProbeSample ok(int latency) {
    return ProbeSample{milliseconds(latency), true, false, ""};
}
ProbeSample cut(int latency) {
    return ProbeSample{milliseconds(latency), false, true, "Request timed out"};
}

}  // namespace

TEST_CASE("nearest_rank picks the sample at rank ceil(p/100 * N)", "[probe]") {
    // Samples 10..200 step 10 (N = 20): p50 is rank 10, p90 rank 18, p99 rank 20.
    std::vector<milliseconds> twenty;
    for (int i = 20; i >= 1; --i) {
        twenty.emplace_back(i * 10);
    }
    REQUIRE(nearest_rank(twenty, 50) == milliseconds(100));
    REQUIRE(nearest_rank(twenty, 90) == milliseconds(180));
    REQUIRE(nearest_rank(twenty, 99) == milliseconds(200));
    REQUIRE(nearest_rank(twenty, 5) == milliseconds(10));
    REQUIRE(nearest_rank(ms({15, 20, 35, 40, 50}), 30) == milliseconds(20));
    REQUIRE(nearest_rank(ms({15, 20, 35, 40, 50}), 40) == milliseconds(20));
    REQUIRE(nearest_rank(ms({15, 20, 35, 40, 50}), 50) == milliseconds(35));
    REQUIRE(nearest_rank(ms({15, 20, 35, 40, 50}), 100) == milliseconds(50));
    REQUIRE(nearest_rank(ms({7}), 99) == milliseconds(7));
    REQUIRE(nearest_rank({}, 50) == milliseconds(0));
}

TEST_CASE("a fast action gets p99 times the headroom, rounded up", "[probe]") {
    std::vector<ProbeSample> samples;
    for (int i = 0; i < 20; ++i) {
        samples.push_back(ok(1200 + i * 20));  // 1.2 s .. 1.58 s
    }
    LatencyStats stats = summarize(samples);
    REQUIRE(stats.samples == 20);
    REQUIRE(stats.failures == 0);
    REQUIRE(stats.p50 == milliseconds(1380));
    REQUIRE(stats.p99 == milliseconds(1580));
    REQUIRE(stats.max == milliseconds(1580));
    Recommendation recommendation = recommend(stats, 3, 1.5);
    REQUIRE(recommendation.timeout_seconds == 3);
    REQUIRE_FALSE(recommendation.at_least);
    REQUIRE(recommendation_warnings(recommendation).empty());
}

TEST_CASE("timed-out samples make the recommendation a lower bound", "[probe]") {
    std::vector<ProbeSample> samples(20, cut(3000));
    LatencyStats stats = summarize(samples);
    REQUIRE(stats.timeouts == 20);
    REQUIRE(stats.p99_censored);
    Recommendation recommendation = recommend(stats, 3, 1.5);
    REQUIRE(recommendation.timeout_seconds == 5);
    REQUIRE(recommendation.at_least);
    REQUIRE(
        recommendation_warnings(recommendation) ==
        std::vector<std::string>{"20 of 20 samples timed out at the current timeout of 3 s, "
                                 "so the latency is at least that; measure it with --via-draft"});
}

TEST_CASE("a latency beyond 60 s asks for an asynchronous design", "[probe]") {
    LatencyStats stats = summarize({ok(70000), ok(65000)});
    Recommendation recommendation = recommend(stats, std::nullopt, 1.5);
    REQUIRE(recommendation.timeout_seconds == 60);
    REQUIRE(recommendation_warnings(recommendation) ==
            std::vector<std::string>{"the p99 latency (70.0 s) with headroom exceeds 60 s, the "
                                     "longest timeout allowed: this back-end needs an "
                                     "asynchronous design, not a bigger timeout"});
}

TEST_CASE("recommendations never go below the floor, and say when it decided", "[probe]") {
    Recommendation floored = recommend(summarize({ok(10), ok(12)}), 5, 1.5);
    REQUIRE(floored.timeout_seconds == 3);
    REQUIRE(floored.floored);
    REQUIRE(recommendation_notes(floored) ==
            std::vector<std::string>{"p99 x headroom asks for 1 s; the floor of 3 s decided "
                                     "(--min-timeout)"});
    Recommendation one = recommend(summarize({ok(10), ok(12)}), 5, 1.5, 1);
    REQUIRE(one.timeout_seconds == 1);
    REQUIRE_FALSE(one.floored);
    REQUIRE(recommendation_notes(one).empty());
    // At or above the floor the headroom decides.
    Recommendation above = recommend(summarize({ok(2500), ok(2600)}), 5, 1.5, 3);
    REQUIRE(above.timeout_seconds == 4);
    REQUIRE_FALSE(above.floored);
    Recommendation high = recommend(summarize({ok(2500), ok(2600)}), 5, 1.5, 10);
    REQUIRE(high.timeout_seconds == 10);
    REQUIRE(recommendation_notes(high) ==
            std::vector<std::string>{"p99 x headroom asks for 4 s; the floor of "
                                     "10 s decided (--min-timeout)"});
    REQUIRE(recommendation_rule(1.5, 10) ==
            "p99 x 1.5, rounded up to whole seconds, within 10-60 s");
}

TEST_CASE("a latency cut off at 60 s still asks for an asynchronous design", "[probe]") {
    std::vector<ProbeSample> samples(5, cut(60000));
    Recommendation recommendation = recommend(summarize(samples), 60, 1.5);
    REQUIRE(recommendation.timeout_seconds == 60);
    REQUIRE(recommendation.at_least);
    REQUIRE(recommendation_warnings(recommendation) ==
            std::vector<std::string>{
                "the p99 latency (at least 60.0 s) with headroom exceeds 60 s, the longest timeout "
                "allowed: this back-end needs an asynchronous design, not a bigger timeout",
                "5 of 5 samples timed out at the current timeout of 60 s, so the latency is at "
                "least that"});
}
