#include "engine/render/output_codec.h"

#include <algorithm>

#include "engine/json/json_writer.h"
#include "engine/plan/plan_codec.h"
#include "engine/render/apply_text.h"
#include "engine/util/time_text.h"

namespace dactl {

void begin_output(JsonWriter& json, std::string_view command) {
    json.begin_object();
    json.member("format_version", k_output_format_version);
    json.member("command", command);
}

namespace {

void write_changed_by(JsonWriter& json, const ActionDrift& drift) {
    json.key("changed_by");
    json.begin_array();
    for (const Attribution& attribution : drift.changed_by) {
        const AuditEntry& entry = attribution.entry;
        json.begin_object();
        json.member("at", utc_timestamp(entry.at_ms));
        json.key("user");
        if (entry.user_id) {
            json.begin_object();
            json.member("id", *entry.user_id);
            json.key("name");
            entry.user_name ? json.string(*entry.user_name) : json.null();
            json.end_object();
        } else {
            json.null();
        }
        json.member("client_id", entry.client_id);
        json.key("by_dactl");
        json.boolean(attribution.by_dactl);
        json.member("action", entry.action);
        json.key("changes");
        json.begin_array();
        for (const PropertyChange& change : entry.changes) {
            json.begin_object();
            json.member("property", change.property);
            json.strings("old", change.old_values);
            json.strings("new", change.new_values);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
}

void header(JsonWriter& json, std::string_view command) {
    begin_output(json, command);
}

void write_changes(JsonWriter& json, const Plan& plan) {
    json.key("changes");
    json.begin_array();
    for (const auto& change : plan.changes) {
        write_change(json, change, ChangeForm::output);
    }
    json.end_array();
    json.strings("unchanged", plan.unchanged);
    json.strings("targets", plan.targets);
}

void write_plan_summary(JsonWriter& json, const Plan& plan) {
    json.key("summary");
    json.begin_object();
    json.member("to_change", static_cast<std::int64_t>(plan.changes.size()));
    json.member("unchanged", static_cast<std::int64_t>(plan.unchanged.size()));
    json.member("governed_by_rules", static_cast<std::int64_t>(plan.governed));
    json.end_object();
}

void write_error(JsonWriter& json, const Error& error) {
    json.begin_object();
    json.member("message", error.message);
    json.key("http_status");
    if (error.http_status != 0) {
        json.integer(error.http_status);
    } else {
        json.null();
    }
    json.member("code", error.api_code);
    json.member("correlation_id", error.correlation_id);
    json.end_object();
}

void write_result(JsonWriter& json, const ActionResult& result) {
    json.begin_object();
    json.member("address", result.address);
    json.member("id", result.id);
    json.member("status", status_text(result.status));
    json.member("version_before", result.version_before);
    json.member("version_after", result.version_after);
    json.member("conflicts", result.conflicts);
    json.member("lost_answers", result.lost_answers);
    json.member("detail", mismatch_text(result));
    json.key("error");
    if (result.error) {
        write_error(json, *result.error);
    } else {
        json.null();
    }
    json.end_object();
}

}  // namespace

std::string encode_plan_output(const Plan& plan) {
    JsonWriter json;
    header(json, "plan");
    write_changes(json, plan);
    write_plan_summary(json, plan);
    json.end_object();
    return json.finish();
}

std::string encode_show_output(const SavedPlan& saved) {
    JsonWriter json;
    header(json, "show");
    json.key("saved");
    json.begin_object();
    json.member("created_at", saved.created_at);
    json.member("dactl_version", saved.dactl_version);
    json.key("org");
    if (saved.org) {
        json.begin_object();
        json.member("id", saved.org->id);
        json.member("name", saved.org->name);
        json.end_object();
    } else {
        json.null();
    }
    json.member("manifests_digest", saved.manifests_digest);
    if (!saved.environment.empty()) {
        json.member("environment", saved.environment);
    }
    json.end_object();
    write_changes(json, saved.plan);
    write_plan_summary(json, saved.plan);
    json.end_object();
    return json.finish();
}

std::string encode_apply_output(const Plan& plan, const ApplyReport& report) {
    JsonWriter json;
    header(json, "apply");
    write_changes(json, plan);
    json.key("results");
    json.begin_array();
    for (const auto& result : report.results) {
        write_result(json, result);
    }
    json.end_array();
    json.key("summary");
    json.begin_object();
    for (ActionStatus status :
         {ActionStatus::applied, ActionStatus::already_applied, ActionStatus::not_converged,
          ActionStatus::changed_since_plan, ActionStatus::failed, ActionStatus::not_attempted}) {
        std::string name(status_text(status));
        std::replace(name.begin(), name.end(), ' ', '_');
        json.member(name, static_cast<std::int64_t>(report.count(status)));
    }
    json.member("unchanged", static_cast<std::int64_t>(plan.unchanged.size()));
    json.end_object();
    json.key("succeeded");
    json.boolean(report.succeeded());
    json.end_object();
    return json.finish();
}

std::string encode_drift_output(const DriftReport& report) {
    JsonWriter json;
    header(json, "drift");
    json.key("has_state");
    json.boolean(report.has_state);
    json.key("secrets_unchecked");
    json.boolean(report.secrets_unchecked);
    json.key("drifted");
    json.begin_array();
    for (const auto& drift : report.drifted) {
        json.begin_object();
        json.member("address", drift.address);
        json.member("id", drift.id);
        json.member("name", drift.name);
        json.member("live_version", drift.live_version);
        json.key("applied_version");
        if (drift.applied_version) {
            json.integer(*drift.applied_version);
        } else {
            json.null();
        }
        json.key("problem");
        if (drift.problem.empty()) {
            json.null();
        } else {
            json.string(drift.problem);
        }
        json.key("fields");
        json.begin_array();
        for (const auto& field : drift.fields) {
            json.begin_object();
            json.member("field", field_key(field.field));
            json.member("kind", drift_kind_key(field.kind));
            json.key("from");
            json.value(field.field, field.from);
            json.key("to");
            json.value(field.field, field.to);
            json.end_object();
        }
        json.end_array();
        write_changed_by(json, drift);
        json.end_object();
    }
    json.end_array();
    json.strings("in_sync", report.in_sync);
    json.strings("targets", report.targets);
    json.key("audit");
    json.begin_object();
    json.key("read");
    json.boolean(report.audited);
    json.key("note");
    report.audit_note.empty() ? json.null() : json.string(report.audit_note);
    json.end_object();
    json.key("summary");
    json.begin_object();
    json.member("drifted", static_cast<std::int64_t>(report.drifted.size()));
    json.member("in_sync", static_cast<std::int64_t>(report.in_sync.size()));
    json.end_object();
    json.end_object();
    return json.finish();
}

namespace {

void write_diagnostics(JsonWriter& json, const Diagnostics& diagnostics) {
    json.key("diagnostics");
    json.begin_array();
    for (const auto& diagnostic : diagnostics.items()) {
        json.begin_object();
        json.member("severity", diagnostic.severity == Severity::error ? "error" : "warning");
        json.member("path", diagnostic.where.path);
        json.member("line", diagnostic.where.line);
        json.member("column", diagnostic.where.column);
        json.member("message", diagnostic.message);
        json.end_object();
    }
    json.end_array();
}

}  // namespace

std::string encode_validate_output(std::size_t actions, std::size_t files,
                                   const Diagnostics& diagnostics,
                                   const std::vector<std::string>& environments) {
    JsonWriter json;
    header(json, "validate");
    json.key("valid");
    json.boolean(true);
    json.member("actions", static_cast<std::int64_t>(actions));
    json.member("files", static_cast<std::int64_t>(files));
    if (!environments.empty()) {
        json.strings("environments", environments);
    }
    write_diagnostics(json, diagnostics);
    json.end_object();
    return json.finish();
}

std::string encode_error_output(const std::string& command, const std::string& error,
                                const Diagnostics& diagnostics) {
    JsonWriter json;
    header(json, command);
    json.member("error", error);
    write_diagnostics(json, diagnostics);
    json.end_object();
    return json.finish();
}

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
    entry.skipped.empty() ? json.null() : json.string(entry.skipped);
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
    entry.skipped.empty() ? json.integer(entry.recommendation.timeout_seconds) : json.null();
    json.key("recommendation_at_least");
    json.boolean(entry.recommendation.at_least);
    json.key("recommendation_floored");
    json.boolean(entry.recommendation.floored);
    json.strings("warnings", entry.recommendation.warnings);
    json.strings("notes", entry.notes);
    json.end_object();
}

std::string encode_probe_output(const ProbeReport& report) {
    JsonWriter json;
    header(json, "probe");
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
