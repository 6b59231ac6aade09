#include "engine/json/json_writer.h"
#include "engine/render/env_diff_render.h"
#include "engine/render/json_output.h"

namespace dactl {

namespace {

std::string judgement_key(Judgement judgement) {
    switch (judgement) {
        case Judgement::intended:
            return "intended";
        case Judgement::pending:
            return "not_applied";
        case Judgement::unintended:
            break;
    }
    return "unintended";
}

std::string standing_key(Standing standing) {
    switch (standing) {
        case Standing::hand_edit:
            return "changed_outside";
        case Standing::not_applied:
            return "not_applied";
        case Standing::as_declared:
            break;
    }
    return "as_declared";
}

}  // namespace

std::string encode_env_diff_output(const EnvironmentDiff& diff) {
    JsonWriter json;
    begin_output(json, "diff-env");
    json.strings("environments", {diff.first, diff.second});
    json.key("actions");
    json.begin_array();
    for (const auto& action : diff.actions) {
        json.begin_object();
        json.member("address", action.address);
        json.member("name", action.name);
        json.key("ids");
        json.begin_object();
        json.key(diff.first);
        action.first_id.empty() ? json.null() : json.string(action.first_id);
        json.key(diff.second);
        action.second_id.empty() ? json.null() : json.string(action.second_id);
        json.end_object();
        std::vector<std::string> missing;
        if (action.first_id.empty()) {
            missing.push_back(diff.first);
        }
        if (action.second_id.empty()) {
            missing.push_back(diff.second);
        }
        json.strings("missing_in", missing);
        json.key("differences");
        json.begin_array();
        for (const auto& field : action.fields) {
            json.begin_object();
            json.member("field", field_key(field.field));
            json.key(diff.first);
            json.value(field.field, field.first);
            json.key(diff.second);
            json.value(field.field, field.second);
            json.key("intended");
            json.boolean(field.judgement == Judgement::intended);
            json.member("judgement", judgement_key(field.judgement));
            json.key("declared");
            json.begin_object();
            json.key(diff.first);
            json.value(field.field, field.first_declared);
            json.key(diff.second);
            json.value(field.field, field.second_declared);
            json.end_object();
            json.key("standing");
            json.begin_object();
            json.member(diff.first, standing_key(field.first_standing));
            json.member(diff.second, standing_key(field.second_standing));
            json.end_object();
            json.end_object();
        }
        json.end_array();
        std::vector<std::string> keys;
        for (Field field : action.not_applied) {
            keys.emplace_back(field_key(field));
        }
        json.strings("not_applied", keys);
        json.end_object();
    }
    json.end_array();
    json.key("summary");
    json.begin_object();
    json.member("compared", static_cast<std::int64_t>(diff.compared));
    json.member("intended", static_cast<std::int64_t>(diff.count(Judgement::intended)));
    json.member("not_applied", static_cast<std::int64_t>(diff.count(Judgement::pending)));
    json.member("unintended", static_cast<std::int64_t>(diff.unintended_count()));
    json.end_object();
    json.end_object();
    return json.finish();
}

}  // namespace dactl
