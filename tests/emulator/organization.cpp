#include "tests/emulator/organization.h"

#include "tests/emulator/error_body.h"
#include "tests/emulator/json_codec.h"

namespace dactl::emulator {

namespace {

constexpr std::string_view k_path = "/api/v2/organizations/me";

}  // namespace

bool is_organization_path(const std::string& path) {
    return path == k_path;
}

HttpResponse handle_org_limits(const HttpRequest& request, const Settings& settings) {
    if (request.method != "GET") {
        return method_not_allowed(request, "GET");
    }
    if (settings.org_limits == "forbidden") {
        return HttpResponse::failure(
            api_error(403, "missing.permissions",
                      "Unable to perform the requested action. You are missing the following "
                      "permission(s): limits:limit:view"));
    }
    const std::string name = request.path.substr(k_limits_prefix.size());
    Json entities = Json::array();
    auto add = [&](const std::string& key, int value) {
        Json limit = Json::object();
        limit.set("key", key);
        limit.set("namespace", name);
        limit.set("value", value);
        entities.as_array().push_back(std::move(limit));
    };
    if (name == "integrations") {
        if (settings.org_limits == "present") {
            add("actions.concurrent.executions.max", settings.concurrent_executions_max);
        }
        add("actions.integration.max", 1000);
        add("actions.total.max", 5000);
        add("requests.volume.max", 2500);
    }
    Json listing = Json::object();
    listing.set("entities", std::move(entities));
    return HttpResponse::json(200, listing);
}

HttpResponse handle_organization(const HttpRequest& request, const OrgIdentity& identity,
                                 const Switches& switches) {
    if (request.method != "GET") {
        return method_not_allowed(request, "GET");
    }
    if (switches.settings().org_me_forbidden) {
        return HttpResponse::failure(
            api_error(403, "missing.permissions",
                      "Unable to perform the requested action. You are missing the following "
                      "permission(s): directory:organization:view"));
    }
    Json org = Json::object();
    org.set("id", identity.id);
    org.set("name", identity.name);
    org.set("domain", "emulated");
    org.set("state", "active");
    org.set("selfUri", std::string(k_path));
    return HttpResponse::json(200, org);
}

}  // namespace dactl::emulator
