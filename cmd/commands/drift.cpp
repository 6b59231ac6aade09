#include "engine/drift/drift.h"

#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "cmd/github.h"
#include "cmd/views/drift_view.h"
#include "engine/audit/audit_trail.h"
#include "engine/gather/gather.h"
#include "engine/gather/target.h"
#include "engine/plan/rules.h"
#include "engine/render/markdown.h"
#include "engine/state/state_file.h"
#include "engine/state/state_key.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

int run_drift(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "drift");
    if (!session.check_options()) {
        return k_exit_error;
    }
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    Result<std::vector<DesiredAction>> targets =
        targeted_actions(project->actions, arguments.all_values("target"));
    if (!targets) {
        return session.fail(targets.error().message);
    }
    Result<std::optional<State>> state = read_state(Session::state_home(*project));
    if (!state) {
        return session.fail(state.error().message);
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    if (*state && (*state)->org) {
        Result<OrgIdentity> reached = provider->org_identity();
        if (!reached) {
            return session.fail_reading(reached.error());
        }
        if (Status same = check_same_org((*state)->org, *reached,
                                         state_path(Session::state_home(*project)).string(),
                                         "is it another environment's state?");
            !same) {
            return session.fail(same.error().message);
        }
    }
    Result<Gathered> listed = gather_org(*provider, *targets, session.gather_options());
    if (!listed) {
        return session.fail_reading(listed.error());
    }
    // The actions the rules govern are managed too: bound again with their keys.
    Diagnostics governing;
    const Governance governance =
        govern(project->rules, *listed, arguments.all_values("target"), governing);
    const std::vector<DesiredAction> governed = with_governed(*targets, governance);
    std::optional<Gathered> org;
    if (governance.count == 0) {
        org.emplace(std::move(*listed));
    } else {
        org.emplace(bind_org(std::move(listed->live), governed));
    }
    session.show(governing);
    Result<std::optional<std::string>> key =
        find_state_key(Session::state_home(*project), context.environment("DACTL_STATE_KEY"));
    if (!key) {
        return session.fail(key.error().message);
    }
    DriftReport report =
        compute_drift(governance.count == 0 ? *targets : governed, *org, *state, *key);
    report.targets = arguments.all_values("target");
    if (!arguments.has("no-audit")) {
        const std::int64_t now_ms = epoch_ms(context.now());
        if (std::optional<TimeWindow> window = audit_window(report, *state, now_ms)) {
            const AuditTrail trail =
                read_audit_trail(*provider, *window, changed_outside_ids(report), now_ms);
            attribute_drift(report, *state, trail,
                            context.environment(project->client_id_variable().c_str()).value_or(""),
                            now_ms);
        }
    }
    drift_view(session.format(), session.view_target())->report(report);
    if (arguments.has("github-summary")) {
        if (Status appended = append_step_summary(context, render_drift_markdown(report));
            !appended) {
            return session.fail(appended.error().message);
        }
    }
    const bool failing =
        arguments.has("include-pending") ? !report.empty() : report.changed_in_org();
    return failing ? k_exit_changes : k_exit_ok;
}

}  // namespace dactl::cli
