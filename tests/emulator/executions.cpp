#include "tests/emulator/executions.h"

#include <algorithm>

#include "tests/emulator/error_body.h"

namespace dactl::emulator {

namespace {

constexpr std::int64_t k_day_ms = 86'400'000;

// splitmix64: a small, well-mixed deterministic generator.
std::uint64_t mix(std::uint64_t value) {
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

std::uint64_t hash_of(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : text) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return hash;
}

std::int64_t epoch_ms(WallClock::time_point at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

Execution run_of(const Json& action, std::int64_t at_ms, std::int64_t latency_ms,
                 std::int64_t timeout_seconds, bool failed) {
    Execution run;
    run.at_ms = at_ms;
    run.action_id = action.string_or("id", "");
    run.action_name = action.string_or("name", "");
    run.action_category = action.string_or("category", "");
    run.integration_id = action.string_or("integrationId", "");
    const std::int64_t limit = timeout_seconds * 1000;
    run.timed_out = latency_ms > limit;
    run.duration_ms = std::min(latency_ms, limit);
    run.failed = failed && !run.timed_out;
    return run;
}

Error traffic_error(const std::string& what) {
    return api_error(400, "invalid.value", "_emulator.traffic." + what);
}

// "HH:MM" as minutes after midnight; nothing when it is not such a time.
std::optional<int> minute_of_day(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    for (std::size_t i : {0U, 1U, 3U, 4U}) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) {
        return std::nullopt;
    }
    return hours * 60 + minutes;
}

// `peak`: {"perMinute" (1-10,000), "startUtc": "HH:MM" (default 10:00),
// "minutes" (1-1,440, default 60)}.
Status parse_peak(const Json& value, TrafficSpec& spec) {
    if (!value.is_object()) {
        return traffic_error("peak must be an object {\"perMinute\", \"startUtc\", \"minutes\"}");
    }
    for (const auto& [name, member] : value.as_object()) {
        if (name == "perMinute" || name == "minutes") {
            const std::int64_t high = name == "perMinute" ? 10'000 : 1'440;
            if (!member.is_integer() || member.as_integer() < 1 || member.as_integer() > high) {
                return traffic_error("peak." + name + " must be an integer from 1 to " +
                                     std::to_string(high));
            }
            (name == "perMinute" ? spec.peak_per_minute : spec.peak_minutes) =
                static_cast<int>(member.as_integer());
        } else if (name == "startUtc") {
            const std::optional<int> minute =
                member.is_string() ? minute_of_day(member.as_string()) : std::nullopt;
            if (!minute) {
                return traffic_error("peak.startUtc must be a time of day \"HH:MM\" (UTC)");
            }
            spec.peak_start_minute = *minute;
        } else {
            return api_error(
                400, "invalid.property",
                "_emulator.traffic.peak." + name + " is not known (perMinute, startUtc, minutes)");
        }
    }
    if (spec.peak_per_minute == 0) {
        return traffic_error("peak.perMinute is required");
    }
    return {};
}

}  // namespace

Result<TrafficSpec> parse_traffic(const Json& member, int latency_min_ms, int latency_max_ms) {
    if (!member.is_object()) {
        return api_error(400, "invalid.value", "_emulator.traffic must be an object");
    }
    TrafficSpec spec;
    spec.latency_min_ms = latency_min_ms;
    spec.latency_max_ms = latency_max_ms;
    for (const auto& [name, value] : member.as_object()) {
        if (name == "days" || name == "perDay") {
            const int high = name == "days" ? 400 : 100'000;
            if (!value.is_integer() || value.as_integer() < 0 || value.as_integer() > high) {
                return traffic_error(name + " must be an integer from 0 to " +
                                     std::to_string(high));
            }
            (name == "days" ? spec.days : spec.per_day) = static_cast<int>(value.as_integer());
        } else if (name == "latencyMs") {
            const bool pair = value.is_array() && value.as_array().size() == 2 &&
                              value.as_array()[0].is_integer() && value.as_array()[1].is_integer();
            if (!pair || value.as_array()[0].as_integer() < 0 ||
                value.as_array()[1].as_integer() < value.as_array()[0].as_integer()) {
                return traffic_error("latencyMs must be [MIN, MAX]: two integers, 0 <= MIN <= MAX");
            }
            spec.latency_min_ms = static_cast<int>(value.as_array()[0].as_integer());
            spec.latency_max_ms = static_cast<int>(value.as_array()[1].as_integer());
        } else if (name == "failureRate") {
            if (!value.is_number() || value.as_number() < 0 || value.as_number() > 1) {
                return traffic_error("failureRate must be a number from 0 to 1");
            }
            spec.failure_rate = value.as_number();
        } else if (name == "peak") {
            if (Status peak = parse_peak(value, spec); !peak) {
                return peak.error();
            }
        } else {
            return api_error(400, "invalid.property",
                             "_emulator.traffic." + name +
                                 " is not known (days, perDay, latencyMs, failureRate, peak)");
        }
    }
    return spec;
}

std::vector<Execution> generate_executions(const Json& action, const RunBatch& batch) {
    std::vector<Execution> runs;
    const std::int64_t start = epoch_ms(batch.from);
    const std::int64_t span = std::max<std::int64_t>(0, epoch_ms(batch.to) - start);
    if (batch.count <= 0 || span == 0) {
        return runs;
    }
    const std::uint64_t seed = hash_of(action.string_or("id", "")) + batch.salt * 0x1000193ULL;
    const std::int64_t width = batch.latency_max_ms - batch.latency_min_ms + 1;
    runs.reserve(static_cast<std::size_t>(batch.count));
    for (std::int64_t k = 0; k < batch.count; ++k) {
        const std::uint64_t draw = mix(seed + static_cast<std::uint64_t>(k) * 2);
        const std::uint64_t fate = mix(seed + static_cast<std::uint64_t>(k) * 2 + 1);
        const std::int64_t latency =
            batch.latency_min_ms +
            static_cast<std::int64_t>(draw % static_cast<std::uint64_t>(width));
        const bool failed =
            static_cast<double>(fate % 1'000'000) / 1'000'000.0 < batch.failure_rate;
        const std::int64_t at = start + (2 * k + 1) * span / (2 * batch.count);
        runs.push_back(run_of(action, at, latency, batch.timeout_seconds, failed));
    }
    return runs;
}

std::vector<RunBatch> seed_batches(const TrafficSpec& spec, WallClock::time_point now,
                                   std::int64_t timeout_seconds) {
    RunBatch batch;
    batch.count = static_cast<std::int64_t>(spec.days) * spec.per_day;
    batch.latency_min_ms = spec.latency_min_ms;
    batch.latency_max_ms = spec.latency_max_ms;
    batch.failure_rate = spec.failure_rate;
    batch.from = now - std::chrono::hours(24) * spec.days;
    batch.to = now;
    batch.timeout_seconds = timeout_seconds;
    std::vector<RunBatch> batches{batch};
    if (spec.peak_per_minute == 0) {
        return batches;
    }
    // Each day's peak that lies in the window, cut at its ends; salted apart.
    const std::int64_t now_at = epoch_ms(now);
    const std::int64_t first_day = (epoch_ms(batch.from) / k_day_ms) * k_day_ms;
    for (std::int64_t day = first_day; day < now_at; day += k_day_ms) {
        const std::int64_t start =
            std::max(epoch_ms(batch.from), day + std::int64_t{spec.peak_start_minute} * 60'000);
        const std::int64_t end = std::min(
            now_at, day + std::int64_t{spec.peak_start_minute + spec.peak_minutes} * 60'000);
        if (end <= start) {
            continue;
        }
        RunBatch peak = batch;
        peak.count = (end - start) * spec.peak_per_minute / 60'000;
        peak.from = WallClock::time_point(std::chrono::milliseconds(start));
        peak.to = WallClock::time_point(std::chrono::milliseconds(end));
        peak.salt = static_cast<std::uint64_t>(day / k_day_ms) + 1;
        batches.push_back(peak);
    }
    return batches;
}

std::int64_t timeout_of(const Json& action) {
    const Json* config = action.find("config");
    const Json* timeout = config != nullptr ? config->find("timeoutSeconds") : nullptr;
    return timeout != nullptr && timeout->is_integer() ? timeout->as_integer() : 60;
}

std::int64_t now_ms() {
    return epoch_ms(WallClock::now());
}

Execution execution_now(const Json& action, int latency_ms, std::int64_t timeout_seconds,
                        bool failed) {
    return run_of(action, epoch_ms(WallClock::now()), latency_ms, timeout_seconds, failed);
}

void ExecutionLog::add(std::vector<Execution> executions) {
    std::lock_guard lock(m_mutex);
    m_executions.insert(m_executions.end(), std::make_move_iterator(executions.begin()),
                        std::make_move_iterator(executions.end()));
}

std::vector<Execution> ExecutionLog::all() const {
    std::lock_guard lock(m_mutex);
    return m_executions;
}

std::size_t ExecutionLog::size() const {
    std::lock_guard lock(m_mutex);
    return m_executions.size();
}

void ExecutionLog::clear() {
    std::lock_guard lock(m_mutex);
    m_executions.clear();
}

}  // namespace dactl::emulator
