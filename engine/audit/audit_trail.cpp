#include "engine/audit/audit_trail.h"

#include <algorithm>

#include "engine/model/secrets.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

constexpr int k_audit_page_size = 500;
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

// One query: entries about one action (or about all), newest first, a few pages.
struct Pass {
    std::optional<std::string> id;
    TimeWindow interval;
    int pages = 1;
};

std::vector<Pass> passes_for(const std::vector<AuditSubject>& subjects, std::int64_t earliest,
                             std::int64_t now_ms, const AuditLimits& limits) {
    std::vector<Pass> passes;
    if (subjects.size() <= limits.filtered_subjects) {
        for (const AuditSubject& subject : subjects) {
            passes.push_back({subject.id,
                              {std::max(subject.since_ms, earliest), now_ms + 1},
                              limits.pages_per_subject});
        }
        return passes;
    }
    std::int64_t start = now_ms;
    for (const AuditSubject& subject : subjects) {
        start = std::min(start, subject.since_ms);
    }
    passes.push_back(
        {std::nullopt, {std::max(start, earliest), now_ms + 1}, limits.pages_unfiltered});
    return passes;
}

}  // namespace

std::vector<AuditSubject> audit_subjects(const DriftReport& report,
                                         const std::optional<State>& state, std::int64_t now_ms,
                                         std::vector<std::string>& notes) {
    std::vector<AuditSubject> subjects;
    for (const ActionDrift& drift : report.drifted) {
        if (!changed_outside(drift)) {
            continue;
        }
        AuditSubject subject{drift.address, drift.id, now_ms - k_audit_days_ms, false};
        const StateAction* entry = state ? state->find(drift.address) : nullptr;
        const std::optional<std::int64_t> applied =
            entry != nullptr ? parse_instant(entry->applied_at) : std::nullopt;
        if (applied && *applied > now_ms) {
            notes.push_back("the state records the last apply of " + drift.address + " at " +
                            entry->applied_at +
                            ", in the future (a clock ahead?): its changes are looked for over "
                            "the last 14 days");
        } else if (applied) {
            subject.since_ms = *applied;
            subject.apply_known = true;
        }
        subjects.push_back(std::move(subject));
    }
    return subjects;
}

AuditTrail read_audit_trail(AuditLog& provider, const std::vector<AuditSubject>& subjects,
                            std::int64_t now_ms, const AuditLimits& limits) {
    AuditTrail trail;
    const auto clock =
        limits.clock ? limits.clock : [] { return std::chrono::steady_clock::now(); };
    const auto deadline = clock() + limits.budget;
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
    const std::int64_t earliest = now_ms - k_audit_days_ms;
    if (std::any_of(subjects.begin(), subjects.end(),
                    [&](const AuditSubject& subject) { return subject.since_ms < earliest; })) {
        trail.note = "the audit trail keeps 14 days: changes before " + utc_timestamp(earliest) +
                     " cannot be named";
    }
    std::set<std::string> wanted;
    for (const AuditSubject& subject : subjects) {
        wanted.insert(subject.id);
    }
    for (const Pass& pass : passes_for(subjects, earliest, now_ms, limits)) {
        const std::size_t first = trail.entries.size();
        AuditQuery query;
        query.interval = pass.interval;
        query.entity_id = pass.id;
        query.page_size = k_audit_page_size;
        for (int page = 1; page <= pass.pages; ++page) {
            if (clock() >= deadline) {
                trail.note = "the audit trail answered too slowly (more than " +
                             std::to_string(limits.budget.count() / 1000) + " s in all)" +
                             k_cannot_say;
                trail.entries.clear();
                return trail;
            }
            query.page_number = page;
            ++trail.requests;
            Result<AuditPage> read = provider.query_audits(query);
            if (!read) {
                trail.note = unavailable(read.error());
                trail.entries.clear();
                return trail;
            }
            for (AuditEntry& entry : read->entries) {
                if (wanted.count(entry.entity_id) != 0) {
                    trail.entries.push_back(std::move(entry));
                }
            }
            if (page >= read->page_count) {
                break;
            }
            if (page == pass.pages) {
                pass.id ? (void)trail.cut_off.insert(*pass.id)
                        : trail.cut_off.insert(wanted.begin(), wanted.end());
            }
        }
        // Oldest first, so that entries of the same millisecond keep their order below.
        std::reverse(trail.entries.begin() + static_cast<std::ptrdiff_t>(first),
                     trail.entries.end());
    }
    std::stable_sort(trail.entries.begin(), trail.entries.end(),
                     [](const AuditEntry& a, const AuditEntry& b) { return a.at_ms < b.at_ms; });
    trail.available = true;
    return trail;
}

void attribute_drift(DriftReport& report, const std::vector<AuditSubject>& subjects,
                     const AuditTrail& trail, const std::string& own_client_id) {
    report.audited = trail.available;
    report.audit_note = trail.note;
    if (!trail.available) {
        return;
    }
    for (const AuditSubject& subject : subjects) {
        auto drift =
            std::find_if(report.drifted.begin(), report.drifted.end(),
                         [&](const ActionDrift& d) { return d.address == subject.address; });
        if (drift == report.drifted.end()) {
            continue;
        }
        std::vector<Attribution> found;
        for (const AuditEntry& entry : trail.entries) {
            const bool own =
                !own_client_id.empty() && entry.client_id == own_client_id && !entry.user_id;
            if (entry.entity_id != subject.id || entry.at_ms < subject.since_ms ||
                (own && subject.apply_known &&
                 entry.at_ms <= subject.since_ms + k_own_write_slack_ms)) {
                continue;
            }
            found.push_back({masked_entry(entry), own});
        }
        if (found.size() > k_attributions_shown) {
            drift->earlier_changes = found.size() - k_attributions_shown;
            found.erase(found.begin(), found.end() - k_attributions_shown);
        }
        drift->changed_by = std::move(found);
        drift->changes_cut_off = trail.cut_off.count(subject.id) != 0;
    }
}

}  // namespace dactl
