// dactl drift: what changed in the org outside dactl, and who changed it.

#include "engine/drift/drift.h"

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/org_step.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/drift_view.h"
#include "engine/audit/audit_trail.h"
#include "engine/gather/gather.h"
#include "engine/gather/target.h"
#include "engine/plan/rules.h"
#include "engine/state/state_key.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

struct DriftArguments : CommonOptions {
    bool no_audit = false;
    bool include_pending = false;
};

// Names who changed what outside dactl, from the audit trail (one query).
void attribute(Session& session, const Project& project, Provider& provider, DriftReport& report,
               const std::optional<State>& state) {
    const std::int64_t now_ms = epoch_ms(session.context().now());
    if (std::optional<TimeWindow> window = audit_window(report, state, now_ms)) {
        const AuditTrail trail =
            read_audit_trail(provider.audits(), *window, changed_outside_ids(report), now_ms);
        const std::string client =
            session.context().environment(project.client_id_variable().c_str()).value_or("");
        attribute_drift(report, state, trail, client, now_ms);
    }
}

// The report: the manifests' actions and those the rules govern, against the
// org and the state.
Result<DriftReport> drift_report(Session& session, const Project& project, Provider& provider,
                                 const std::vector<DesiredAction>& targets,
                                 const std::optional<State>& state) {
    GatherOptions gathering;
    gathering.parallelism = session.options().parallelism;
    Result<Gathered> listed = gather_org(provider, targets, gathering);
    if (!listed) {
        return listed.error();
    }
    // The actions the rules govern are managed too: bound again with their keys.
    Diagnostics governing;
    const Governance governance =
        govern(project.rules, *listed, session.options().targets, governing);
    session.show(governing);
    const std::vector<DesiredAction> governed = with_governed(targets, governance);
    const Gathered org =
        governance.count == 0 ? std::move(*listed) : bind_org(std::move(listed->live), governed);
    Result<std::optional<std::string>> key =
        find_state_key(state_home(project), session.context().environment("DACTL_STATE_KEY"));
    if (!key) {
        return key.error();
    }
    DriftReport report =
        compute_drift(governance.count == 0 ? targets : governed, org, state, *key);
    report.targets = session.options().targets;
    return report;
}

int run_drift(const DriftArguments& options, Session& session) {
    std::optional<Project> project = session.load_project();
    if (!project) {
        return session.failed();
    }
    Result<std::vector<DesiredAction>> targets =
        targeted_actions(project->actions, options.targets);
    Result<std::optional<State>> state = read_project_state(*project);
    if (!targets || !state) {
        return session.fail(!targets ? targets.error().message : state.error().message);
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return session.failed();
    }
    Result<std::optional<OrgIdentity>> org =
        reach_org(*provider,
                  {{*state ? (*state)->org : std::nullopt, state_location(*project),
                    "is it another environment's state?"}},
                  OrgRead::when_recorded);
    if (!org) {
        return org.error().kind == ErrorKind::conflict ? session.fail(org.error().message)
                                                       : session.fail_reading(org.error());
    }
    Result<DriftReport> report = drift_report(session, *project, *provider, *targets, *state);
    if (!report) {
        return session.fail_reading(report.error());
    }
    if (!options.no_audit) {
        attribute(session, *project, *provider, *report, *state);
    }
    session.present(drift_view(*report));
    const bool failing = options.include_pending ? !report->empty() : report->changed_in_org();
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
