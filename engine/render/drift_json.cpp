#include "engine/json/json_writer.h"
#include "engine/render/drift_render.h"
#include "engine/render/json_output.h"
#include "engine/util/time_text.h"

namespace dactl {

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

}  // namespace

std::string encode_drift_output(const DriftReport& report) {
    JsonWriter json;
    begin_output(json, "drift");
    environment_member(json, report.environment);
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
        json.member("earlier_changes", static_cast<std::int64_t>(drift.earlier_changes));
        json.key("changes_cut_off");
        json.boolean(drift.changes_cut_off);
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

}  // namespace dactl
