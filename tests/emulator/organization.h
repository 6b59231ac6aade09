#pragma once
// GET /api/v2/organizations/me: which org the token belongs to.

#include <string>
#include <string_view>

#include "tests/emulator/http_types.h"
#include "tests/emulator/settings.h"
#include "tests/emulator/switches.h"

namespace dactl::emulator {

/// The emulated org's identity (--org-id, --org-name).
struct OrgIdentity {
    std::string id = "5e1d0c7a-3f2b-4e6d-9a8c-1b2d3e4f5a6b";
    std::string name = "Emulated Org";
};

inline constexpr std::string_view k_limits_prefix = "/api/v2/organizations/limits/namespaces/";

/// GET /api/v2/organizations/limits/namespaces/{namespace}: LimitsEntityListing
/// {entities: [Limit {key, namespace, value}]}. For "integrations" the data action
/// limits (actions.concurrent.executions.max at concurrentExecutionsMax,
/// actions.integration.max, actions.total.max, requests.volume.max 2500), without
/// the first while orgLimits is "absent"; 403 while "forbidden"; other namespaces
/// none.
HttpResponse handle_org_limits(const HttpRequest& request, const Settings& settings);

/// True for the path handle_organization serves.
bool is_organization_path(const std::string& path);

/// GET: 200 `Organization {id, name, domain, state, selfUri}`; 403
/// "missing.permissions" while the orgMeForbidden switch is on (whether a client
/// credentials grant may read it is unconfirmed); 405 for other methods.
HttpResponse handle_organization(const HttpRequest& request, const OrgIdentity& identity,
                                 const Switches& switches);

}  // namespace dactl::emulator
