#pragma once
// The "org" member saved plans and state files share: {"id", "name"}.

#include <optional>

#include <rapidjson/document.h>

#include "engine/json/json_writer.h"
#include "engine/model/org_identity.h"

namespace dactl {

/// Writes "org": {"id", "name"} when `org` is known.
void write_org(JsonWriter& json, const std::optional<OrgIdentity>& org);

/// Reads the "org" member of `document`: nothing when absent; fails
/// (ErrorKind::invalid_input) when it is not an object with a string id.
Result<std::optional<OrgIdentity>> read_org(const rapidjson::Value& document);

}  // namespace dactl
