// dactl insights: which actions time out, from the org's analytics, what
// timeout each needs, and (--since-apply) whether the last apply helped.

#include <algorithm>
#include <set>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/insights_write.h"
#include "cmd/steps/resolved_org.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/insights_view.h"
#include "engine/insights/insight_writes.h"
#include "engine/insights/since_apply.h"
#include "engine/manifest/loader.h"
#include "engine/render/impact_render.h"
#include "engine/render/insights_render.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

struct InsightsArguments : CommonOptions, ImpactOptions {
    std::optional<std::int64_t> since_ms;
    std::optional<TimeWindow> interval;
    bool all = false;
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;
    bool write = false;
    std::optional<std::string> adopt_into;
    bool since_apply = false;
    bool detailed_exitcode = false;
    bool allow_over_limit = false;

    /// The addresses named: the operands and --target's.
    std::vector<std::string> named() const {
        std::vector<std::string> names = operands;
        names.insert(names.end(), targets.begin(), targets.end());
        return names;
    }
};

// The combinations the options do not allow; "" when they are fine.
std::string conflict(const InsightsArguments& arguments) {
    const int windows = static_cast<int>(arguments.since_ms.has_value()) +
                        static_cast<int>(arguments.interval.has_value()) +
                        static_cast<int>(arguments.since_apply);
    if (windows > 1) {
        return "give one of --since, --interval and --since-apply";
    }
    if (arguments.all && !arguments.named().empty()) {
        return "--all covers every action of the org; give addresses or --all, not both";
    }
    if (arguments.since_apply && (arguments.write || arguments.all)) {
        return "--since-apply compares the actions the last apply changed; it takes no --write "
               "or --all";
    }
    if (arguments.adopt_into && !(arguments.all && arguments.write)) {
        return "--adopt-into goes with --all --write (it adopts unmanaged actions)";
    }
    if (arguments.allow_over_limit && !arguments.write) {
        return "--allow-over-limit goes with --write (it writes timeouts past the org's "
               "concurrency limit)";
    }
    if (arguments.allow_over_limit && arguments.impact_choice() == ImpactChoice::none) {
        return "--allow-over-limit needs the blast radius, which --impact none skips";
    }
    if (arguments.all && arguments.write && !arguments.adopt_into) {
        return "--all --write needs --adopt-into FILE: the manifest file the unmanaged actions "
               "timing out or at risk are adopted into";
    }
    return "";
}

InsightOptions insight_options(const InsightsArguments& arguments, const Project& project,
                               std::int64_t now_ms) {
    InsightOptions options;
    options.headroom = arguments.headroom;
    options.min_timeout = arguments.min_timeout;
    options.window = arguments.interval.value_or(
        TimeWindow{now_ms - arguments.since_ms.value_or(std::int64_t{7} * 24 * 3'600'000), now_ms});
    options.timeout_error_types = project.settings.insights.timeout_error_types;
    return options;
}

// The managed actions bound to a live one, then with --all every other action
// of the org that can take a timeout.
std::vector<InsightTarget> targets_of(const Gathered& org, bool all) {
    std::vector<InsightTarget> targets;
    std::set<std::string> managed;
    for (const Binding& binding : org.bindings) {
        targets.push_back({binding.desired->address(), binding.live});
        managed.insert(binding.live->id);
    }
    for (const LiveAction& live : org.live) {
        if (all && managed.count(live.id) == 0 && !live.is_static()) {
            targets.push_back({std::nullopt, &live});
        }
    }
    return targets;
}

// The org read without templates; the functions of the managed function
// actions too (of every one with --all), whose own timeout may cut them off first.
GatherOptions read_functions_too(const InsightsArguments& arguments) {
    GatherOptions gathering;
    gathering.parallelism = arguments.parallelism;
    gathering.templates = Templates::none;
    gathering.functions_of_bound = true;
    if (arguments.all) {
        // Every function action of the org: its function's timeout may be the limit.
        gathering.functions_of = [](const LiveAction&) { return true; };
    }
    return gathering;
}

// A failed analytics read; a 403 names what the OAuth client lacks.
int fail_analytics(Session& session, const Error& error) {
    if (error.kind == ErrorKind::forbidden) {
        return session.fail(
            "the OAuth client may not read the analytics (HTTP 403): its role needs the "
            "permission integrations:action:view (or bridge:actions:view) and its grant the "
            "scope analytics or analytics:readonly");
    }
    return session.fail_reading(error);
}

int run_since_apply(const InsightsArguments& arguments, Session& session, const ResolvedOrg& read,
                    const InsightOptions& options) {
    Result<std::optional<LastApply>> last = last_apply(read.state);
    if (!last || !*last) {
        return session.fail(!last ? state_location(session, read.project) + ": " +
                                        last.error().message
                                  : "--since-apply needs the last apply recorded in " +
                                        state_location(session, read.project) +
                                        ", and there is none; run dactl apply first");
    }
    std::vector<InsightTarget> targets;
    for (const InsightTarget& target : targets_of(read.resolution.org, false)) {
        if ((*last)->changed.count(*target.address) != 0) {
            targets.push_back(target);
        }
    }
    if (targets.empty()) {
        return session.fail("the last apply (at " + utc_timestamp((*last)->at_ms) +
                            ") changed none of the chosen actions; there is nothing to compare");
    }
    const std::int64_t now_ms = epoch_ms(session.context().now());
    Result<SinceApplyReport> report =
        compare_since_apply(read.provider->analytics(), targets, (*last)->at_ms, now_ms, options);
    if (!report) {
        return fail_analytics(session, report.error());
    }
    report->environment = read.project.environment;
    session.present(since_apply_view(*report));
    const bool still = std::any_of(
        report->actions.begin(), report->actions.end(),
        [](const Comparison& comparison) { return comparison.change == Change::still_timing_out; });
    return arguments.detailed_exitcode && still ? k_exit_changes : k_exit_ok;
}

// The flows calling each action timing out or at risk, and the blast radius of
// the recommendations (one read of the org's limit), as --impact asks.
FlowImpact weigh_insights(const InsightsArguments& arguments, const ResolvedOrg& read,
                          const InsightsReport& report) {
    std::vector<FlowQuery> queries;
    for (const Insight& insight : report.insights) {
        if (insight.verdict == Verdict::timing_out || insight.verdict == Verdict::at_risk) {
            auto live =
                std::find_if(read.resolution.org.live.begin(), read.resolution.org.live.end(),
                             [&](const LiveAction& action) { return action.id == insight.id; });
            queries.push_back({insight.id, insight.id,
                               live != read.resolution.org.live.end() && live->secure, true});
        }
    }
    FlowImpact impact = read_flows(read.provider->dependencies(), queries,
                                   arguments.impact_choice(), arguments.parallelism);
    impact.recommendations = true;
    if (arguments.impact_choice() != ImpactChoice::none) {
        impact.blast = weigh_recommendations(report, read.resolution.org.live);
        settle_limit(*impact.blast, read.provider->org(),
                     read.project.settings.insights.concurrency_limit);
        impact.blast_reading = BlastReading::shown;
    }
    return impact;
}

// The report --write writes: without --allow-over-limit, no recommendation that
// raises an action on a host the recommendations take past the org's limit
// (each said).
InsightsReport held_back(Session& session, const InsightsReport& report, const FlowImpact& impact,
                         const InsightsArguments& arguments) {
    InsightsReport writing = report;
    const std::optional<BlastRadius>& blast = impact.blast;
    if (!blast || arguments.allow_over_limit) {
        return writing;
    }
    const std::map<std::string, int> raised = recommended_timeouts(report);
    for (Insight& insight : writing.insights) {
        const HostLoad* host = blast->host_of(insight.id);
        if (raised.count(insight.id) == 0 || host == nullptr ||
            host->worst_after <= blast->limit.value) {
            continue;
        }
        session.tell("Not written: " + insight_label(insight.address, insight.name) + " at " +
                     std::to_string(raised.at(insight.id)) + " s: " +
                     host_line(*host, blast->limit.value) + "; --allow-over-limit writes it");
        insight.recommendation.reset();
    }
    return writing;
}

int run_insights_command(const InsightsArguments& arguments, Session& session) {
    if (const std::string wrong = conflict(arguments); !wrong.empty()) {
        return session.fail(wrong);
    }
    if (arguments.adopt_into) {
        Result<std::string> file =
            manifest_path_in(session.options().chdir, *arguments.adopt_into, "--adopt-into");
        if (!file) {
            return session.fail(file.error().message);
        }
    }
    std::optional<ResolvedOrg> read =
        read_resolved_org(session, arguments.named(), read_functions_too(arguments), Unbound::fail,
                          "the actions cannot be found in the org; nothing was read");
    if (!read) {
        return session.failed();
    }
    warn_function_limits(session, read->resolution.org);
    const InsightOptions options =
        insight_options(arguments, read->project, epoch_ms(session.context().now()));
    if (arguments.since_apply) {
        return run_since_apply(arguments, session, *read, options);
    }
    Result<InsightsReport> report = dactl::run_insights(
        read->provider->analytics(), targets_of(read->resolution.org, arguments.all), options);
    if (!report) {
        return fail_analytics(session, report.error());
    }
    report->environment = read->project.environment;
    clamp_to_rules(*report, read->resolution.governance);
    const FlowImpact impact = weigh_insights(arguments, *read, *report);
    session.present(insights_view(*report, &impact));
    if (arguments.write &&
        !write_insights(session, *read, held_back(session, *report, impact, arguments),
                        arguments.adopt_into)) {
        return session.failed();
    }
    const bool alarming = report->count(Verdict::timing_out) + report->count(Verdict::at_risk) > 0;
    return arguments.detailed_exitcode && alarming ? k_exit_changes : k_exit_ok;
}

}  // namespace

Command insights_command() {
    OptionTable<InsightsArguments> table;
    table.parsed({"since", "", "DURATION", "the window up to now: 1h to 90d (default 7d)"},
                 &InsightsArguments::since_ms, parse_since);
    offer_targets(table);
    table.parsed({"interval", "", "START/END", "the window as ISO-8601 dates or instants"},
                 &InsightsArguments::interval, parse_interval);
    table.flag({"all", "", "", "every action of the org, not only the managed ones"},
               &InsightsArguments::all);
    offer_recommendation(table);
    table.flag({"write", "", "", "set timeout_seconds in the manifests to the recommendations"},
               &InsightsArguments::write);
    table.text({"adopt-into", "", "FILE",
                "with --all --write: add the unmanaged actions timing out or at risk to FILE"},
               &InsightsArguments::adopt_into);
    table.flag(
        {"since-apply", "", "", "did the last apply stop the timeouts? before against since"},
        &InsightsArguments::since_apply);
    table.flag({"allow-over-limit", "", "",
                "with --write: also write timeouts that take a host's worst case past the org's "
                "concurrency limit"},
               &InsightsArguments::allow_over_limit);
    offer_impact(table, "action timing out or at risk");
    offer_html(table);
    table.flag({"detailed-exitcode", "", "", "exit 2 when an action is timing out or at risk"},
               &InsightsArguments::detailed_exitcode);
    offer_format(table);
    offer_github_summary(table);
    offer_parallelism(table);
    return make_command<InsightsArguments>(
        {"insights", "find the actions that time out, from the org's analytics",
         "dactl insights [options] [ADDRESS...]",
         "Reads the org's execution statistics (no back-end is called) and reports per\n"
         "action its executions, failures by error type, timeouts, p95, p99 and max, and a\n"
         "verdict: timing out, at risk (p99 at or above 80% of the timeout), ok or no\n"
         "traffic, with a recommended timeout: p99 x headroom, rounded up, within 3-60 s.\n"
         "--since-apply compares the window before the last apply with the one since.",
         1000, Operands::addresses},
        table, run_insights_command);
}

}  // namespace dactl::cli
