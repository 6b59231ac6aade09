#include "tests/emulator/dependencies.h"

#include "tests/emulator/error_body.h"
#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

namespace {

constexpr int k_default_page_size = 25;
constexpr int k_max_page_size = 100;  // the service's maximum is unconfirmed

HttpResponse forbidden() {
    return HttpResponse::failure(api_error(
        403, "missing.permissions",
        "Unable to perform the requested action. You are missing the following permission(s): "
        "architect:dependencyTracking:view"));
}

// The query of a consumingresources request; an Error for a bad one.
struct ConsumingQuery {
    std::string id;
    std::string object_type;
    bool published_only = false;
    int page_size = k_default_page_size;
    int page_number = 1;
};

Result<ConsumingQuery> read_query(const std::string& text) {
    const QueryParameters parameters = parse_query(text);
    ConsumingQuery query;
    query.id = find_parameter(parameters, "id").value_or("");
    query.object_type = find_parameter(parameters, "objectType").value_or("");
    const std::string filter = find_parameter(parameters, "flowFilter").value_or("");
    if (filter != "" && filter != "published" && filter != "checkedIn") {
        return invalid_query_parameter("flowFilter", filter, "published or checkedIn");
    }
    query.published_only = filter == "published";
    if (std::optional<std::string> size = find_parameter(parameters, "pageSize")) {
        std::optional<int> number = parse_int(*size);
        if (!number || *number < 1 || *number > k_max_page_size) {
            return invalid_query_parameter("pageSize", *size, "an integer from 1 to 100");
        }
        query.page_size = *number;
    }
    if (std::optional<std::string> page = find_parameter(parameters, "pageNumber")) {
        std::optional<int> number = parse_int(*page);
        if (!number || *number < 1) {
            return invalid_query_parameter("pageNumber", *page, "an integer of at least 1");
        }
        query.page_number = *number;
    }
    if (query.object_type != "DATAACTION" && query.object_type != "SECUREACTION") {
        return api_error(
            400, "architect.dependency.object.invalid.type",
            "The object type '" + query.object_type + "' is not valid for this request");
    }
    return query;
}

Json dependency(const FlowSpec& flow) {
    Json entity = Json::object();
    entity.set("id", flow.id);
    entity.set("name", flow.name);
    entity.set("version", flow.version);
    entity.set("type", flow.type);
    entity.set("deleted", false);
    entity.set("updated", false);
    entity.set("stateUnknown", false);
    entity.set("selfUri", "/api/v2/flows/" + flow.id);
    return entity;
}

}  // namespace

HttpResponse handle_consuming_resources(const HttpRequest& request, const Org& org,
                                        const Settings& settings) {
    if (request.method != "GET") {
        return method_not_allowed(request, "GET");
    }
    if (settings.dependency_tracking == "forbidden") {
        return forbidden();
    }
    Result<ConsumingQuery> query = read_query(request.query);
    if (!query) {
        return HttpResponse::failure(query.error());
    }
    std::optional<ActionEntry> action = org.find(query->id);
    if (!action) {
        return HttpResponse::failure(
            api_error(404, "architect.dependency.object.not.found",
                      "No object with the id '" + query->id + "' was found"));
    }
    const Json* secure_member = action->action.find("secure");
    const bool secure =
        secure_member != nullptr && secure_member->is_bool() && secure_member->as_bool();
    std::vector<FlowSpec> flows;
    if (secure == (query->object_type == "SECUREACTION")) {
        for (const FlowSpec& flow : action->traits.flows) {
            if (flow.published || !query->published_only) {
                flows.push_back(flow);
            }
        }
    }
    const int total = static_cast<int>(flows.size());
    Json entities = Json::array();
    const std::size_t first = static_cast<std::size_t>(query->page_number - 1) *
                              static_cast<std::size_t>(query->page_size);
    for (std::size_t i = first;
         i < flows.size() && i < first + static_cast<std::size_t>(query->page_size); ++i) {
        entities.as_array().push_back(dependency(flows[i]));
    }
    Json listing = Json::object();
    listing.set("entities", std::move(entities));
    listing.set("pageSize", query->page_size);
    listing.set("pageNumber", query->page_number);
    listing.set("total", total);
    listing.set("pageCount", (total + query->page_size - 1) / query->page_size);
    return HttpResponse::json(settings.dependency_tracking == "rebuilding" ? 206 : 200, listing);
}

HttpResponse handle_dependency_build(const HttpRequest& request, const Settings& settings) {
    if (request.method != "GET") {
        return method_not_allowed(request, "GET");
    }
    if (settings.dependency_tracking == "forbidden") {
        return forbidden();
    }
    Json status = Json::object();
    status.set("id", "dependency-status");
    status.set("status",
               settings.dependency_tracking == "rebuilding" ? "BUILDINPROGRESS" : "OPERATIONAL");
    return HttpResponse::json(200, status);
}

}  // namespace dactl::emulator
