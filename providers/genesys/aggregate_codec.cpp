#include "providers/genesys/aggregate_codec.h"

#include <cmath>

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/util/time_text.h"

namespace dactl::genesys {

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_response, "the answer " + what);
}

// A stats number in whole milliseconds; nothing when absent or not a number.
std::optional<std::int64_t> whole(const rapidjson::Value& stats, const char* name) {
    const rapidjson::Value* value = member(stats, name);
    if (value == nullptr || !value->IsNumber()) {
        return std::nullopt;
    }
    const double number = value->GetDouble();
    if (!std::isfinite(number) || std::fabs(number) > 9.0e15) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::llround(number));
}

Result<ExecutionStats> stats_of(const rapidjson::Value& stats) {
    ExecutionStats result;
    std::optional<std::int64_t> count = whole(stats, "count");
    if (!count || *count < 0) {
        return invalid("has stats without a count");
    }
    result.count = *count;
    result.min_ms = whole(stats, "min").value_or(0);
    result.max_ms = whole(stats, "max").value_or(0);
    result.sum_ms = whole(stats, "sum").value_or(0);
    result.p95_ms = whole(stats, "p95");
    result.p99_ms = whole(stats, "p99");
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

Result<AggregateBucket> bucket_of(const rapidjson::Value& data) {
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
            Result<ExecutionStats> read = stats_of(*stats);
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
        Result<AggregateBucket> bucket = bucket_of(item);
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
