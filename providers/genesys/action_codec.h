#pragma once
// The JSON of data actions: reading `Action` and `ActionEntityListing` answers,
// writing `UpdateActionInput` bodies, and reading `ErrorBody` answers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/live_action.h"
#include "engine/model/org_identity.h"
#include "engine/util/result.h"
#include "providers/genesys/paging.h"
#include "providers/http/transport.h"

namespace dactl::genesys {

/// Reads one `Action`. Fills every member of LiveAction: each Field found at
/// its api_path (absent or null members stay unset), template fields given only
/// as `requestTemplateUri`/`successTemplateUri` in `unloaded`, and `document`
/// as the JSON text received. Fails with ErrorKind::invalid_response, saying
/// what is wrong, on invalid JSON, a non-object, a missing id or version, or a
/// member of the wrong type.
Result<LiveAction> decode_action(std::string_view json);

/// One page of `GET /api/v2/integrations/actions`.
/// How the listing's messages name it.
inline const Listing k_action_listing{"the action list", "actions"};

struct ActionPage {
    std::vector<LiveAction> entities;
    int page_number = 0;  ///< 0 when the answer does not say
    int page_count = 0;
    std::optional<std::int64_t> total;  ///< when the answer says
    bool has_next = false;              ///< a nextUri (not null, not empty) is there
};

/// Reads an `Organization`: its `id` (required) and `name`.
Result<OrgIdentity> decode_organization(std::string_view json);

/// The host of an absolute URL ("https://login.example.com:443/x" -> "login.example.com:443").
std::string host_of(std::string_view url);

/// Reads an `ActionEntityListing`: `entities` and `pageCount` are required,
/// `pageNumber`, `total` and `nextUri` optional; each entity as decode_action reads it
/// (its `document` is its own text within the page). Fails with
/// ErrorKind::invalid_response as decode_action does.
Result<ActionPage> decode_action_page(std::string_view json);

/// The `UpdateActionInput` body writing `changes` over `base`:
/// {"name","category","version","config"} where config is base.document's
/// config with every member kept as received (same order, same bytes), template
/// URIs replaced by the template text from base.fields, and each change written
/// at its api_path (a map replaces the whole object; an unset value removes the
/// member; new members are appended); a field outside the action's document (the
/// function's timeout) is not written. Never contract or secure. Fails with
/// ErrorKind::generic when the document has no config or a template is needed
/// that is still in base.unloaded.
Result<std::string> encode_update(const LiveAction& base, const FieldValues& changes);

/// The Error for a non-2xx answer: the API's message (or, for a non-JSON page
/// from a proxy, its first 200 printable characters, without the tags of an
/// HTML page; with no message at all,
/// `what` and a note), its status, code and correlation id (the
/// ININ-Correlation-Id header, else the body's contextId), and the kind from
/// the status: 409, or a 400 saying the version does not match the current
/// version, is ErrorKind::conflict; 408 ErrorKind::timeout.
Error decode_error(const http::Response& response, std::string_view what);

}  // namespace dactl::genesys
