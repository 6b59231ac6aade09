#include "engine/render/json_output.h"

#include "engine/json/json_writer.h"
#include "engine/plan/plan_codec.h"

namespace dactl {

void begin_output(JsonWriter& json, std::string_view command) {
    json.begin_object();
    json.member("format_version", k_output_format_version);
    json.member("command", command);
}

void environment_member(JsonWriter& json, const std::string& environment) {
    if (!environment.empty()) {
        json.member("environment", environment);
    }
}

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

void write_changes(JsonWriter& json, const Plan& plan) {
    if (!plan.environment.empty()) {
        json.member("environment", plan.environment);
    }
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

}  // namespace dactl
