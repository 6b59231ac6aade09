#pragma once
// The audit trail (POST /api/v2/audits/query/realtime and GET .../servicemapping,
// ../shared/docs/genesys-analytics-audits.md section 2): every change of an
// action through the API (by the OAuth client, no user) and through the admin
// API (by a user, as a person in the admin UI) is recorded.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/emulator/http_types.h"
#include "tests/emulator/json_value.h"
#include "tests/emulator/settings.h"

namespace dactl::emulator {

inline constexpr std::string_view k_audit_query_path = "/api/v2/audits/query/realtime";
inline constexpr std::string_view k_audit_mapping_path =
    "/api/v2/audits/query/realtime/servicemapping";

/// The user the admin API edits as when the request names none.
inline constexpr std::string_view k_default_admin_id = "5f2e8c1a-0d3b-4e6f-9a7c-1b2d3e4f5a6b";
inline constexpr std::string_view k_default_admin_name = "Emulator Admin";

struct AuditUser {
    std::string id;
    std::string name;
};

/// Who made a change: a user (through the admin UI, with the UI's client) or
/// an OAuth client alone.
struct AuditActor {
    std::optional<AuditUser> user;
    std::string client_id;
};

struct AuditRecord {
    std::string id;  ///< set by AuditLog::add
    std::int64_t at_ms = 0;
    AuditActor actor;
    std::string action;  ///< "Update"
    std::string entity_id;
    std::string entity_name;
    Json before;  ///< the action before the change
    Json after;   ///< and after it
};

/// Every change recorded so far; safe to share between threads.
class AuditLog {
public:
    /// Records a change, giving it the next id.
    void add(AuditRecord record);
    std::vector<AuditRecord> all() const;

private:
    mutable std::mutex m_mutex;
    std::vector<AuditRecord> m_records;
};

/// The propertyChanges of a change: every leaf of name, category and config
/// that differs, as {property, oldValues, newValues} (strings as they are,
/// other values as JSON text; an absent value as no entry). `dotted`: the
/// property is its API path ("config.timeoutSeconds"), else its last name
/// ("timeoutSeconds").
Json property_changes(const Json& before, const Json& after, bool dotted);

/// POST .../realtime: 403 while auditsForbidden; the body's interval (START/END,
/// required), serviceName, filters [{property, value}] on EntityType, EntityId,
/// Action, UserId, ClientId (400 for others), sort [{name: Timestamp,
/// sortOrder}], pageNumber, pageSize (1-500, default 25); entries older than 14
/// days are not served; `expand=user` fills the users' names. Answers
/// {entities, pageSize, pageNumber, total, pageCount}.
HttpResponse handle_audit_query(const HttpRequest& request, const AuditLog& log,
                                const Settings& settings);

/// GET .../servicemapping: the services and their entity types; Integrations
/// (Action, ActionDraft, Integration) left out while auditServiceMapped is off.
HttpResponse handle_audit_mapping(const HttpRequest& request, const Settings& settings);

}  // namespace dactl::emulator
