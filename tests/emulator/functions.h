#pragma once
// Function data actions: the integrations listing that tells them apart (type
// "function-data-actions"), the published function of an action
// (GET .../{id}/function) and its draft's (GET/PUT .../{id}/draft/function),
// checked as the vendor's Function model says (timeoutSeconds 1-15).

#include <optional>
#include <string>
#include <string_view>

#include "tests/emulator/action_shape.h"
#include "tests/emulator/actions_api.h"
#include "tests/emulator/http_types.h"
#include "tests/emulator/settings.h"

namespace dactl::emulator {

inline constexpr std::string_view k_integrations_path = "/api/v2/integrations";
inline constexpr std::string_view k_function_type = "function-data-actions";
inline constexpr std::string_view k_rest_type = "custom-rest-actions";

/// A Function as the API takes it: description (required, at most 255
/// characters), handler and runtime (required), timeoutSeconds (1-15; absent:
/// 15), zipId; id, name and dateCreated are kept. The checked function with
/// timeoutSeconds filled in, or 400 "bad.request" naming the problem.
Result<Json> check_function(const Json& function);

/// GET /api/v2/integrations?pageSize=&pageNumber=: one integration per
/// integrationId the actions use, {id, name, integrationType: {id}}, of type
/// function-data-actions when its actions run a function.
HttpResponse handle_integrations(const HttpRequest& request, const RequestContext& context,
                                 ApiServices& services);

/// GET .../{id}/function (`draft` false) or GET/PUT .../{id}/draft/function.
HttpResponse handle_function(const HttpRequest& request, const std::string& id, bool draft,
                             ApiServices& services);

/// The seconds a run of the action may take: config.timeoutSeconds (unset: 60)
/// and, for a function action, at most its function's timeoutSeconds.
std::int64_t effective_timeout(const ActionEntry& entry);

/// With the switch functionTimeouts = "refuse-over-15", a config.timeoutSeconds
/// above 15 in `config` for a function action is 400; else nothing to refuse.
Status check_function_timeout(const ActionEntry& entry, const Json* config,
                              const Settings& settings);

}  // namespace dactl::emulator
