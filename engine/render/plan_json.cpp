#include "engine/json/json_writer.h"
#include "engine/render/impact_render.h"
#include "engine/render/json_output.h"
#include "engine/render/plan_render.h"

namespace dactl {

std::string encode_plan_output(const Plan& plan, const FlowImpact* impact) {
    JsonWriter json;
    begin_output(json, "plan");
    write_changes(json, plan);
    write_plan_summary(json, plan);
    if (impact != nullptr) {
        write_flow_impact(json, *impact);
    }
    json.end_object();
    return json.finish();
}

std::string encode_show_output(const SavedPlan& saved, const FlowImpact* impact) {
    JsonWriter json;
    begin_output(json, "show");
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
    environment_member(json, saved.environment);
    json.end_object();
    write_changes(json, saved.plan);
    write_plan_summary(json, saved.plan);
    if (impact != nullptr) {
        write_flow_impact(json, *impact);
    }
    json.end_object();
    return json.finish();
}

}  // namespace dactl
