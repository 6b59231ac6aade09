// dactl drift: what changed in the org outside dactl, and who changed it.

#include "engine/drift/drift.h"

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/resolved_org.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/drift_view.h"
#include "engine/audit/audit_trail.h"
#include "engine/gather/target.h"
#include "engine/state/state_key.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

struct DriftArguments : CommonOptions {
    bool no_audit = false;
    bool include_pending = false;
};

// Names who changed what outside dactl, from the audit trail (a query per
// drifted action, newest first, within a time budget).
void attribute(Session& session, const Project& project, Provider& provider, DriftReport& report,
               const std::optional<State>& state) {
    const std::int64_t now_ms = epoch_ms(session.context().now());
    std::vector<std::string> notes;
    const std::vector<AuditSubject> subjects = audit_subjects(report, state, now_ms, notes);
    if (subjects.empty()) {
        return;
    }
    AuditLimits limits;
    if (session.context().monotonic) {
        limits.clock = session.context().monotonic;
    }
    const AuditTrail trail = read_audit_trail(provider.audits(), subjects, now_ms, limits);
    const std::string client =
        session.context().environment(project.client_id_variable().c_str()).value_or("");
    attribute_drift(report, subjects, trail, client);
    for (const std::string& note : notes) {
        report.audit_note += (report.audit_note.empty() ? "" : "; ") + note;
    }
}

int run_drift(const DriftArguments& options, Session& session) {
    GatherOptions gathering;
    gathering.parallelism = options.parallelism;
    std::optional<ResolvedOrg> read =
        read_resolved_org(session, effective_targets(options.targets), gathering, Unbound::report);
    if (!read) {
        return session.failed();
    }
    Result<std::optional<std::string>> key =
        find_state_key(state_home(read->project), session.context().environment("DACTL_STATE_KEY"));
    if (!key) {
        return session.fail(key.error().message);
    }
    DriftReport report = compute_drift(read->resolution.org, read->state, *key);
    report.targets = effective_targets(options.targets);
    report.environment = read->project.environment;
    if (!options.no_audit) {
        attribute(session, read->project, *read->provider, report, read->state);
    }
    session.present(drift_view(report));
    const bool failing = options.include_pending ? !report.empty() : report.changed_in_org();
    return failing ? k_exit_changes : k_exit_ok;
}

}  // namespace

Command drift_command() {
    OptionTable<DriftArguments> table;
    table.flag({"no-audit", "", "", "do not read the audit trail (who changed what)"},
               &DriftArguments::no_audit);
    offer_targets(table);
    table.flag({"include-pending", "", "", "exit 2 also for changes merged but not yet applied"},
               &DriftArguments::include_pending);
    offer_format(table);
    offer_github_summary(table);
    offer_parallelism(table);
    return make_command<DriftArguments>(
        {"drift", "report what changed outside dactl", "dactl drift [options]",
         "Compares, per managed field, the manifest, the value last applied (from\n"
         ".dactl/state.json) and the live org, and names who changed an action outside\n"
         "dactl from the org's audit trail. Exits 2 when something changed in the org\n"
         "outside dactl (or an action vanished), 0 when all that differs is merged but not\n"
         "yet applied (--include-pending: 2 for that too)."},
        table, run_drift);
}

}  // namespace dactl::cli
