#pragma once
// Drafts: .../{id}/draft and below, the only way to change an action's contract
// or secure flag: create, read, PATCH, delete, validate, test and publish.

#include <string>
#include <vector>

#include "tests/emulator/actions_api.h"

namespace dactl::emulator {

/// Answers a request whose path below the actions collection is `segments`
/// ({id, "draft", ...}):
///   POST .../draft        a draft copied from the action (version 1); 409 if one exists,
///                         400 for a built-in action
///   GET .../draft         the draft (includeConfig, expand=contract); 404 without one
///   PATCH .../draft       UpdateDraftInput at the draft's version (409 when stale)
///   DELETE .../draft      204
///   POST .../draft/publish {"version": n}: the action takes the draft's name, category,
///                         config, contract and secure, its version + 1; the draft is gone
///   GET .../draft/validation {"valid": true, "errors": []}
///   POST .../draft/test   a test run with the draft's config
///   GET .../draft/templates/{file}
HttpResponse handle_draft(const HttpRequest& request, const std::vector<std::string>& segments,
                          const RequestContext& context, ApiServices& services);

}  // namespace dactl::emulator
