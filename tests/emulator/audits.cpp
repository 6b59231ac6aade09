#include "tests/emulator/audits.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "tests/emulator/analytics_api.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/json_codec.h"
#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

namespace {

constexpr std::int64_t k_realtime_days_ms = 14LL * 86'400'000;
constexpr int k_largest_page = 500;

// Every leaf under `value` as path -> text.
void flatten(const Json& value, const std::string& path, std::map<std::string, std::string>& out) {
    if (value.is_object()) {
        for (const auto& [name, member] : value.as_object()) {
            flatten(member, path.empty() ? name : path + "." + name, out);
        }
        return;
    }
    out[path] = value.is_string() ? value.as_string() : write_json(value);
}

std::map<std::string, std::string> leaves(const Json& action) {
    std::map<std::string, std::string> out;
    for (const char* member : {"name", "category", "config"}) {
        if (const Json* value = action.find(member)) {
            flatten(*value, member, out);
        }
    }
    return out;
}

Json values(const std::map<std::string, std::string>& leaves, const std::string& path) {
    auto found = leaves.find(path);
    return found == leaves.end() ? Json::array() : Json(Json::Array{found->second});
}

Error invalid(const std::string& message) {
    return api_error(400, "invalid.value", message);
}

struct AuditFilter {
    std::string property;
    std::string value;
};

struct Query {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::optional<std::string> service;
    std::vector<AuditFilter> filters;
    bool descending = false;
    int page_number = 1;
    int page_size = 25;
};

std::string filter_value(const AuditRecord& record, const std::string& property) {
    if (property == "EntityType") {
        return "Action";
    }
    if (property == "EntityId") {
        return record.entity_id;
    }
    if (property == "Action") {
        return record.action;
    }
    if (property == "UserId") {
        return record.actor.user ? record.actor.user->id : "";
    }
    return record.actor.client_id;  // ClientId
}

Status read_filters(const Json& body, Query& query) {
    const Json* filters = body.find("filters");
    if (filters == nullptr) {
        return {};
    }
    if (!filters->is_array()) {
        return invalid("filters must be an array of {property, value}");
    }
    for (const Json& filter : filters->as_array()) {
        const std::string property = filter.string_or("property", "");
        if (property != "EntityType" && property != "EntityId" && property != "Action" &&
            property != "UserId" && property != "ClientId") {
            return invalid("filter property \"" + property +
                           "\" is not one of UserId, ClientId, Action, EntityType, EntityId");
        }
        query.filters.push_back({property, filter.string_or("value", "")});
    }
    return {};
}

Result<Query> read_query(const Json& body) {
    Query query;
    const std::string interval = body.string_or("interval", "");
    const auto window = parse_interval(interval);
    if (!window) {
        return invalid(
            "interval is required: START/END, ISO-8601 instants in UTC, START before "
            "END; got \"" +
            interval + "\"");
    }
    query.start = window->first;
    query.end = window->second;
    if (const Json* service = body.find("serviceName");
        service != nullptr && service->is_string()) {
        query.service = service->as_string();
    }
    if (Status filters = read_filters(body, query); !filters) {
        return filters.error();
    }
    if (const Json* sort = body.find("sort"); sort != nullptr && sort->is_array()) {
        for (const Json& order : sort->as_array()) {
            query.descending = order.string_or("sortOrder", "ascending") == "descending";
        }
    }
    for (auto [name, target] :
         {std::pair{"pageNumber", &query.page_number}, std::pair{"pageSize", &query.page_size}}) {
        if (const Json* value = body.find(name)) {
            const std::int64_t high =
                std::string_view(name) == "pageSize" ? k_largest_page : 100000;
            if (!value->is_integer() || value->as_integer() < 1 || value->as_integer() > high) {
                return invalid(std::string(name) + " must be an integer from 1 to " +
                               std::to_string(high));
            }
            *target = static_cast<int>(value->as_integer());
        }
    }
    return query;
}

Json entity_of(const AuditRecord& record, bool expand_user, bool dotted) {
    Json entry = Json::object();
    entry.set("id", record.id);
    if (record.actor.user) {
        Json user = Json::object();
        user.set("id", record.actor.user->id);
        if (expand_user) {
            user.set("name", record.actor.user->name);
        }
        user.set("selfUri", "/api/v2/users/" + record.actor.user->id);
        entry.set("user", std::move(user));
    }
    Json client = Json::object();
    client.set("id", record.actor.client_id);
    client.set("selfUri", "/api/v2/oauth/clients/" + record.actor.client_id);
    entry.set("client", std::move(client));
    entry.set("remoteIp", Json(Json::Array{"127.0.0.1"}));
    entry.set("serviceName", "Integrations");
    entry.set("level", "USER");
    entry.set("status", "SUCCESS");
    entry.set("eventDate", format_instant(record.at_ms));
    entry.set("action", record.action);
    Json entity = Json::object();
    entity.set("id", record.entity_id);
    entity.set("name", record.entity_name);
    entity.set("selfUri", "/api/v2/integrations/actions/" + record.entity_id);
    entry.set("entity", std::move(entity));
    entry.set("entityType", "Action");
    entry.set("propertyChanges", property_changes(record.before, record.after, dotted));
    return entry;
}

}  // namespace

void AuditLog::add(AuditRecord record) {
    std::lock_guard lock(m_mutex);
    char id[40];
    std::snprintf(id, sizeof id, "a0d17000-0000-4000-8000-%012zu", m_records.size() + 1);
    record.id = id;
    m_records.push_back(std::move(record));
}

std::vector<AuditRecord> AuditLog::all() const {
    std::lock_guard lock(m_mutex);
    return m_records;
}

Json property_changes(const Json& before, const Json& after, bool dotted) {
    const std::map<std::string, std::string> old_leaves = leaves(before);
    const std::map<std::string, std::string> new_leaves = leaves(after);
    std::vector<std::string> paths;
    for (const auto& [path, value] : old_leaves) {
        auto found = new_leaves.find(path);
        if (found == new_leaves.end() || found->second != value) {
            paths.push_back(path);
        }
    }
    for (const auto& [path, value] : new_leaves) {
        if (old_leaves.count(path) == 0) {
            paths.push_back(path);
        }
    }
    std::sort(paths.begin(), paths.end());
    Json::Array changes;
    for (const std::string& path : paths) {
        Json change = Json::object();
        change.set("property", dotted ? path : path.substr(path.rfind('.') + 1));
        change.set("oldValues", values(old_leaves, path));
        change.set("newValues", values(new_leaves, path));
        changes.push_back(std::move(change));
    }
    return Json(std::move(changes));
}

HttpResponse handle_audit_query(const HttpRequest& request, const AuditLog& log,
                                const Settings& settings) {
    if (request.method != "POST") {
        return method_not_allowed(request, "POST");
    }
    if (settings.audits_forbidden) {
        return HttpResponse::failure(
            api_error(403, "missing.permissions",
                      "Unable to perform the requested action. You are missing the following "
                      "permission(s): audits:audit:view"));
    }
    Result<Json> body = parse_json_body(request);
    if (!body || !body->is_object()) {
        return HttpResponse::failure(
            body ? api_error(400, "bad.request", "The query must be a JSON object") : body.error());
    }
    Result<Query> query = read_query(*body);
    if (!query) {
        return HttpResponse::failure(query.error());
    }
    const std::optional<std::string> expand = find_parameter(parse_query(request.query), "expand");
    const std::int64_t oldest = now_ms() - k_realtime_days_ms;
    std::vector<AuditRecord> matched;
    for (const AuditRecord& record : log.all()) {
        const bool in_window =
            record.at_ms >= std::max(query->start, oldest) && record.at_ms < query->end;
        const bool service = !query->service || *query->service == "Integrations";
        const bool filtered = std::all_of(
            query->filters.begin(), query->filters.end(), [&](const AuditFilter& filter) {
                return filter_value(record, filter.property) == filter.value;
            });
        if (in_window && service && filtered) {
            matched.push_back(record);
        }
    }
    std::stable_sort(matched.begin(), matched.end(),
                     [](const AuditRecord& a, const AuditRecord& b) { return a.at_ms < b.at_ms; });
    if (query->descending) {  // newest first, the later of two in the same millisecond first
        std::reverse(matched.begin(), matched.end());
    }
    const auto total = static_cast<std::int64_t>(matched.size());
    const std::int64_t page_count = (total + query->page_size - 1) / query->page_size;
    Json::Array entities;
    const std::int64_t first = std::int64_t{query->page_number - 1} * query->page_size;
    for (std::int64_t i = first; i < std::min<std::int64_t>(total, first + query->page_size); ++i) {
        entities.push_back(entity_of(matched[static_cast<std::size_t>(i)], expand == "user",
                                     settings.audit_dotted_properties));
    }
    Json answer = Json::object();
    answer.set("entities", Json(std::move(entities)));
    answer.set("pageSize", query->page_size);
    answer.set("pageNumber", query->page_number);
    answer.set("total", total);
    answer.set("pageCount", page_count);
    return HttpResponse::json(200, answer);
}

HttpResponse handle_audit_mapping(const HttpRequest& request, const Settings& settings) {
    if (request.method != "GET") {
        return method_not_allowed(request, "GET");
    }
    auto service = [](const char* name, std::vector<const char*> entities) {
        Json::Array list;
        for (const char* entity : entities) {
            Json item = Json::object();
            item.set("name", entity);
            item.set("actions", Json(Json::Array{"Create", "Update", "Delete"}));
            list.push_back(std::move(item));
        }
        Json json = Json::object();
        json.set("name", name);
        json.set("entities", Json(std::move(list)));
        return json;
    };
    Json::Array services{service("Architect", {"Flow"}), service("Directory", {"User"})};
    if (settings.audit_service_mapped) {
        services.push_back(service("Integrations", {"Action", "ActionDraft", "Integration"}));
    }
    Json answer = Json::object();
    answer.set("services", Json(std::move(services)));
    return HttpResponse::json(200, answer);
}

}  // namespace dactl::emulator
