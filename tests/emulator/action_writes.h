#pragma once
// The handlers that change actions: PATCH, DELETE and POST (create).

#include <string>

#include "tests/emulator/actions_api.h"

namespace dactl::emulator {

/// PATCH .../{id}: UpdateActionInput (see check_update_input), then the conflict switch
/// (the version is bumped as by someone else and 409 answered), then the version check
/// (409 with the vendor's message), then the change: answers the Action with its config.
HttpResponse patch_action(const HttpRequest& request, const std::string& id,
                          const RequestContext& context, ApiServices& services);

/// DELETE .../{id}: 204; 400 for a built-in action; 404 for an unknown one.
HttpResponse delete_action(const std::string& id, ApiServices& services);

/// POST /api/v2/integrations/actions: PostActionInput (category, name, integrationId,
/// config, contract, optional secure) -> the new Action, version 1, id "custom_-_<uuid>".
HttpResponse create_action(const HttpRequest& request, ApiServices& services);

}  // namespace dactl::emulator
