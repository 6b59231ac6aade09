#include "tests/emulator/analytics_api.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>

#include "tests/emulator/error_body.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

constexpr std::int64_t k_minute_ms = 60'000;
constexpr std::int64_t k_hour_ms = 60 * k_minute_ms;
constexpr std::int64_t k_day_ms = 24 * k_hour_ms;
constexpr std::array<std::string_view, 8> k_dimensions = {
    "actionCategory", "actionId",      "actionName",      "correlationId",
    "errorType",      "integrationId", "integrationName", "responseStatus"};

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
    if (at + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

Error invalid(std::string message) {
    return api_error(400, "invalid.value", std::move(message));
}

// "P1D", "PT1H", "PT30M" as milliseconds.
std::optional<std::int64_t> parse_period(std::string_view text) {
    std::int64_t unit = 0;
    std::string_view number;
    if (text.starts_with("PT") && text.size() > 3 && (text.back() == 'H' || text.back() == 'M')) {
        unit = text.back() == 'H' ? k_hour_ms : k_minute_ms;
        number = text.substr(2, text.size() - 3);
    } else if (text.starts_with("P") && text.size() > 2 && text.back() == 'D') {
        unit = k_day_ms;
        number = text.substr(1, text.size() - 2);
    } else {
        return std::nullopt;
    }
    int value = 0;
    if (number.empty() || number.size() > 4 || !digits(number, 0, number.size(), value) ||
        value == 0) {
        return std::nullopt;
    }
    return value * unit;
}

std::string dimension_value(const Execution& run, std::string_view dimension,
                            const Settings& settings) {
    if (dimension == "actionId") {
        return run.action_id;
    }
    if (dimension == "actionName") {
        return run.action_name;
    }
    if (dimension == "actionCategory") {
        return run.action_category;
    }
    if (dimension == "integrationId") {
        return run.integration_id;
    }
    if (dimension == "integrationName") {
        return run.integration_id.empty() ? "" : "Integration " + run.integration_id.substr(0, 8);
    }
    if (dimension == "correlationId") {
        return run.action_id + "-" + std::to_string(run.at_ms);
    }
    if (dimension == "errorType") {
        return run.timed_out ? settings.analytics_timeout_error_type
                             : (run.failed ? "EXECUTION_ERROR" : "NONE");
    }
    return run.timed_out ? "504" : (run.failed ? "500" : "200");  // responseStatus
}

bool known_dimension(std::string_view name) {
    return std::find(k_dimensions.begin(), k_dimensions.end(), name) != k_dimensions.end();
}

std::string dimension_list() {
    std::string list;
    for (std::string_view name : k_dimensions) {
        list += (list.empty() ? "" : ", ") + std::string(name);
    }
    return list;
}

using Test = std::function<bool(const Execution&)>;

Result<Test> predicate_test(const Json& predicate, const Settings& settings) {
    if (!predicate.is_object()) {
        return invalid("a filter predicate must be an object");
    }
    const std::string type = predicate.string_or("type", "dimension");
    const std::string dimension = predicate.string_or("dimension", "");
    const std::string op = predicate.string_or("operator", "matches");
    if (type != "dimension") {
        return invalid("predicate type " + type + " is not supported; use dimension");
    }
    if (!known_dimension(dimension)) {
        return invalid("predicate dimension \"" + dimension + "\" is not one of " +
                       dimension_list());
    }
    if (op == "exists" || op == "notExists") {
        const bool wanted = op == "exists";
        return Test([=, &settings](const Execution& run) {
            return !dimension_value(run, dimension, settings).empty() == wanted;
        });
    }
    if (op != "matches") {
        return invalid("predicate operator " + op + " is not one of matches, exists, notExists");
    }
    const Json* value = predicate.find("value");
    if (value == nullptr || !value->is_string()) {
        return invalid("a matches predicate needs a string value");
    }
    const std::string wanted = value->as_string();
    return Test([=, &settings](const Execution& run) {
        return dimension_value(run, dimension, settings) == wanted;
    });
}

// {type: and|or, predicates: [...], clauses: [{type, predicates}]}.
Result<Test> filter_test(const Json& filter, const Settings& settings, bool top) {
    if (!filter.is_object()) {
        return invalid("the filter must be an object");
    }
    const std::string type = filter.string_or("type", "");
    if (type != "and" && type != "or") {
        return invalid("filter type must be and or or, not \"" + type + "\"");
    }
    std::vector<Test> tests;
    for (const char* member : {"predicates", "clauses"}) {
        const Json* list = filter.find(member);
        if (list == nullptr) {
            continue;
        }
        if (!list->is_array() || (!top && std::string_view(member) == "clauses")) {
            return invalid(std::string("filter ") + member + " must be an array");
        }
        for (const Json& item : list->as_array()) {
            Result<Test> test = std::string_view(member) == "predicates"
                                    ? predicate_test(item, settings)
                                    : filter_test(item, settings, false);
            if (!test) {
                return test.error();
            }
            tests.push_back(std::move(*test));
        }
    }
    const bool all = type == "and";
    return Test([tests, all](const Execution& run) {
        if (tests.empty()) {
            return true;
        }
        for (const Test& test : tests) {
            if (test(run) != all) {
                return !all;
            }
        }
        return all;
    });
}

std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, double percentile) {
    const auto n = static_cast<double>(sorted.size());
    auto rank = static_cast<std::size_t>(percentile / 100.0 * n);
    if (static_cast<double>(rank) < percentile / 100.0 * n) {
        ++rank;
    }
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Json stats_of(std::vector<std::int64_t> durations, const Settings& settings) {
    std::sort(durations.begin(), durations.end());
    std::int64_t sum = 0;
    for (std::int64_t d : durations) {
        sum += d;
    }
    Json stats = Json::object();
    stats.set("max", durations.back());
    stats.set("min", durations.front());
    stats.set("count", static_cast<std::int64_t>(durations.size()));
    stats.set("sum", sum);
    if (settings.analytics_percentiles) {
        stats.set("p95", nearest_rank(durations, 95));
        stats.set("p99", nearest_rank(durations, 99));
    }
    return stats;
}

struct Query {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t bucket = 0;
    std::vector<std::string> group_by;
    Test filter;
};

Result<Query> parse_query_body(const Json& body, const Settings& settings) {
    Query query;
    const std::string interval = body.string_or("interval", "");
    const auto window = parse_interval(interval);
    if (!window) {
        return invalid(
            "interval must be START/END, ISO-8601 instants in UTC with START before "
            "END, e.g. 2026-11-24T00:00:00.000Z/2026-12-01T00:00:00.000Z; got \"" +
            interval + "\"");
    }
    const auto [start, end] = *window;
    const std::int64_t days_allowed = settings.analytics_max_interval_days;
    if (days_allowed > 0 && end - start > days_allowed * k_day_ms) {
        return invalid("The interval " + interval + " exceeds the maximum of " +
                       std::to_string(days_allowed) + " days for this query");
    }
    query.start = start;
    query.end = end;
    const Json* metrics = body.find("metrics");
    if (metrics == nullptr || !metrics->is_array() || metrics->as_array().empty()) {
        return invalid("metrics is required: [\"tTotalExecution\"]");
    }
    for (const Json& metric : metrics->as_array()) {
        if (!metric.is_string() || metric.as_string() != "tTotalExecution") {
            return invalid("Invalid metric " + (metric.is_string() ? metric.as_string() : "") +
                           ": the only metric of action aggregates is tTotalExecution");
        }
    }
    if (const Json* group_by = body.find("groupBy")) {
        if (!group_by->is_array()) {
            return invalid("groupBy must be an array of dimensions");
        }
        for (const Json& dimension : group_by->as_array()) {
            if (!dimension.is_string() || !known_dimension(dimension.as_string())) {
                return invalid("groupBy dimension \"" +
                               (dimension.is_string() ? dimension.as_string() : "") +
                               "\" is not one of " + dimension_list());
            }
            query.group_by.push_back(dimension.as_string());
        }
    }
    query.bucket = query.end - query.start;
    if (const Json* granularity = body.find("granularity")) {
        const auto period =
            granularity->is_string() ? parse_period(granularity->as_string()) : std::nullopt;
        if (!period) {
            return invalid("granularity must be an ISO-8601 period such as P1D, PT1H or PT15M");
        }
        query.bucket = *period;
        const std::int64_t buckets = (query.end - query.start + *period - 1) / *period;
        if (settings.analytics_max_buckets > 0 && buckets > settings.analytics_max_buckets) {
            return invalid("The granularity " + granularity->as_string() + " makes " +
                           std::to_string(buckets) + " buckets, more than the maximum of " +
                           std::to_string(settings.analytics_max_buckets));
        }
    }
    query.filter = [](const Execution&) { return true; };
    if (const Json* filter = body.find("filter")) {
        Result<Test> test = filter_test(*filter, settings, true);
        if (!test) {
            return test.error();
        }
        query.filter = std::move(*test);
    }
    return query;
}

}  // namespace

std::optional<std::int64_t> parse_instant(std::string_view text) {
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
        !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day) ||
        text[10] != 'T' || !digits(text, 11, 2, hour) || text[13] != ':' ||
        !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second)) {
        return std::nullopt;
    }
    int millis = 0;
    std::size_t at = 19;
    if (text[at] == '.') {
        if (!digits(text, at + 1, 3, millis)) {
            return std::nullopt;
        }
        at += 4;
    }
    if (at + 1 != text.size() || text[at] != 'Z' || month < 1 || month > 12 || day < 1 ||
        day > 31 || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    const std::int64_t days =
        days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return ((days * 24 + hour) * 60 + minute) * k_minute_ms + second * 1000 + millis;
}

std::optional<std::pair<std::int64_t, std::int64_t>> parse_interval(std::string_view text) {
    const std::size_t slash = text.find('/');
    const auto start = parse_instant(text.substr(0, slash));
    const auto end =
        slash == std::string_view::npos ? std::nullopt : parse_instant(text.substr(slash + 1));
    if (!start || !end || *start >= *end) {
        return std::nullopt;
    }
    return std::pair{*start, *end};
}

std::string format_instant(std::int64_t at_ms) {
    const std::int64_t days = (at_ms >= 0 ? at_ms : at_ms - k_day_ms + 1) / k_day_ms;
    const std::int64_t in_day = at_ms - days * k_day_ms;
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civil_from_days(days, year, month, day);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, day,
                  static_cast<int>(in_day / k_hour_ms), static_cast<int>(in_day / k_minute_ms % 60),
                  static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
    return text;
}

HttpResponse handle_aggregates_query(const HttpRequest& request, const ExecutionLog& log,
                                     const Settings& settings) {
    if (settings.analytics_forbidden) {
        return HttpResponse::failure(
            api_error(403, "missing.permissions",
                      "Unable to perform the requested action. You are missing the following "
                      "permission(s): integrations:action:view or bridge:actions:view"));
    }
    if (request.method != "POST") {
        return method_not_allowed(request, "POST");
    }
    Result<Json> body = parse_json_body(request);
    if (!body || !body->is_object()) {
        return HttpResponse::failure(
            body ? api_error(400, "bad.request", "The query must be a JSON object") : body.error());
    }
    Result<Query> query = parse_query_body(*body, settings);
    if (!query) {
        return HttpResponse::failure(query.error());
    }
    // group values -> bucket start -> durations
    std::map<std::vector<std::string>, std::map<std::int64_t, std::vector<std::int64_t>>> groups;
    for (const Execution& run : log.all()) {
        if (run.at_ms < query->start || run.at_ms >= query->end || !query->filter(run)) {
            continue;
        }
        std::vector<std::string> key;
        for (const std::string& dimension : query->group_by) {
            key.push_back(dimension_value(run, dimension, settings));
        }
        const std::int64_t bucket =
            query->start + (run.at_ms - query->start) / query->bucket * query->bucket;
        groups[key][bucket].push_back(run.duration_ms);
    }
    Json answer = Json::object();
    if (groups.empty()) {
        return HttpResponse::json(200, answer);
    }
    Json::Array results;
    for (auto& [key, buckets] : groups) {
        Json group = Json::object();
        for (std::size_t i = 0; i < key.size(); ++i) {
            if (!key[i].empty()) {
                group.set(query->group_by[i], key[i]);
            }
        }
        Json::Array data;
        for (auto& [start, durations] : buckets) {
            Json metric = Json::object();
            metric.set("metric", "tTotalExecution");
            metric.set("stats", stats_of(std::move(durations), settings));
            Json bucket = Json::object();
            bucket.set("interval", format_instant(start) + "/" +
                                       format_instant(std::min(start + query->bucket, query->end)));
            bucket.set("metrics", Json(Json::Array{std::move(metric)}));
            data.push_back(std::move(bucket));
        }
        Json result = Json::object();
        result.set("group", std::move(group));
        result.set("data", Json(std::move(data)));
        results.push_back(std::move(result));
    }
    answer.set("results", Json(std::move(results)));
    return HttpResponse::json(200, answer);
}

}  // namespace dactl::emulator
