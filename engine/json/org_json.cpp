#include "engine/json/org_json.h"

#include "engine/json/json_reader.h"

namespace dactl {

void write_org(JsonWriter& json, const std::optional<OrgIdentity>& org) {
    if (!org) {
        return;
    }
    json.key("org");
    json.begin_object();
    json.member("id", org->id);
    json.member("name", org->name);
    json.end_object();
}

Result<std::optional<OrgIdentity>> read_org(const rapidjson::Value& document) {
    const rapidjson::Value* org = member(document, "org");
    if (org == nullptr) {
        return std::optional<OrgIdentity>();
    }
    std::optional<std::string> id = string_member(*org, "id");
    if (!id) {
        return make_error(ErrorKind::invalid_input, "\"org\" lacks a string id");
    }
    return std::optional<OrgIdentity>(OrgIdentity{*id, text_member(*org, "name")});
}

}  // namespace dactl
