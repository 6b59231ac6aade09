#include "engine/insights/insights.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/util/ascii.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

constexpr std::int64_t k_day_ms = 86'400'000;
constexpr double k_at_risk_share = 0.8;  ///< p99 at or above this share of the timeout

// What the analytics said of one action over the whole window.
struct Tally {
    std::int64_t executions = 0;
    std::int64_t max_ms = 0;
    std::optional<std::int64_t> p95_ms;
    std::optional<std::int64_t> p99_ms;
    bool percentiles_missing = false;
    int chunks = 0;
    std::map<std::pair<std::string, std::string>, std::int64_t> failures;
    std::map<std::int64_t, DayCount> days;                               ///< by day index
    std::vector<std::pair<std::int64_t, std::int64_t>> timeout_buckets;  ///< count, max_ms
};

// A timed-out run is recorded at about the timeout it ran under: one cut off
// this far below the current timeout ran under a lower one.
constexpr std::int64_t k_earlier_margin_ms = 500;

std::optional<std::int64_t> worst(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
    if (!a || !b) {
        return a ? a : b;
    }
    return std::max(*a, *b);
}

std::string value_of(const AggregateGroup& group, const char* dimension) {
    auto found = group.group.find(dimension);
    return found == group.group.end() ? "" : found->second;
}

void add_distribution(std::map<std::string, Tally>& tallies,
                      const std::vector<AggregateGroup>& groups) {
    for (const AggregateGroup& group : groups) {
        Tally& tally = tallies[value_of(group, "actionId")];
        for (const AggregateBucket& bucket : group.buckets) {
            if (bucket.stats.count == 0) {
                continue;
            }
            tally.executions += bucket.stats.count;
            tally.max_ms = std::max(tally.max_ms, bucket.stats.max_ms);
            tally.p95_ms = worst(tally.p95_ms, bucket.stats.p95_ms);
            tally.p99_ms = worst(tally.p99_ms, bucket.stats.p99_ms);
            tally.percentiles_missing |= !bucket.stats.p99_ms;
            ++tally.chunks;
        }
    }
}

void add_failures(std::map<std::string, Tally>& tallies, const std::vector<AggregateGroup>& groups,
                  const InsightOptions& options) {
    for (const AggregateGroup& group : groups) {
        Tally& tally = tallies[value_of(group, "actionId")];
        const std::string type = value_of(group, "errorType");
        const std::string status = value_of(group, "responseStatus");
        const bool failed = is_failure(type, status);
        const bool timeout =
            failed && is_timeout_failure(type, status, options.timeout_error_types);
        for (const AggregateBucket& bucket : group.buckets) {
            const std::int64_t index =
                std::max<std::int64_t>(0, bucket.interval.start_ms - options.window.start_ms) /
                k_day_ms;
            DayCount& day = tally.days[index];
            day.start_ms = options.window.start_ms + index * k_day_ms;
            day.executions += bucket.stats.count;
            day.timeouts += timeout ? bucket.stats.count : 0;
            if (timeout) {
                tally.timeout_buckets.emplace_back(bucket.stats.count, bucket.stats.max_ms);
            }
            if (failed) {
                tally.failures[{type, status}] += bucket.stats.count;
            }
        }
    }
}

bool interval_refused(const Error& error) {
    return error.kind == ErrorKind::interval_refused;
}

// Both queries of every chunk, into tallies by action id.
Status read_window(ActionAnalytics& provider, const InsightOptions& options, int chunk_days,
                   const PeakGranularity& granularity, std::map<std::string, Tally>& tallies,
                   Peaks& peaks, int& queries) {
    for (const TimeWindow& chunk : chunks_of(options.window, chunk_days)) {
        ++queries;
        Result<std::vector<AggregateGroup>> distribution =
            provider.query_action_aggregates({chunk, {"actionId"}, std::nullopt});
        if (!distribution) {
            return distribution.error();
        }
        add_distribution(tallies, *distribution);
        ++queries;
        Result<std::vector<AggregateGroup>> failures = provider.query_action_aggregates(
            {chunk, {"actionId", "errorType", "responseStatus"}, std::string(granularity.period)});
        if (!failures) {
            return failures.error();
        }
        add_failures(tallies, *failures, options);
        add_peaks(peaks, *failures, granularity.bucket_ms);
    }
    return {};
}

std::optional<int> timeout_of(const LiveAction& live) {
    const Value& value = live.get(Field::timeout_seconds);
    return value.is_integer() ? std::optional<int>(static_cast<int>(value.as_integer()))
                              : std::nullopt;
}

std::vector<DayCount> every_day(const TimeWindow& window,
                                const std::map<std::int64_t, DayCount>& known) {
    std::vector<DayCount> days;
    const std::int64_t count = (window.length_ms() + k_day_ms - 1) / k_day_ms;
    days.reserve(static_cast<std::size_t>(count));
    for (std::int64_t index = 0; index < count; ++index) {
        auto found = known.find(index);
        days.push_back(found != known.end() ? found->second
                                            : DayCount{window.start_ms + index * k_day_ms, 0, 0});
    }
    return days;
}

Insight insight_of(const InsightTarget& target, const Tally& tally, const InsightsReport& report,
                   const InsightOptions& options) {
    Insight insight;
    insight.address = target.address;
    insight.id = target.live->id;
    insight.name = target.live->name;
    insight.current_timeout = timeout_of(*target.live);
    if (target.live->function &&
        target.live->function->timeout_seconds < insight.current_timeout.value_or(60)) {
        insight.function_timeout = static_cast<int>(target.live->function->timeout_seconds);
    }
    insight.executions = tally.executions;
    insight.max_ms = tally.max_ms;
    insight.p95_ms = tally.percentiles_missing ? std::nullopt : tally.p95_ms;
    insight.p99_ms = tally.percentiles_missing ? std::nullopt : tally.p99_ms;
    insight.percentiles_measured = !tally.percentiles_missing;
    insight.chunks_with_traffic = tally.chunks;
    for (const auto& [kind, count] : tally.failures) {
        const bool timeout =
            is_timeout_failure(kind.first, kind.second, options.timeout_error_types);
        insight.failure_kinds.push_back({kind.first, kind.second, count, timeout});
        insight.failures += count;
        insight.timeouts += timeout ? count : 0;
    }
    const std::int64_t current_ms = 1000LL * insight.limit_seconds();
    for (const auto& [count, max_ms] : tally.timeout_buckets) {
        if (max_ms + k_earlier_margin_ms < current_ms) {
            insight.earlier_timeouts += count;
            insight.earlier_cutoff_ms = std::max(insight.earlier_cutoff_ms, max_ms);
        }
    }
    std::stable_sort(
        insight.failure_kinds.begin(), insight.failure_kinds.end(),
        [](const FailureCount& a, const FailureCount& b) { return a.count > b.count; });
    insight.days = every_day(options.window, tally.days);
    if (tally.chunks > 1 && insight.percentiles_measured) {
        insight.notes.push_back({InsightNote::Kind::chunked_percentiles, tally.chunks, 0, 0,
                                 report.chunk_days, false, ""});
    }
    judge(insight, options.headroom, options.min_timeout);
    return insight;
}

int rank(Verdict verdict) {
    return static_cast<int>(verdict);
}

// How close the p99 comes to the timeout, for ordering.
double pressure(const Insight& insight) {
    return static_cast<double>(insight.p99_or_max()) / (1000.0 * insight.limit_seconds());
}

bool worse(const Insight& a, const Insight& b) {
    if (rank(a.verdict) != rank(b.verdict)) {
        return rank(a.verdict) < rank(b.verdict);
    }
    if (a.timeouts != b.timeouts) {
        return a.timeouts > b.timeouts;
    }
    if (pressure(a) != pressure(b)) {
        return pressure(a) > pressure(b);
    }
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
}

}  // namespace

std::map<std::string, int> recommended_timeouts(const InsightsReport& report) {
    std::map<std::string, int> after;
    for (const Insight& insight : report.insights) {
        const bool alarming =
            insight.verdict == Verdict::timing_out || insight.verdict == Verdict::at_risk;
        if (alarming && insight.recommendation &&
            insight.recommendation->timeout_seconds > insight.current_timeout.value_or(60)) {
            after[insight.id] = insight.recommendation->timeout_seconds;
        }
    }
    return after;
}

BlastRadius weigh_recommendations(const InsightsReport& report,
                                  const std::vector<LiveAction>& live) {
    BlastInputs inputs{&live, &report.peaks, recommended_timeouts(report), {}, std::nullopt};
    for (const Insight& insight : report.insights) {
        if (insight.address) {
            inputs.addresses[insight.id] = *insight.address;
        }
    }
    return blast_radius(inputs, {}, report.window);
}

std::string verdict_text(Verdict verdict) {
    switch (verdict) {
        case Verdict::timing_out:
            return "timing out";
        case Verdict::at_risk:
            return "at risk";
        case Verdict::ok:
            return "ok";
        case Verdict::no_traffic:
            break;
    }
    return "no traffic";
}

std::size_t InsightsReport::count(Verdict verdict) const {
    return static_cast<std::size_t>(
        std::count_if(insights.begin(), insights.end(),
                      [&](const Insight& insight) { return insight.verdict == verdict; }));
}

bool is_failure(const std::string& error_type, const std::string& response_status) {
    if (!error_type.empty()) {
        return ascii_lower(error_type) != "none";
    }
    return !response_status.empty() && response_status[0] != '2';
}

bool is_timeout_failure(const std::string& error_type, const std::string& response_status,
                        const std::optional<std::vector<std::string>>& listed) {
    const std::string lower = ascii_lower(error_type);
    if (listed) {
        return std::any_of(listed->begin(), listed->end(),
                           [&](const std::string& type) { return ascii_lower(type) == lower; });
    }
    return lower.find("timeout") != std::string::npos || lower.find("timed") != std::string::npos ||
           response_status == "408" || response_status == "504";
}

std::vector<TimeWindow> chunks_of(const TimeWindow& window, int days) {
    std::vector<TimeWindow> chunks;
    const std::int64_t length = std::int64_t{days} * k_day_ms;
    for (std::int64_t start = window.start_ms; start < window.end_ms; start += length) {
        chunks.push_back({start, std::min(window.end_ms, start + length)});
    }
    return chunks;
}

void judge(Insight& insight, double headroom, int min_timeout) {
    if (insight.executions == 0) {
        insight.verdict = Verdict::no_traffic;
        return;
    }
    const int current = insight.limit_seconds();
    const std::int64_t at_current = insight.timeouts - insight.earlier_timeouts;
    // The p99 is a cut-off value itself when runs timed out at or under it: at
    // the current timeout when it reaches it (fewer than 1% cut off leave the
    // p99 below, measured), or at an earlier one.
    const bool cut_now =
        at_current > 0 && insight.p99_or_max() >= static_cast<std::int64_t>(current) * 1000;
    const bool censored = cut_now || (insight.earlier_timeouts > 0 &&
                                      insight.p99_or_max() <= insight.earlier_cutoff_ms);
    if (at_current > 0) {
        insight.verdict = Verdict::timing_out;
    } else if (static_cast<double>(insight.p99_or_max()) >= k_at_risk_share * current * 1000.0) {
        insight.verdict = Verdict::at_risk;
    } else {
        insight.verdict = Verdict::ok;
    }
    LatencyStats stats;
    stats.samples = static_cast<std::size_t>(insight.executions);
    stats.p99 = Milliseconds(insight.p99_or_max());
    stats.max = Milliseconds(insight.max_ms);
    stats.p99_censored = censored;
    insight.recommendation = recommend(stats, insight.current_timeout, headroom, min_timeout);
    using Kind = InsightNote::Kind;
    if (!insight.percentiles_measured) {
        insight.notes.push_back({Kind::no_percentiles, 0, 0, insight.max_ms, 0, false, ""});
    }
    if (insight.earlier_timeouts > 0) {
        insight.notes.push_back({Kind::earlier_timeouts, insight.earlier_timeouts, 0,
                                 insight.earlier_cutoff_ms, current, censored, ""});
    }
    if (at_current > 0 && insight.function_timeout) {
        insight.notes.push_back({Kind::function_cut_off, at_current, insight.executions,
                                 insight.p99_or_max(), current, cut_now, ""});
    } else if (at_current > 0) {
        insight.notes.push_back({cut_now ? Kind::cut_off_now : Kind::measured_despite, at_current,
                                 insight.executions, insight.p99_or_max(), current, cut_now, ""});
    }
}

Result<InsightsReport> run_insights(ActionAnalytics& provider,
                                    const std::vector<InsightTarget>& targets,
                                    const InsightOptions& options) {
    InsightsReport report;
    report.window = options.window;
    report.headroom = options.headroom;
    report.min_timeout = options.min_timeout;
    report.timeout_error_types = options.timeout_error_types;
    std::map<std::string, Tally> tallies;
    // A refused interval halves the chunks; a refused granularity (too many
    // buckets) asks for coarser ones.
    std::size_t coarser = 0;
    for (int days = k_chunk_days;;) {
        report.chunk_days = days;
        tallies.clear();
        report.peaks.clear();
        Status read = read_window(provider, options, days, k_peak_granularities[coarser], tallies,
                                  report.peaks, report.queries);
        if (read) {
            break;
        }
        if (read.error().kind == ErrorKind::granularity_refused &&
            coarser + 1 < std::size(k_peak_granularities)) {
            ++coarser;
            continue;
        }
        if (!interval_refused(read.error()) || days == 1) {
            return read.error();
        }
        days /= 2;
    }
    std::set<std::string> covered;
    for (const InsightTarget& target : targets) {
        covered.insert(target.live->id);
        auto found = tallies.find(target.live->id);
        report.insights.push_back(
            insight_of(target, found != tallies.end() ? found->second : Tally{}, report, options));
        auto peak = report.peaks.find(target.live->id);
        report.insights.back().peak = peak != report.peaks.end() ? peak->second : ActionPeak{};
    }
    for (const auto& [id, tally] : tallies) {
        report.other_executions += covered.count(id) != 0 ? 0 : tally.executions;
    }
    std::stable_sort(report.insights.begin(), report.insights.end(), worse);
    return report;
}

}  // namespace dactl
