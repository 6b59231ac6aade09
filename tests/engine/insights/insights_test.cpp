// insights: chunked analytics queries, merging, timeouts, verdicts and
// recommendations; since_apply's windows and verdicts.

#include "engine/insights/insights.h"

#include <functional>

#include <catch2/catch.hpp>

#include "engine/insights/since_apply.h"
#include "engine/render/insights_render.h"
#include "tests/support/builders.h"
#include "tests/support/fake_provider.h"

using namespace dactl;
using namespace dactl::testing;

namespace {

// The notes as the views word them.
std::vector<std::string> notes_text(const Insight& insight) {
    std::vector<std::string> texts;
    for (const InsightNote& note : insight.notes) {
        texts.push_back(insight_note_text(insight, note));
    }
    return texts;
}

constexpr std::int64_t k_day = 86'400'000;
constexpr std::int64_t k_start = 1'795'478'400'000;  // 2026-11-24T00:00:00Z

using Answer = std::function<Result<std::vector<AggregateGroup>>(const AggregateQuery&)>;

// Answers aggregate queries with `answer`, recording each query.
class AnalyticsProvider : public FakeProvider {
public:
    explicit AnalyticsProvider(Answer answer) : m_answer(std::move(answer)) {}
    Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query) override {
        queries.push_back(query);
        return m_answer(query);
    }
    std::vector<AggregateQuery> queries;

private:
    Answer m_answer;
};

ExecutionStats stats(std::int64_t count, std::int64_t max, std::optional<std::int64_t> p95,
                     std::optional<std::int64_t> p99) {
    return {count, 1, max, count * max / 2, p95, p99};
}

AggregateGroup group(std::map<std::string, std::string> dimensions, const TimeWindow& window,
                     ExecutionStats values) {
    return {std::move(dimensions), {{window, values}}};
}

bool is_distribution(const AggregateQuery& query) {
    return query.group_by == std::vector<std::string>{"actionId"};
}

// One action "a1": 100 runs in the window, `timeouts` of them errorType REQUEST_TIMEOUT/504.
Answer one_action(ExecutionStats distribution, std::int64_t timeouts,
                  std::string error_type = "REQUEST_TIMEOUT") {
    return [=](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
        if (is_distribution(query)) {
            return std::vector<AggregateGroup>{
                group({{"actionId", "a1"}}, query.interval, distribution)};
        }
        std::vector<AggregateGroup> groups = {
            group({{"actionId", "a1"}, {"errorType", "NONE"}, {"responseStatus", "200"}},
                  {query.interval.start_ms, query.interval.start_ms + k_day},
                  stats(distribution.count - timeouts, 100, std::nullopt, std::nullopt))};
        if (timeouts > 0) {
            groups.push_back(
                group({{"actionId", "a1"}, {"errorType", error_type}, {"responseStatus", "504"}},
                      {query.interval.start_ms, query.interval.start_ms + k_day},
                      stats(timeouts, 3000, std::nullopt, std::nullopt)));
        }
        return groups;
    };
}

InsightOptions week() {
    InsightOptions options;
    options.window = {k_start, k_start + 7 * k_day};
    return options;
}

Insight only(const Result<InsightsReport>& report) {
    REQUIRE(report);
    REQUIRE(report->insights.size() == 1);
    return report->insights[0];
}

}  // namespace

TEST_CASE("a week is two queries over every action at once", "[insights]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(3));
    AnalyticsProvider provider(one_action(stats(100, 2600, 2400, 2600), 0));
    Result<InsightsReport> report = run_insights(provider, {{"action.lookup", &a1}}, week());
    Insight insight = only(report);
    REQUIRE(report->queries == 2);
    REQUIRE(provider.queries[0] ==
            AggregateQuery{{k_start, k_start + 7 * k_day}, {"actionId"}, std::nullopt});
    REQUIRE(provider.queries[1] == AggregateQuery{{k_start, k_start + 7 * k_day},
                                                  {"actionId", "errorType", "responseStatus"},
                                                  std::string("PT15M")});
    REQUIRE(insight.verdict == Verdict::at_risk);
    REQUIRE(insight.recommendation->timeout_seconds == 4);
    REQUIRE_FALSE(insight.recommendation->at_least);
    REQUIRE(insight.executions == 100);
    REQUIRE(insight.days.size() == 7);
    REQUIRE(insight.days[0].executions == 100);
    REQUIRE(insight.notes.empty());
}

TEST_CASE("an action that timed out gets a lower bound and the probe to run", "[insights]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(3));
    AnalyticsProvider provider(one_action(stats(100, 3000, 3000, 3000), 25));
    Insight insight = only(run_insights(provider, {{"action.lookup", &a1}}, week()));
    REQUIRE(insight.verdict == Verdict::timing_out);
    REQUIRE(insight.timeouts == 25);
    REQUIRE(insight.failures == 25);
    REQUIRE(insight.recommendation->timeout_seconds == 5);
    REQUIRE(insight.recommendation->at_least);
    REQUIRE(insight.days[0].timeouts == 25);
    REQUIRE(
        notes_text(insight) ==
        std::vector<std::string>{"25 of 100 executions timed out at the current timeout of 3 s: "
                                 "the latency is cut off there, so the recommendation is a lower "
                                 "bound; measure it with dactl probe --via-draft action.lookup"});
    REQUIRE(insight.failure_kinds.size() == 1);
    REQUIRE(insight.failure_kinds[0].error_type == "REQUEST_TIMEOUT");
    REQUIRE(insight.failure_kinds[0].timeout);
}

TEST_CASE("which failures are timeouts: the default guess and a configured list", "[insights]") {
    const std::optional<std::vector<std::string>> guess;
    REQUIRE(is_timeout_failure("REQUEST_TIMEOUT", "504", guess));
    REQUIRE(is_timeout_failure("CallTimedOut", "500", guess));
    REQUIRE(is_timeout_failure("EXECUTION_ERROR", "408", guess));
    REQUIRE(is_timeout_failure("EXECUTION_ERROR", "504", guess));
    REQUIRE_FALSE(is_timeout_failure("EXECUTION_ERROR", "500", guess));
    const std::optional<std::vector<std::string>> listed = std::vector<std::string>{"SLOW_BACKEND"};
    REQUIRE(is_timeout_failure("slow_backend", "500", listed));
    REQUIRE_FALSE(is_timeout_failure("REQUEST_TIMEOUT", "504", listed));
    REQUIRE(is_failure("EXECUTION_ERROR", "500"));
    REQUIRE_FALSE(is_failure("NONE", "200"));
    REQUIRE_FALSE(is_failure("", "204"));
    REQUIRE(is_failure("", "503"));

    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(3));
    AnalyticsProvider provider(one_action(stats(100, 2000, 1500, 2000), 10, "SLOW_BACKEND"));
    InsightOptions options = week();
    REQUIRE(only(run_insights(provider, {{"action.lookup", &a1}}, options)).timeouts == 10);
    options.timeout_error_types = std::vector<std::string>{"SOMETHING_ELSE"};
    Insight listed_out = only(run_insights(provider, {{"action.lookup", &a1}}, options));
    REQUIRE(listed_out.timeouts == 0);
    REQUIRE(listed_out.failures == 10);
    REQUIRE(listed_out.verdict == Verdict::ok);
}

TEST_CASE("without percentiles the max stands in for the p99, and says so", "[insights]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(10));
    AnalyticsProvider provider(one_action(stats(100, 4200, std::nullopt, std::nullopt), 0));
    Insight insight = only(run_insights(provider, {{"action.lookup", &a1}}, week()));
    REQUIRE_FALSE(insight.percentiles_measured);
    REQUIRE_FALSE(insight.p99_ms);
    REQUIRE(insight.p99_or_max() == 4200);
    REQUIRE(insight.verdict == Verdict::ok);
    REQUIRE(insight.recommendation->timeout_seconds == 7);
    REQUIRE(
        notes_text(insight) ==
        std::vector<std::string>{"the analytics gave no p95 or p99: the max (4.2 s) stands in for "
                                 "the p99"});
}

TEST_CASE("30 days are five chunks of at most 7 days: ten queries, the worst chunk's p99",
          "[insights]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(10));
    AnalyticsProvider provider(
        [](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
            const std::int64_t p99 = query.interval.start_ms == k_start + 14 * k_day ? 7000 : 2000;
            return std::vector<AggregateGroup>{
                group({{"actionId", "a1"}, {"errorType", "NONE"}, {"responseStatus", "200"}},
                      query.interval, stats(10, p99, p99 - 500, p99))};
        });
    InsightOptions options;
    options.window = {k_start, k_start + 30 * k_day};
    Result<InsightsReport> report = run_insights(provider, {{"action.lookup", &a1}}, options);
    Insight insight = only(report);
    REQUIRE(report->queries == 10);
    REQUIRE(provider.queries[8].interval == TimeWindow{k_start + 28 * k_day, k_start + 30 * k_day});
    REQUIRE(insight.executions == 50);
    REQUIRE(insight.p99_ms == 7000);
    REQUIRE(insight.max_ms == 7000);
    REQUIRE(insight.verdict == Verdict::ok);
    REQUIRE(insight.days.size() == 30);
    REQUIRE(notes_text(insight) ==
            std::vector<std::string>{"p95 and p99 are the worst of 5 chunks of at most 7 days: "
                                     "percentiles cannot be merged"});
}

TEST_CASE("an interval the API refuses is read again in smaller chunks", "[insights]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(10));
    AnalyticsProvider provider(
        [](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
            if (query.interval.length_ms() > 3 * k_day) {
                // The provider tells this 400 apart (analytics_calls_test).
                Error error = make_error(ErrorKind::interval_refused,
                                         "The interval exceeds the maximum of 3 days");
                error.http_status = 400;
                return error;
            }
            return std::vector<AggregateGroup>{};
        });
    Result<InsightsReport> report = run_insights(provider, {{"action.lookup", &a1}}, week());
    REQUIRE(report);
    REQUIRE(report->chunk_days == 3);
    REQUIRE(report->queries == 1 + 6);
    REQUIRE(report->insights[0].verdict == Verdict::no_traffic);
    REQUIRE_FALSE(report->insights[0].recommendation);

    AnalyticsProvider forbidden([](const AggregateQuery&) -> Result<std::vector<AggregateGroup>> {
        return make_error(ErrorKind::forbidden, "missing permission");
    });
    Result<InsightsReport> refused = run_insights(forbidden, {{"action.lookup", &a1}}, week());
    REQUIRE_FALSE(refused);
    REQUIRE(refused.error().kind == ErrorKind::forbidden);
    REQUIRE(forbidden.queries.size() == 1);
}

TEST_CASE("insights come worst first, and other actions' runs are only counted", "[insights]") {
    LiveAction slow = with(make_live("slow", "Slow"), Field::timeout_seconds, Value(3));
    LiveAction close = with(make_live("close", "Close"), Field::timeout_seconds, Value(3));
    LiveAction fine = with(make_live("fine", "Fine"), Field::timeout_seconds, Value(30));
    LiveAction idle = with(make_live("idle", "Idle"), Field::timeout_seconds, Value(30));
    AnalyticsProvider provider(
        [](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
            std::vector<AggregateGroup> groups;
            const std::vector<std::tuple<std::string, std::int64_t, std::string>> runs = {
                {"fine", 1000, "NONE"},
                {"close", 2900, "NONE"},
                {"slow", 3000, "REQUEST_TIMEOUT"},
                {"other", 500, "NONE"}};
            for (const auto& [id, p99, type] : runs) {
                groups.push_back(
                    is_distribution(query)
                        ? group({{"actionId", id}}, query.interval, stats(20, p99, p99, p99))
                        : group({{"actionId", id}, {"errorType", type}}, query.interval,
                                stats(20, p99, std::nullopt, std::nullopt)));
            }
            return groups;
        });
    Result<InsightsReport> report = run_insights(provider,
                                                 {{"action.fine", &fine},
                                                  {"action.idle", &idle},
                                                  {"action.close", &close},
                                                  {std::nullopt, &slow}},
                                                 week());
    REQUIRE(report);
    std::vector<std::string> order;
    for (const Insight& insight : report->insights) {
        order.push_back(insight.id + " " + verdict_text(insight.verdict));
    }
    REQUIRE(order == std::vector<std::string>{"slow timing out", "close at risk", "fine ok",
                                              "idle no traffic"});
    REQUIRE(report->other_executions == 20);
    REQUIRE(report->count(Verdict::ok) == 1);
    REQUIRE(
        notes_text(report->insights[0])
            .back()
            .ends_with(
                "; adopt it (--all --write --adopt-into FILE), then measure it with dactl probe "
                "--via-draft"));
}

TEST_CASE("chunks cover the window in order", "[insights]") {
    REQUIRE(chunks_of({0, 10 * k_day}, 7) ==
            std::vector<TimeWindow>{{0, 7 * k_day}, {7 * k_day, 10 * k_day}});
    REQUIRE(chunks_of({0, 7 * k_day}, 7) == std::vector<TimeWindow>{{0, 7 * k_day}});
}

TEST_CASE("since an apply: equal windows of at most 7 days, and what changed", "[insights]") {
    TimeWindow before;
    TimeWindow after;
    windows_around(10 * k_day, 10 * k_day + 3600'000, before, after);
    REQUIRE(before == TimeWindow{10 * k_day - 3600'000, 10 * k_day});
    REQUIRE(after == TimeWindow{10 * k_day, 10 * k_day + 3600'000});
    windows_around(10 * k_day, 30 * k_day, before, after);
    REQUIRE(before == TimeWindow{3 * k_day, 10 * k_day});
    REQUIRE(after == TimeWindow{10 * k_day, 17 * k_day});

    auto side = [](std::int64_t executions, std::int64_t timeouts) {
        Insight insight;
        insight.executions = executions;
        insight.timeouts = timeouts;
        return insight;
    };
    REQUIRE(change_of(side(100, 30), side(100, 0)) == Change::fixed);
    REQUIRE(change_of(side(100, 30), side(100, 10)) == Change::improved);
    REQUIRE(change_of(side(100, 30), side(100, 20)) == Change::still_timing_out);
    REQUIRE(change_of(side(100, 0), side(100, 5)) == Change::still_timing_out);
    REQUIRE(change_of(side(100, 30), side(9, 0)) == Change::not_enough_traffic);
    REQUIRE(change_of(side(100, 0), side(100, 0)) == Change::ok);
    REQUIRE(change_text(Change::not_enough_traffic) == "not enough traffic yet");
}

TEST_CASE("comparing since an apply reads both windows", "[insights]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(8));
    const std::int64_t applied = k_start + 3 * k_day;
    AnalyticsProvider provider(
        [&](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
            const bool before = query.interval.end_ms <= applied;
            const std::int64_t timeouts = before ? 40 : 0;
            return one_action(stats(100, before ? 3000 : 5000, 2000, before ? 3000 : 5000),
                              timeouts)(query);
        });
    Result<SinceApplyReport> report = compare_since_apply(provider, {{"action.lookup", &a1}},
                                                          applied, applied + 2 * k_day, week());
    REQUIRE(report);
    REQUIRE(report->queries == 4);
    REQUIRE(report->before == TimeWindow{applied - 2 * k_day, applied});
    REQUIRE(report->actions.size() == 1);
    REQUIRE(report->actions[0].before.timeouts == 40);
    REQUIRE(report->actions[0].after.timeouts == 0);
    REQUIRE(report->actions[0].change == Change::fixed);
}

TEST_CASE("timeouts cut off under an earlier, lower timeout do not make the action time out now",
          "[insights]") {
    LiveAction raised = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(9));
    AnalyticsProvider provider(one_action(stats(600, 6000, 5800, 5900), 300));
    Insight insight = only(run_insights(provider, {{"action.lookup", &raised}}, week()));
    REQUIRE(insight.timeouts == 300);
    REQUIRE(insight.earlier_timeouts == 300);
    REQUIRE(insight.earlier_cutoff_ms == 3000);
    REQUIRE(insight.verdict == Verdict::ok);
    REQUIRE(insight.recommendation->timeout_seconds == 9);
    REQUIRE_FALSE(insight.recommendation->at_least);
    REQUIRE(
        notes_text(insight) ==
        std::vector<std::string>{"300 executions timed out under an earlier, lower timeout (cut "
                                 "off at 3.0 s), before the current 9 s applied"});

    AnalyticsProvider all_cut(one_action(stats(100, 3000, 3000, 3000), 100));
    Insight cut = only(run_insights(all_cut, {{"action.lookup", &raised}}, week()));
    REQUIRE(cut.verdict == Verdict::ok);
    REQUIRE(cut.recommendation->at_least);
    REQUIRE(notes_text(cut)[0].ends_with(
        "before the current 9 s applied; the p99 is cut off there, so the recommendation is a "
        "lower bound"));
}

TEST_CASE("runs cut off by a function's own shorter timeout are timing out now", "[insights]") {
    LiveAction lead = with(make_live("a1", "Score Lead"), Field::timeout_seconds, Value(9));
    lead.runs_function = true;
    lead.function = FunctionSetup{3, "scores a lead", "index.handler", "nodejs18.x"};
    AnalyticsProvider provider(one_action(stats(100, 3000, 3000, 3000), 40));
    Insight insight = only(run_insights(provider, {{"action.lead", &lead}}, week()));
    REQUIRE(insight.function_timeout == 3);
    REQUIRE(insight.limit_seconds() == 3);
    REQUIRE(insight.earlier_timeouts == 0);
    REQUIRE(insight.verdict == Verdict::timing_out);
    REQUIRE(insight.recommendation->at_least);
    REQUIRE(notes_text(insight) ==
            std::vector<std::string>{
                "40 of 100 executions were cut off by the function's own timeout of 3 s, before "
                "the action's 9 s: a longer action timeout cannot help; raise "
                "function.timeout_seconds (at most 15 s)"});

    // A function at its 15 s maximum: the function itself must answer sooner.
    insight.function_timeout = 15;
    insight.current_timeout = 30;
    REQUIRE(insight_note_text(
                insight, {InsightNote::Kind::function_cut_off, 40, 100, 15000, 15, true, ""}) ==
            "40 of 100 executions were cut off by the function's own timeout of 15 s, before the "
            "action's 30 s: a longer action timeout cannot help; function.timeout_seconds is at "
            "its most already: the function must answer sooner");
}

TEST_CASE("the recommendations weighed: raises of actions timing out or at risk only",
          "[insights][capacity]") {
    InsightsReport report;
    auto insight = [](std::string id, Verdict verdict, std::optional<int> current,
                      int recommended) {
        Insight made;
        made.id = std::move(id);
        made.verdict = verdict;
        made.current_timeout = current;
        made.recommendation = Recommendation{};
        made.recommendation->timeout_seconds = recommended;
        return made;
    };
    report.insights = {insight("up", Verdict::timing_out, 3, 8),
                       insight("risky", Verdict::at_risk, std::nullopt, 45),
                       insight("down", Verdict::at_risk, 10, 5),
                       insight("fine", Verdict::ok, 3, 9)};
    REQUIRE(recommended_timeouts(report) == std::map<std::string, int>{{"up", 8}});
    std::vector<LiveAction> live{with(make_live("up", "Up"), Field::timeout_seconds, Value(3))};
    report.peaks["up"] = ActionPeak{900, 0, 0, k_peak_bucket_ms};
    report.insights[0].address = "action.up";
    const BlastRadius blast = weigh_recommendations(report, live);
    REQUIRE(blast.hosts.size() == 1);
    REQUIRE(blast.hosts[0].worst_before == 3);
    REQUIRE(blast.hosts[0].worst_after == 8);
    REQUIRE(blast.hosts[0].actions[0].address == std::optional<std::string>("action.up"));
    REQUIRE(blast.limit == ConcurrencyLimit{});  // the default until settled
}

TEST_CASE("a granularity the API refuses is asked for in hours, then days",
          "[insights][capacity]") {
    LiveAction a1 = with(make_live("a1", "Lookup"), Field::timeout_seconds, Value(10));
    AnalyticsProvider provider(
        [](const AggregateQuery& query) -> Result<std::vector<AggregateGroup>> {
            if (query.granularity == std::optional<std::string>("PT15M")) {
                // The provider tells this 400 apart (analytics_calls_test).
                return make_error(ErrorKind::granularity_refused,
                                  "The granularity PT15M makes 672 buckets");
            }
            const ExecutionStats three_hundred{3600, 100, 100, 360'000, 100, 100};
            return std::vector<AggregateGroup>{
                group({{"actionId", "a1"}}, {k_start, k_start + 3'600'000}, three_hundred)};
        });
    Result<InsightsReport> report = run_insights(provider, {{"action.lookup", &a1}}, week());
    REQUIRE(report);
    REQUIRE(report->queries == 2 + 2);  // the refused pair, then both again
    REQUIRE(provider.queries.back().granularity == std::optional<std::string>("PT1H"));
    const ActionPeak& peak = report->insights[0].peak;
    REQUIRE(peak.bucket_ms == 3'600'000);
    REQUIRE(peak.per_minute() == Approx(60));  // 3,600 in an hour
    REQUIRE(peak.slots_at(10) == Approx(10));  // one a second held 10 s
    REQUIRE(peak.in_use() == Approx(0.1));     // 100 ms each
}
