#include "engine/render/output_codec.h"

#include <algorithm>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "engine/model/secrets.h"

namespace dactl {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

class Json {
public:
    Json() : m_writer(m_buffer) { m_writer.SetIndent(' ', 2); }

    Writer& w() { return m_writer; }
    void key(std::string_view name) {
        m_writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    }
    void string(std::string_view text) {
        m_writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    }
    void member(std::string_view name, std::string_view text) {
        key(name);
        string(text);
    }
    void member(std::string_view name, std::int64_t number) {
        key(name);
        m_writer.Int64(number);
    }
    void strings(std::string_view name, const std::vector<std::string>& items) {
        key(name);
        m_writer.StartArray();
        for (const auto& item : items) {
            string(item);
        }
        m_writer.EndArray();
    }
    void value(Field field, const Value& value) {
        if (value.is_unset()) {
            m_writer.Null();
        } else if (value.is_integer()) {
            m_writer.Int64(value.as_integer());
        } else if (value.is_string()) {
            string(value.as_string());
        } else {
            m_writer.StartObject();
            for (const auto& [name, entry] : value.as_map()) {
                key(name);
                const bool secret = field == Field::request_headers && is_secret_header(name);
                string(secret ? k_masked_value : std::string_view(entry));
            }
            m_writer.EndObject();
        }
    }
    void header(std::string_view command) {
        m_writer.StartObject();
        member("format_version", k_output_format_version);
        member("command", command);
    }
    std::string finish() {
        m_writer.EndObject();
        return std::string(m_buffer.GetString(), m_buffer.GetSize()) + "\n";
    }

private:
    rapidjson::StringBuffer m_buffer;
    Writer m_writer;
};

void write_changes(Json& json, const Plan& plan) {
    json.key("changes");
    json.w().StartArray();
    for (const auto& change : plan.changes) {
        json.w().StartObject();
        json.member("address", change.address);
        json.member("action", "update");
        json.member("id", change.id);
        json.member("name", change.name);
        json.member("category", change.category);
        json.member("live_version", change.version);
        json.key("fields");
        json.w().StartArray();
        for (const auto& field : change.fields) {
            json.w().StartObject();
            json.member("field", field_key(field.field));
            json.key("before");
            json.value(field.field, field.before);
            json.key("after");
            json.value(field.field, field.after);
            json.w().EndObject();
        }
        json.w().EndArray();
        json.w().EndObject();
    }
    json.w().EndArray();
    json.strings("unchanged", plan.unchanged);
}

void write_error(Json& json, const Error& error) {
    json.w().StartObject();
    json.member("message", error.message);
    json.key("http_status");
    if (error.http_status != 0) {
        json.w().Int(error.http_status);
    } else {
        json.w().Null();
    }
    json.member("code", error.api_code);
    json.member("correlation_id", error.correlation_id);
    json.w().EndObject();
}

void write_result(Json& json, const ActionResult& result) {
    json.w().StartObject();
    json.member("address", result.address);
    json.member("id", result.id);
    json.member("status", status_text(result.status));
    json.member("version_before", result.version_before);
    json.member("version_after", result.version_after);
    json.member("conflicts", result.conflicts);
    json.member("lost_answers", result.lost_answers);
    json.member("detail", result.detail);
    json.key("error");
    if (result.error) {
        write_error(json, *result.error);
    } else {
        json.w().Null();
    }
    json.w().EndObject();
}

}  // namespace

std::string encode_plan_output(const Plan& plan) {
    Json json;
    json.header("plan");
    write_changes(json, plan);
    json.key("summary");
    json.w().StartObject();
    json.member("to_change", static_cast<std::int64_t>(plan.changes.size()));
    json.member("unchanged", static_cast<std::int64_t>(plan.unchanged.size()));
    json.w().EndObject();
    return json.finish();
}

std::string encode_apply_output(const Plan& plan, const ApplyReport& report) {
    Json json;
    json.header("apply");
    write_changes(json, plan);
    json.key("results");
    json.w().StartArray();
    for (const auto& result : report.results) {
        write_result(json, result);
    }
    json.w().EndArray();
    json.key("summary");
    json.w().StartObject();
    for (ActionStatus status :
         {ActionStatus::applied, ActionStatus::already_applied, ActionStatus::not_converged,
          ActionStatus::changed_since_plan, ActionStatus::failed, ActionStatus::not_attempted}) {
        std::string name(status_text(status));
        std::replace(name.begin(), name.end(), ' ', '_');
        json.member(name, static_cast<std::int64_t>(report.count(status)));
    }
    json.member("unchanged", static_cast<std::int64_t>(plan.unchanged.size()));
    json.w().EndObject();
    json.key("succeeded");
    json.w().Bool(report.succeeded());
    return json.finish();
}

std::string encode_drift_output(const DriftReport& report) {
    Json json;
    json.header("drift");
    json.key("has_state");
    json.w().Bool(report.has_state);
    json.key("drifted");
    json.w().StartArray();
    for (const auto& drift : report.drifted) {
        json.w().StartObject();
        json.member("address", drift.address);
        json.member("id", drift.id);
        json.member("name", drift.name);
        json.member("live_version", drift.live_version);
        json.key("applied_version");
        if (drift.applied_version) {
            json.w().Int64(*drift.applied_version);
        } else {
            json.w().Null();
        }
        json.key("problem");
        if (drift.problem.empty()) {
            json.w().Null();
        } else {
            json.string(drift.problem);
        }
        json.key("fields");
        json.w().StartArray();
        for (const auto& field : drift.fields) {
            json.w().StartObject();
            json.member("field", field_key(field.field));
            static const char* const kinds[] = {"changed_outside", "not_yet_applied", "differs"};
            json.member("kind", kinds[static_cast<int>(field.kind)]);
            json.key("from");
            json.value(field.field, field.from);
            json.key("to");
            json.value(field.field, field.to);
            json.w().EndObject();
        }
        json.w().EndArray();
        json.w().EndObject();
    }
    json.w().EndArray();
    json.strings("in_sync", report.in_sync);
    json.key("summary");
    json.w().StartObject();
    json.member("drifted", static_cast<std::int64_t>(report.drifted.size()));
    json.member("in_sync", static_cast<std::int64_t>(report.in_sync.size()));
    json.w().EndObject();
    return json.finish();
}

std::string encode_error_output(const std::string& command, const std::string& error,
                                const Diagnostics& diagnostics) {
    Json json;
    json.header(command);
    json.member("error", error);
    json.key("diagnostics");
    json.w().StartArray();
    for (const auto& diagnostic : diagnostics.items()) {
        json.w().StartObject();
        json.member("severity", diagnostic.severity == Severity::error ? "error" : "warning");
        json.member("path", diagnostic.where.path);
        json.member("line", diagnostic.where.line);
        json.member("column", diagnostic.where.column);
        json.member("message", diagnostic.message);
        json.w().EndObject();
    }
    json.w().EndArray();
    return json.finish();
}

std::string encode_probe_output(const ProbeReport& report) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("format_version");
    w.Int(1);
    w.Key("command");
    w.String("probe");
    w.Key("headroom");
    w.Double(report.headroom);
    w.Key("actions");
    w.StartArray();
    for (const auto& entry : report.entries) {
        w.StartObject();
        w.Key("address");
        w.String(entry.address.c_str());
        w.Key("id");
        w.String(entry.id.c_str());
        w.Key("name");
        w.String(entry.name.c_str());
        w.Key("current_timeout_seconds");
        entry.current_timeout ? w.Int(*entry.current_timeout) : w.Null();
        w.Key("via_draft");
        w.Bool(entry.via_draft);
        w.Key("skipped");
        entry.skipped.empty() ? w.Null() : w.String(entry.skipped.c_str());
        const LatencyStats& s = entry.stats;
        w.Key("samples");
        w.Uint64(s.samples);
        w.Key("failures");
        w.Uint64(s.failures);
        w.Key("timeouts");
        w.Uint64(s.timeouts);
        for (auto [key, value] : {std::pair{"p50_ms", s.p50}, std::pair{"p90_ms", s.p90},
                                  std::pair{"p99_ms", s.p99}, std::pair{"max_ms", s.max}}) {
            w.Key(key);
            w.Int64(value.count());
        }
        w.Key("p99_at_least");
        w.Bool(s.p99_censored);
        w.Key("recommended_timeout_seconds");
        entry.skipped.empty() ? w.Int(entry.recommendation.timeout_seconds) : w.Null();
        w.Key("recommendation_at_least");
        w.Bool(entry.recommendation.at_least);
        w.Key("warnings");
        w.StartArray();
        for (const auto& warning : entry.recommendation.warnings) {
            w.String(warning.c_str());
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace dactl
