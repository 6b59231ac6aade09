#include "providers/genesys/audit_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/util/time_text.h"

namespace dactl::genesys {

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_response, "the answer " + what);
}

void filter(JsonWriter& json, const char* property, const std::string& value) {
    json.begin_object();
    json.member("property", property);
    json.member("value", value);
    json.end_object();
}

std::vector<std::string> strings_of(const rapidjson::Value& change, const char* name) {
    std::vector<std::string> values;
    const rapidjson::Value* list = member(change, name);
    if (list != nullptr && list->IsArray()) {
        for (const auto& item : list->GetArray()) {
            if (item.IsString()) {
                values.push_back(text_of(item));
            }
        }
    }
    return values;
}

Result<AuditEntry> entry_of(const rapidjson::Value& entity) {
    AuditEntry entry;
    std::optional<std::int64_t> at = parse_instant(text_member(entity, "eventDate"));
    if (!at) {
        const rapidjson::Value* date = member(entity, "eventDate");
        return invalid("has an audit entry whose eventDate is " +
                       (date == nullptr ? std::string("missing") : compact_json(*date)) +
                       ", not an instant such as 2026-12-01T10:00:00Z");
    }
    entry.at_ms = *at;
    entry.action = text_member(entity, "action");
    if (const rapidjson::Value* target = member(entity, "entity")) {
        entry.entity_id = text_member(*target, "id");
    }
    if (const rapidjson::Value* user = member(entity, "user");
        user != nullptr && user->IsObject()) {
        entry.user_id = string_member(*user, "id");
        entry.user_name = string_member(*user, "name");
    }
    if (const rapidjson::Value* client = member(entity, "client")) {
        entry.client_id = text_member(*client, "id");
    }
    if (const rapidjson::Value* changes = member(entity, "propertyChanges");
        changes != nullptr && changes->IsArray()) {
        for (const auto& change : changes->GetArray()) {
            entry.changes.push_back({text_member(change, "property"),
                                     strings_of(change, "oldValues"),
                                     strings_of(change, "newValues")});
        }
    }
    return entry;
}

}  // namespace

std::string encode_audit_query(const AuditQuery& query) {
    JsonWriter json;
    json.begin_object();
    json.member("interval",
                iso_instant(query.interval.start_ms) + "/" + iso_instant(query.interval.end_ms));
    json.member("serviceName", "Integrations");
    json.key("filters");
    json.begin_array();
    filter(json, "EntityType", "Action");
    if (query.entity_id) {
        filter(json, "EntityId", *query.entity_id);
    }
    json.end_array();
    json.key("sort");
    json.begin_array();
    json.begin_object();
    json.member("name", "Timestamp");
    json.member("sortOrder", query.newest_first ? "descending" : "ascending");
    json.end_object();
    json.end_array();
    json.member("pageNumber", std::int64_t{query.page_number});
    json.member("pageSize", std::int64_t{query.page_size});
    json.end_object();
    return json.finish();
}

Result<AuditPage> decode_audit_page(std::string_view json) {
    Result<rapidjson::Document> body = answer_object(json);
    if (!body) {
        return body.error();
    }
    const rapidjson::Value* entities = member(*body, "entities");
    if (entities == nullptr || !entities->IsArray()) {
        return invalid("has no entities array");
    }
    AuditPage page;
    const rapidjson::Value* count = member(*body, "pageCount");
    page.page_count = count != nullptr && count->IsInt() ? count->GetInt() : 1;
    for (const auto& entity : entities->GetArray()) {
        Result<AuditEntry> entry = entry_of(entity);
        if (!entry) {
            return entry.error();
        }
        page.entries.push_back(std::move(*entry));
    }
    return page;
}

Result<std::vector<AuditService>> decode_audit_services(std::string_view json) {
    Result<rapidjson::Document> body = answer_object(json);
    if (!body) {
        return body.error();
    }
    const rapidjson::Value* services = member(*body, "services");
    if (services == nullptr || !services->IsArray()) {
        return invalid("has no services array");
    }
    std::vector<AuditService> out;
    for (const auto& service : services->GetArray()) {
        AuditService read{text_member(service, "name"), {}};
        if (const rapidjson::Value* entities = member(service, "entities");
            entities != nullptr && entities->IsArray()) {
            for (const auto& entity : entities->GetArray()) {
                read.entity_types.push_back(text_member(entity, "name"));
            }
        }
        out.push_back(std::move(read));
    }
    return out;
}

}  // namespace dactl::genesys
