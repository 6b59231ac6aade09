#include "engine/json/json_writer.h"
#include "engine/render/json_output.h"
#include "engine/render/probe_render.h"
#include "engine/render/recommendation_render.h"

namespace dactl {

namespace {

void write_probe_entry(JsonWriter& json, const ProbeEntry& entry) {
    json.begin_object();
    json.member("address", entry.address);
    json.member("id", entry.id);
    json.member("name", entry.name);
    json.key("current_timeout_seconds");
    entry.current_timeout ? json.integer(*entry.current_timeout) : json.null();
    json.key("via_draft");
    json.boolean(entry.via_draft);
    json.key("skipped");
    entry.skipped() ? json.string(skip_text(entry)) : json.null();
    const LatencyStats& s = entry.stats;
    json.member("samples", static_cast<std::int64_t>(s.samples));
    json.member("failures", static_cast<std::int64_t>(s.failures));
    json.member("timeouts", static_cast<std::int64_t>(s.timeouts));
    for (auto [key, value] : {std::pair{"p50_ms", s.p50}, std::pair{"p90_ms", s.p90},
                              std::pair{"p99_ms", s.p99}, std::pair{"max_ms", s.max}}) {
        json.member(key, static_cast<std::int64_t>(value.count()));
    }
    json.key("p99_at_least");
    json.boolean(s.p99_censored);
    json.key("recommended_timeout_seconds");
    entry.skipped() ? json.null() : json.integer(entry.recommendation.timeout_seconds);
    json.key("recommendation_at_least");
    json.boolean(entry.recommendation.at_least);
    json.key("recommendation_floored");
    json.boolean(entry.recommendation.floored);
    json.strings("warnings", recommendation_warnings(entry.recommendation));
    json.strings("notes", entry.notes);
    json.end_object();
}

}  // namespace

std::string encode_probe_output(const ProbeReport& report) {
    JsonWriter json;
    begin_output(json, "probe");
    environment_member(json, report.environment);
    json.key("headroom");
    json.number(report.headroom);
    json.member("min_timeout_seconds", static_cast<std::int64_t>(report.min_timeout));
    json.key("actions");
    json.begin_array();
    for (const auto& entry : report.entries) {
        write_probe_entry(json, entry);
    }
    json.end_array();
    json.end_object();
    return json.finish();
}

}  // namespace dactl
