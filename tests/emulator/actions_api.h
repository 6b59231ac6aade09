#pragma once
// The handlers of /api/v2/integrations/actions and below (already authenticated).

#include <string>

#include "tests/emulator/audits.h"
#include "tests/emulator/clock.h"
#include "tests/emulator/executions.h"
#include "tests/emulator/http_types.h"
#include "tests/emulator/org.h"
#include "tests/emulator/randomness.h"
#include "tests/emulator/switches.h"

namespace dactl::emulator {

/// What the handlers work on.
struct ApiServices {
    Org& org;
    Switches& switches;
    Randomness& randomness;
    ExecutionLog& executions;  ///< every execute call is recorded here
    AuditLog& audits;          ///< every change through the API is recorded here
    std::string client_id;     ///< the OAuth client the API's callers log in as
};

/// How a GET shows an action: includeConfig (default false; not true/false: 400
/// "invalid.query.param.value"), expand=contract, and the templates switch.
Result<Presentation> presentation_for(const HttpRequest& request, const Switches& switches);

/// How the answer to a write (PATCH, POST, drafts) shows the action: config
/// and contract included, templates as the switch says.
Presentation full_presentation(const Switches& switches);

/// True for the paths handle_actions_api serves.
bool is_actions_path(const std::string& path);

/// Answers a request under /api/v2/integrations/actions: the list (GET) and create
/// (POST); one action (GET, PATCH, DELETE; 405 for PUT and POST); its templates (GET);
/// test and execute (POST; an execute is recorded in the analytics). 404 for an unknown action or
/// path.
HttpResponse handle_actions_api(const HttpRequest& request, const RequestContext& context,
                                ApiServices& services);

}  // namespace dactl::emulator
