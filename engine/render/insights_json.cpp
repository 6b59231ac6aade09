#include <algorithm>
#include <cmath>
#include <map>

#include "engine/json/json_writer.h"
#include "engine/render/impact_render.h"
#include "engine/render/insights_render.h"
#include "engine/render/json_output.h"
#include "engine/render/recommendation_render.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

void optional_integer(JsonWriter& json, std::string_view key, std::optional<std::int64_t> value) {
    json.key(key);
    value ? json.integer(*value) : json.null();
}

void optional_text(JsonWriter& json, std::string_view key,
                   const std::optional<std::string>& value) {
    json.key(key);
    value ? json.string(*value) : json.null();
}

void window(JsonWriter& json, std::string_view key, const TimeWindow& window) {
    json.key(key);
    json.begin_object();
    json.member("start", utc_timestamp(window.start_ms));
    json.member("end", utc_timestamp(window.end_ms));
    json.end_object();
}

void write_failures(JsonWriter& json, const Insight& insight) {
    json.key("failures");
    json.begin_array();
    for (const FailureCount& kind : insight.failure_kinds) {
        json.begin_object();
        json.member("error_type", kind.error_type);
        json.member("response_status", kind.response_status);
        json.member("count", kind.count);
        json.key("timeout");
        json.boolean(kind.timeout);
        json.end_object();
    }
    json.end_array();
}

void write_days(JsonWriter& json, const Insight& insight) {
    json.key("days");
    json.begin_array();
    for (const DayCount& day : insight.days) {
        json.begin_object();
        json.member("start", utc_timestamp(day.start_ms));
        json.member("executions", day.executions);
        json.member("timeouts", day.timeouts);
        json.end_object();
    }
    json.end_array();
}

void write_insight(JsonWriter& json, const Insight& insight) {
    json.begin_object();
    optional_text(json, "address", insight.address);
    json.member("id", insight.id);
    json.member("name", insight.name);
    optional_integer(json, "current_timeout_seconds",
                     insight.current_timeout ? std::optional<std::int64_t>(*insight.current_timeout)
                                             : std::nullopt);
    json.member("executions", insight.executions);
    write_failures(json, insight);
    json.member("timeouts", insight.timeouts);
    json.member("earlier_timeouts", insight.earlier_timeouts);
    const bool ran = insight.executions > 0;
    optional_integer(json, "p95_ms", ran ? insight.p95_ms : std::nullopt);
    optional_integer(json, "p99_ms", ran ? insight.p99_ms : std::nullopt);
    optional_integer(json, "max_ms",
                     ran ? std::optional<std::int64_t>(insight.max_ms) : std::nullopt);
    json.member("percentiles", insight.percentiles_measured ? "measured" : "unavailable");
    json.member("verdict", verdict_text(insight.verdict));
    optional_integer(json, "recommended_timeout_seconds",
                     insight.recommendation
                         ? std::optional<std::int64_t>(insight.recommendation->timeout_seconds)
                         : std::nullopt);
    json.key("recommendation_at_least");
    json.boolean(insight.recommendation && insight.recommendation->at_least);
    json.key("recommendation_floored");
    json.boolean(insight.recommendation && insight.recommendation->floored);
    json.strings("warnings", insight.recommendation
                                 ? recommendation_warnings(*insight.recommendation)
                                 : std::vector<std::string>{});
    std::vector<std::string> notes;
    for (const InsightNote& note : insight.notes) {
        notes.push_back(insight_note_text(insight, note));
    }
    json.strings("notes", notes);
    write_days(json, insight);
    if (insight.peak.executions > 0) {
        json.key("peak");
        json.begin_object();
        json.member("executions_per_15_minutes", insight.peak.executions);
        json.member("at", utc_timestamp(insight.peak.start_ms));
        json.key("in_use");
        json.number(std::round(insight.peak.in_use() * 10) / 10);
        json.end_object();
    }
    json.end_object();
}

void write_side(JsonWriter& json, std::string_view key, const Insight& insight) {
    json.key(key);
    json.begin_object();
    json.member("executions", insight.executions);
    json.member("timeouts", insight.timeouts);
    optional_integer(
        json, "p99_ms",
        insight.executions > 0 ? std::optional<std::int64_t>(insight.p99_or_max()) : std::nullopt);
    json.end_object();
}

}  // namespace

std::string encode_insights_output(const InsightsReport& report, const FlowImpact* impact) {
    JsonWriter json;
    begin_output(json, "insights");
    environment_member(json, report.environment);
    window(json, "interval", report.window);
    json.key("headroom");
    json.number(report.headroom);
    json.member("min_timeout_seconds", static_cast<std::int64_t>(report.min_timeout));
    json.member("queries", std::int64_t{report.queries});
    json.key("timeout_error_types");
    if (report.timeout_error_types) {
        json.begin_array();
        for (const std::string& type : *report.timeout_error_types) {
            json.string(type);
        }
        json.end_array();
    } else {
        json.null();
    }
    json.key("summary");
    json.begin_object();
    for (Verdict verdict :
         {Verdict::timing_out, Verdict::at_risk, Verdict::ok, Verdict::no_traffic}) {
        std::string key = verdict_text(verdict);
        std::replace(key.begin(), key.end(), ' ', '_');
        json.member(key, static_cast<std::int64_t>(report.count(verdict)));
    }
    json.end_object();
    json.key("actions");
    json.begin_array();
    for (const Insight& insight : report.insights) {
        write_insight(json, insight);
    }
    json.end_array();
    if (impact != nullptr) {
        write_flow_impact(json, *impact);
    }
    json.end_object();
    return json.finish();
}

std::string encode_since_apply_output(const SinceApplyReport& report) {
    JsonWriter json;
    begin_output(json, "insights");
    environment_member(json, report.environment);
    json.key("since_apply");
    json.begin_object();
    json.member("applied_at", utc_timestamp(report.applied_at_ms));
    window(json, "before", report.before);
    window(json, "after", report.after);
    json.end_object();
    json.member("queries", std::int64_t{report.queries});
    json.key("actions");
    json.begin_array();
    for (const Comparison& comparison : report.actions) {
        json.begin_object();
        optional_text(json, "address", comparison.after.address);
        json.member("id", comparison.after.id);
        json.member("name", comparison.after.name);
        write_side(json, "before", comparison.before);
        write_side(json, "after", comparison.after);
        json.member("verdict", change_text(comparison.change));
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return json.finish();
}

}  // namespace dactl
