#include <algorithm>

#include "engine/json/json_writer.h"
#include "engine/render/apply_render.h"
#include "engine/render/json_output.h"

namespace dactl {

namespace {

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

std::string encode_apply_output(const Plan& plan, const ApplyReport& report) {
    JsonWriter json;
    begin_output(json, "apply");
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

}  // namespace dactl
