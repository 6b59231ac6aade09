#pragma once
// The audit trail's bodies: AuditRealtimeQueryRequest, its answer, and the
// service mapping.

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/audit.h"
#include "engine/util/result.h"

namespace dactl::genesys {

/// The query: the interval, service Integrations, filters EntityType Action
/// (and EntityId when given), oldest first, the page.
std::string encode_audit_query(const AuditQuery& query);

/// The entries of an answer ({entities, pageCount, ...}) and its page count.
/// An entry without a user has no user_id; values are kept as given. Fails
/// with ErrorKind::invalid_response naming what is wrong.
Result<AuditPage> decode_audit_page(std::string_view json);

/// The services of GET .../servicemapping.
Result<std::vector<AuditService>> decode_audit_services(std::string_view json);

}  // namespace dactl::genesys
