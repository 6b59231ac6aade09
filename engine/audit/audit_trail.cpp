#include "engine/audit/audit_trail.h"

#include <algorithm>

#include "engine/model/secrets.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

constexpr int k_audit_page_size = 500;
constexpr int k_most_audit_pages = 20;               ///< 10,000 entries: more is not a drift report
constexpr std::int64_t k_own_write_slack_ms = 2000;  ///< applied_at has whole seconds

constexpr const char* k_cannot_say = ", so drift cannot say who changed what";

std::string unavailable(const Error& error) {
    if (error.kind == ErrorKind::forbidden) {
        return std::string(
                   "the OAuth client may not read the audit trail (HTTP 403: it needs the "
                   "permission audits:audit:view and the scope audits or "
                   "audits:readonly)") +
               k_cannot_say;
    }
    std::string text = "reading the audit trail failed (";
    text += error.describe();
    text += ")";
    return text + k_cannot_say;
}

bool offers_actions(const std::vector<AuditService>& services) {
    return std::any_of(services.begin(), services.end(), [](const AuditService& service) {
        return service.name == "Integrations" &&
               std::find(service.entity_types.begin(), service.entity_types.end(), "Action") !=
                   service.entity_types.end();
    });
}

std::optional<std::int64_t> applied_ms(const std::optional<State>& state,
                                       const std::string& address) {
    const StateAction* entry = state ? state->find(address) : nullptr;
    return entry != nullptr ? parse_instant(entry->applied_at) : std::nullopt;
}

bool changed_outside(const ActionDrift& drift) {
    return drift.problem.empty() &&
           std::any_of(drift.fields.begin(), drift.fields.end(), [](const FieldDrift& field) {
               return field.kind == DriftKind::changed_outside;
           });
}

AuditEntry masked_entry(AuditEntry entry) {
    for (PropertyChange& change : entry.changes) {
        const std::string last = change.property.substr(change.property.rfind('.') + 1);
        for (auto* values : {&change.old_values, &change.new_values}) {
            for (std::string& value : *values) {
                if (is_secret_entry(Field::request_headers, last, value)) {
                    value = std::string(k_masked_value);
                }
            }
        }
    }
    return entry;
}

}  // namespace

AuditTrail read_audit_trail(AuditLog& provider, const TimeWindow& window,
                            const std::vector<std::string>& ids, std::int64_t now_ms) {
    AuditTrail trail;
    ++trail.requests;
    Result<std::vector<AuditService>> services = provider.audit_services();
    if (!services) {
        trail.note = unavailable(services.error());
        return trail;
    }
    if (!offers_actions(*services)) {
        trail.note = std::string(
                         "the audit trail offers no service Integrations with the entity type "
                         "Action (GET /api/v2/audits/query/realtime/servicemapping)") +
                     k_cannot_say;
        return trail;
    }
    AuditQuery query;
    query.interval = {std::max(window.start_ms, now_ms - k_audit_days_ms), window.end_ms};
    if (window.start_ms < query.interval.start_ms) {
        trail.note = "the audit trail keeps 14 days: changes before " +
                     utc_timestamp(query.interval.start_ms) + " cannot be named";
    }
    if (ids.size() == 1) {
        query.entity_id = ids[0];
    }
    query.page_size = k_audit_page_size;
    for (int page = 1; page <= k_most_audit_pages; ++page) {
        query.page_number = page;
        ++trail.requests;
        Result<AuditPage> read = provider.query_audits(query);
        if (!read) {
            trail.note = unavailable(read.error());
            trail.entries.clear();
            return trail;
        }
        for (AuditEntry& entry : read->entries) {
            trail.entries.push_back(std::move(entry));
        }
        if (page >= read->page_count) {
            break;
        }
    }
    std::stable_sort(trail.entries.begin(), trail.entries.end(),
                     [](const AuditEntry& a, const AuditEntry& b) { return a.at_ms < b.at_ms; });
    trail.available = true;
    return trail;
}

std::vector<std::string> changed_outside_ids(const DriftReport& report) {
    std::vector<std::string> ids;
    for (const ActionDrift& drift : report.drifted) {
        if (changed_outside(drift)) {
            ids.push_back(drift.id);
        }
    }
    return ids;
}

std::optional<TimeWindow> audit_window(const DriftReport& report, const std::optional<State>& state,
                                       std::int64_t now_ms) {
    std::optional<std::int64_t> start;
    for (const ActionDrift& drift : report.drifted) {
        if (!changed_outside(drift)) {
            continue;
        }
        const std::int64_t since =
            applied_ms(state, drift.address).value_or(now_ms - k_audit_days_ms);
        start = start ? std::min(*start, since) : since;
    }
    if (!start) {
        return std::nullopt;
    }
    return TimeWindow{*start, now_ms + 1};
}

void attribute_drift(DriftReport& report, const std::optional<State>& state,
                     const AuditTrail& trail, const std::string& own_client_id,
                     std::int64_t now_ms) {
    report.audited = trail.available;
    report.audit_note = trail.note;
    if (!trail.available) {
        return;
    }
    for (ActionDrift& drift : report.drifted) {
        if (!changed_outside(drift)) {
            continue;
        }
        const std::optional<std::int64_t> applied = applied_ms(state, drift.address);
        const std::int64_t since = applied.value_or(now_ms - k_audit_days_ms);
        for (const AuditEntry& entry : trail.entries) {
            const bool own =
                !own_client_id.empty() && entry.client_id == own_client_id && !entry.user_id;
            if (entry.entity_id != drift.id || entry.at_ms < since ||
                (own && applied && entry.at_ms <= *applied + k_own_write_slack_ms)) {
                continue;
            }
            drift.changed_by.push_back({masked_entry(entry), own});
        }
    }
}

}  // namespace dactl
