#pragma once
// The org's audit trail as dactl reads it (POST /api/v2/audits/query/realtime):
// who changed which action, when, and what.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/execution_stats.h"

namespace dactl {

/// One changed property, as the audit trail names it ("config.timeoutSeconds",
/// or another form: shown as given) with its values as strings.
struct PropertyChange {
    std::string property;
    std::vector<std::string> old_values;
    std::vector<std::string> new_values;

    bool operator==(const PropertyChange&) const = default;
};

struct AuditEntry {
    std::int64_t at_ms = 0;  ///< eventDate
    std::string entity_id;
    std::string action;                  ///< "Update", as logged
    std::optional<std::string> user_id;  ///< who, when a user acted
    std::optional<std::string> user_name;
    std::string client_id;  ///< the OAuth client it came through
    std::vector<PropertyChange> changes;

    bool operator==(const AuditEntry&) const = default;
};

/// A change of a drifted action, from the audit trail; `by_dactl` when it came
/// through the OAuth client dactl runs as.
struct Attribution {
    AuditEntry entry;
    bool by_dactl = false;

    bool operator==(const Attribution&) const = default;
};

/// One page of entries about actions (service Integrations, entity type Action).
struct AuditQuery {
    TimeWindow interval;
    std::optional<std::string> entity_id;  ///< only this action's entries
    int page_number = 1;
    int page_size = 500;
    bool newest_first = true;  ///< sorted by Timestamp descending, else ascending
};

struct AuditPage {
    std::vector<AuditEntry> entries;
    int page_count = 0;
};

/// A service of the audit trail and the entity types it logs.
struct AuditService {
    std::string name;
    std::vector<std::string> entity_types;
};

}  // namespace dactl
