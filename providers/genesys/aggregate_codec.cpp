#include "providers/genesys/aggregate_codec.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/util/json_text.h"
#include "engine/util/time_text.h"

namespace dactl::genesys {

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_response, "the answer " + what);
}

// No count of executions in one bucket is larger, and no execution takes
// longer than a day: a number beyond these is a broken answer, not a statistic.
constexpr double k_most_executions = 1.0e12;
constexpr double k_longest_ms = 86400000.0;

// Reads the stats of one action's bucket, refusing any that cannot be true,
// naming the action and the value as the answer gave it.
class StatsReader {
public:
    StatsReader(const rapidjson::Value& stats, std::string action)
        : m_stats(stats), m_action(std::move(action)) {}

    Result<ExecutionStats> read();

private:
    Error impossible(const char* name, const std::string& why) const {
        const rapidjson::Value* value = member(m_stats, name);
        std::string shown = value != nullptr ? compact_json(*value) : std::string("(none)");
        if (value != nullptr && value->IsDouble()) {
            shown = json_number(value->GetDouble()).value_or(shown);  // 1e+20, not 1000...0.0
        }
        return make_error(ErrorKind::invalid_response,
                          "the analytics of action " + m_action + " give " + name + " " + shown +
                              ", which " + why +
                              "; dactl reports no statistics that cannot be true (run insights "
                              "again later, or over another --since)");
    }

    // A stats number rounded to a whole one; nothing when absent; an error
    // when it is not a finite number from 0 to `most`.
    Result<std::optional<std::int64_t>> number(const char* name, double most,
                                               const char* what) const {
        const rapidjson::Value* value = member(m_stats, name);
        if (value == nullptr || value->IsNull()) {
            return std::optional<std::int64_t>{};
        }
        if (!value->IsNumber()) {
            return impossible(name, "is not a number");
        }
        const double read = value->GetDouble();
        if (!std::isfinite(read) || read < 0) {
            return impossible(name, "is below zero");
        }
        if (read > most) {
            return impossible(name, std::string("is more than ") + what + " can be");
        }
        return std::optional<std::int64_t>{static_cast<std::int64_t>(std::llround(read))};
    }

    const rapidjson::Value& m_stats;
    std::string m_action;
};

Result<ExecutionStats> StatsReader::read() {
    ExecutionStats result;
    Result<std::optional<std::int64_t>> count = number("count", k_most_executions, "a count");
    if (!count) {
        return count.error();
    }
    if (!*count) {
        return invalid("has stats without a count");
    }
    const rapidjson::Value* given = member(m_stats, "count");
    if (!given->IsInt64() && given->GetDouble() != std::floor(given->GetDouble())) {
        return impossible("count", "is not a whole number");
    }
    result.count = **count;
    const double most_sum =
        k_longest_ms * static_cast<double>(std::max<std::int64_t>(1, result.count));
    constexpr std::array<const char*, 5> names = {"min", "max", "sum", "p95", "p99"};
    std::array<std::optional<std::int64_t>, 5> read;
    for (std::size_t i = 0; i < names.size(); ++i) {
        Result<std::optional<std::int64_t>> one =
            number(names[i], i == 2 ? most_sum : k_longest_ms, i == 2 ? "a sum" : "a latency");
        if (!one) {
            return one.error();
        }
        read[i] = *one;
    }
    result.min_ms = read[0].value_or(0);
    result.max_ms = read[1].value_or(0);
    result.sum_ms = read[2].value_or(0);
    result.p95_ms = read[3];
    result.p99_ms = read[4];
    if (result.count == 0 || !read[1]) {
        return result;
    }
    // The order every distribution keeps (1 ms apart at most, for rounding).
    const std::string max = std::to_string(result.max_ms);
    if (read[0] && result.min_ms > result.max_ms + 1) {
        return impossible("min", "is above the max of " + max);
    }
    for (std::size_t i : {std::size_t{3}, std::size_t{4}}) {
        if (read[i] && *read[i] > result.max_ms + 1) {
            return impossible(names[i], "is above the max of " + max);
        }
    }
    if (result.p95_ms && result.p99_ms && *result.p95_ms > *result.p99_ms + 1) {
        return impossible("p95", "is above the p99 of " + std::to_string(*result.p99_ms));
    }
    if (read[2] && static_cast<double>(result.sum_ms) >
                       static_cast<double>(result.max_ms + 1) * static_cast<double>(result.count)) {
        return impossible("sum", "is more than " + std::to_string(result.count) +
                                     " executions of at most " + max + " ms take");
    }
    return result;
}

Result<TimeWindow> window_of(const std::string& interval) {
    const std::size_t slash = interval.find('/');
    std::optional<std::int64_t> start = parse_instant(interval.substr(0, slash));
    std::optional<std::int64_t> end =
        slash == std::string::npos ? std::nullopt : parse_instant(interval.substr(slash + 1));
    if (!start || !end) {
        return invalid("has a bucket interval that is not START/END: \"" + interval + "\"");
    }
    return TimeWindow{*start, *end};
}

Result<AggregateBucket> bucket_of(const rapidjson::Value& data, const std::string& action) {
    AggregateBucket bucket;
    Result<TimeWindow> window = window_of(text_member(data, "interval"));
    if (!window) {
        return window.error();
    }
    bucket.interval = *window;
    const rapidjson::Value* metrics = member(data, "metrics");
    if (metrics == nullptr || !metrics->IsArray()) {
        return invalid("has a bucket without metrics");
    }
    for (const auto& metric : metrics->GetArray()) {
        const rapidjson::Value* stats = member(metric, "stats");
        if (text_member(metric, "metric") == "tTotalExecution" && stats != nullptr &&
            stats->IsObject()) {
            Result<ExecutionStats> read = StatsReader(*stats, action).read();
            if (!read) {
                return read.error();
            }
            bucket.stats = *read;
            return bucket;
        }
    }
    return invalid("has a bucket without tTotalExecution stats");
}

Result<AggregateGroup> group_of(const rapidjson::Value& result) {
    AggregateGroup group;
    const rapidjson::Value* dimensions = member(result, "group");
    if (dimensions != nullptr && dimensions->IsObject()) {
        for (const auto& entry : dimensions->GetObject()) {
            if (entry.value.IsString()) {
                group.group[text_of(entry.name)] = text_of(entry.value);
            }
        }
    }
    const rapidjson::Value* data = member(result, "data");
    if (data == nullptr || !data->IsArray()) {
        return invalid("has a result without data");
    }
    for (const auto& item : data->GetArray()) {
        auto action = group.group.find("actionId");
        Result<AggregateBucket> bucket =
            bucket_of(item, action == group.group.end() ? "(unnamed)" : action->second);
        if (!bucket) {
            return bucket.error();
        }
        group.buckets.push_back(*bucket);
    }
    return group;
}

}  // namespace

std::string encode_aggregate_query(const AggregateQuery& query) {
    JsonWriter json;
    json.begin_object();
    json.member("interval",
                iso_instant(query.interval.start_ms) + "/" + iso_instant(query.interval.end_ms));
    json.strings("metrics", {"tTotalExecution"});
    json.strings("groupBy", query.group_by);
    json.key("filter");
    json.begin_object();
    json.member("type", "and");
    json.key("predicates");
    json.begin_array();
    json.begin_object();
    json.member("type", "dimension");
    json.member("dimension", "actionId");
    json.member("operator", "exists");
    json.end_object();
    json.end_array();
    json.end_object();
    if (query.granularity) {
        json.member("granularity", *query.granularity);
    }
    json.end_object();
    return json.finish();
}

Result<std::vector<AggregateGroup>> decode_aggregates(std::string_view json) {
    Result<rapidjson::Document> parsed = answer_object(json);
    if (!parsed) {
        return parsed.error();
    }
    const rapidjson::Document& body = *parsed;
    std::vector<AggregateGroup> groups;
    const rapidjson::Value* results = member(body, "results");
    if (results == nullptr) {
        return groups;
    }
    if (!results->IsArray()) {
        return invalid("has results that are not an array");
    }
    for (const auto& result : results->GetArray()) {
        Result<AggregateGroup> group = group_of(result);
        if (!group) {
            return group.error();
        }
        groups.push_back(std::move(*group));
    }
    return groups;
}

}  // namespace dactl::genesys
