#include "engine/probe/latency_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/util/time_text.h"

namespace dactl {

Milliseconds nearest_rank(std::vector<Milliseconds> latencies, double percentile) {
    if (latencies.empty()) {
        return Milliseconds(0);
    }
    std::sort(latencies.begin(), latencies.end());
    const double exact = percentile / 100.0 * static_cast<double>(latencies.size());
    auto rank = static_cast<std::size_t>(std::ceil(exact - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, latencies.size());
    return latencies[rank - 1];
}

LatencyStats summarize(const std::vector<ProbeSample>& samples) {
    LatencyStats stats;
    stats.samples = samples.size();
    std::vector<Milliseconds> latencies;
    Milliseconds censored_at{0};
    for (const auto& sample : samples) {
        latencies.push_back(sample.latency);
        stats.failures += sample.success ? 0 : 1;
        if (sample.timed_out) {
            stats.timeouts += 1;
            censored_at = std::max(censored_at, sample.latency);
        }
    }
    stats.p50 = nearest_rank(latencies, 50);
    stats.p90 = nearest_rank(latencies, 90);
    stats.p99 = nearest_rank(latencies, 99);
    stats.max =
        latencies.empty() ? Milliseconds(0) : *std::max_element(latencies.begin(), latencies.end());
    stats.p99_censored = stats.timeouts > 0 && stats.p99 >= censored_at;
    return stats;
}

Recommendation recommend(const LatencyStats& stats, std::optional<int> current_timeout_seconds,
                         double headroom, int min_timeout) {
    Recommendation recommendation;
    const double seconds = static_cast<double>(stats.p99.count()) * headroom / 1000.0;
    const int raw = static_cast<int>(std::ceil(seconds - 1e-9));
    const int floor = std::clamp(min_timeout, 1, 60);
    recommendation.timeout_seconds = std::clamp(raw, floor, 60);
    recommendation.floored = raw < floor && floor > 1;
    recommendation.at_least = stats.p99_censored;
    recommendation.beyond_ceiling = raw > 60;
    recommendation.asked = std::max(raw, 1);
    recommendation.floor = floor;
    recommendation.p99 = stats.p99;
    recommendation.timeouts = stats.timeouts;
    recommendation.samples = stats.samples;
    recommendation.current_timeout = current_timeout_seconds.value_or(60);
    return recommendation;
}

std::string recommendation_rule(double headroom, int min_timeout, std::string_view times) {
    char factor[16];
    std::snprintf(factor, sizeof factor, "%.2g", headroom);
    std::string text = "p99 ";
    text += times;
    text += ' ';
    text += factor;
    text += ", rounded up to whole seconds, within ";
    text += std::to_string(std::clamp(min_timeout, 1, 60));
    text += "-60 s";
    return text;
}

}  // namespace dactl
