// dactl insights: which actions time out, from the org's analytics, what
// timeout each needs, and (--since-apply) whether the last apply helped.

#include <algorithm>
#include <set>

#include "cmd/cli.h"
#include "cmd/command_options.h"
#include "cmd/commands/command.h"
#include "cmd/github.h"
#include "cmd/views/insights_view.h"
#include "engine/export/adopt.h"
#include "engine/export/timeout_writer.h"
#include "engine/gather/gather.h"
#include "engine/insights/rule_proposal.h"
#include "engine/insights/since_apply.h"
#include "engine/render/insights_html.h"
#include "engine/render/insights_text.h"
#include "engine/state/state_file.h"
#include "engine/util/file_io.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

constexpr std::int64_t k_hour_ms = 3'600'000;
constexpr std::int64_t k_longest_window_ms = std::int64_t{90} * 24 * k_hour_ms;

Error invalid(const std::string& message) {
    return make_error(ErrorKind::invalid_input, message);
}

// --since DURATION ("36h", "7d") as milliseconds, at most 90 days.
Result<std::int64_t> since_option(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        ++digits;
    }
    const std::string unit = text.substr(digits);
    if (digits == 0 || digits > 6 || (unit != "h" && unit != "d")) {
        return invalid("--since must be a number of hours or days such as 36h or 7d, not " + text);
    }
    const std::int64_t ms = std::stoll(text.substr(0, digits)) * (unit == "h" ? 1 : 24) * k_hour_ms;
    if (ms == 0 || ms > k_longest_window_ms) {
        return invalid("--since must be from 1h to 90d, not " + text);
    }
    return ms;
}

// --interval START/END, ISO-8601 instants, START before END, at most 90 days.
Result<TimeWindow> interval_option(const std::string& text) {
    const std::size_t slash = text.find('/');
    std::optional<std::int64_t> start = parse_instant(text.substr(0, slash));
    std::optional<std::int64_t> end =
        slash == std::string::npos ? std::nullopt : parse_instant(text.substr(slash + 1));
    if (!start || !end || *start >= *end) {
        return invalid(
            "--interval must be START/END, ISO-8601 dates or instants with START before END, "
            "such as 2026-11-01/2026-11-08 or 2026-11-01T00:00:00Z/2026-11-02T12:00:00Z, not " +
            text);
    }
    if (*end - *start > k_longest_window_ms) {
        return invalid("--interval may span at most 90 days, not " + text);
    }
    return TimeWindow{*start, *end};
}

struct Request {
    InsightOptions options;
    bool all = false;
    bool since_apply = false;
    bool write = false;
    std::optional<std::string> adopt_into;
};

Result<Request> request_of(const Arguments& arguments, std::int64_t now_ms) {
    Request request;
    Result<double> headroom = number_option(arguments, "headroom", 1.5, 1, 10, false);
    if (!headroom) {
        return headroom.error();
    }
    Result<double> floor =
        number_option(arguments, "min-timeout", k_default_min_timeout, 1, 60, true);
    if (!floor) {
        return floor.error();
    }
    request.options.headroom = *headroom;
    request.options.min_timeout = static_cast<int>(*floor);
    request.all = arguments.has("all");
    request.since_apply = arguments.has("since-apply");
    request.write = arguments.has("write");
    request.adopt_into = arguments.value("adopt-into");
    const std::optional<std::string> since = arguments.value("since");
    const std::optional<std::string> interval = arguments.value("interval");
    if (static_cast<int>(since.has_value()) + static_cast<int>(interval.has_value()) +
            static_cast<int>(request.since_apply) >
        1) {
        return invalid("give one of --since, --interval and --since-apply");
    }
    if (request.all &&
        (!arguments.positionals.empty() || !arguments.all_values("target").empty())) {
        return invalid("--all covers every action of the org; give addresses or --all, not both");
    }
    if (request.since_apply && (request.write || request.all)) {
        return invalid(
            "--since-apply compares the actions the last apply changed; it takes no "
            "--write or --all");
    }
    if (request.adopt_into && !(request.all && request.write)) {
        return invalid("--adopt-into goes with --all --write (it adopts unmanaged actions)");
    }
    if (request.all && request.write && !request.adopt_into) {
        return invalid(
            "--all --write needs --adopt-into FILE: the manifest file the unmanaged "
            "actions timing out or at risk are adopted into");
    }
    if (request.adopt_into && !request.adopt_into->ends_with(".toml")) {
        return invalid("--adopt-into must name a .toml file of the project, not " +
                       *request.adopt_into);
    }
    if (interval) {
        Result<TimeWindow> window = interval_option(*interval);
        if (!window) {
            return window.error();
        }
        request.options.window = *window;
    } else {
        Result<std::int64_t> length = since_option(since.value_or("7d"));
        if (!length) {
            return length.error();
        }
        request.options.window = {now_ms - *length, now_ms};
    }
    return request;
}

// The managed actions bound to a live one, then with --all every other action
// of the org that can take a timeout.
std::vector<InsightTarget> targets_of(const Gathered& org, bool all) {
    std::vector<InsightTarget> targets;
    std::set<std::string> managed;
    for (const Binding& binding : org.bindings) {
        if (binding.live != nullptr && binding.desired != nullptr) {
            targets.push_back({binding.desired->address(), binding.live});
            managed.insert(binding.live->id);
        }
    }
    if (all) {
        for (const LiveAction& live : org.live) {
            if (managed.count(live.id) == 0 && !live.is_static() && !live.is_custom_auth()) {
                targets.push_back({std::nullopt, &live});
            }
        }
    }
    return targets;
}

// The timeout a manifest already sets for an action, if any.
std::optional<std::int64_t> manifest_timeout(const Project& project, const std::string& address) {
    const DesiredAction* action = project.find_address(address);
    if (action == nullptr) {
        return std::nullopt;
    }
    auto found = action->managed.find(Field::timeout_seconds);
    if (found == action->managed.end() || !found->second.is_integer()) {
        return std::nullopt;
    }
    return found->second.as_integer();
}

// Raises, never lowers: only actions timing out or at risk are written, not
// when their manifest already sets at least the recommendation, and not past
// the 60 s ceiling (clamping there would not be enough).
bool write_recommendations(Session& session, const Project& project, const InsightsReport& report) {
    std::vector<TimeoutRecommendation> recommendations;
    for (const Insight& insight : report.insights) {
        if (!insight.address || !insight.recommendation ||
            (insight.verdict != Verdict::timing_out && insight.verdict != Verdict::at_risk)) {
            continue;
        }
        const int seconds = insight.recommendation->timeout_seconds;
        if (insight.recommendation->beyond_ceiling) {
            session.err() << *insight.address
                          << ": not written: it needs more than 60 s, the longest timeout "
                             "allowed; the back-end needs an asynchronous design\n";
            continue;
        }
        const std::optional<std::int64_t> planned = manifest_timeout(project, *insight.address);
        if (planned && *planned >= seconds && !insight.recommendation->at_least) {
            session.err() << *insight.address << ": not written: the manifest already sets "
                          << *planned << " s, at least the recommended " << seconds << " s\n";
            continue;
        }
        recommendations.push_back({*insight.address, seconds, insight.recommendation->at_least});
    }
    return write_timeouts(session, project, recommendations);
}

// Appends a manifest entry to `file` for each unmanaged action timing out or
// at risk. False after reporting a failure.
bool adopt(Session& session, const Project& project, const InsightsReport& report,
           const Gathered& org, const std::string& file, const std::vector<RuleProposal>& rules) {
    std::set<std::string> governed;
    std::string rules_text;
    for (const RuleProposal& rule : rules) {
        rules_text += "\n";
        rules_text += rule.toml();
        for (const Insight* insight : rule.insights) {
            governed.insert(insight->id);
        }
    }
    std::vector<Adoption> adoptions;
    for (const Insight& insight : report.insights) {
        if (insight.address || !insight.recommendation || governed.count(insight.id) != 0 ||
            (insight.verdict != Verdict::timing_out && insight.verdict != Verdict::at_risk)) {
            continue;
        }
        Adoption adoption{org.find_live(insight.id), std::nullopt, {}};
        const Recommendation& recommendation = *insight.recommendation;
        if (recommendation.beyond_ceiling) {
            adoption.comments.emplace_back(
                "needs more than 60 s, the longest timeout allowed (not written): the back-end "
                "needs an asynchronous design");
        } else if (recommendation.at_least) {
            adoption.comments.push_back(
                "timing out: needs at least " + std::to_string(recommendation.timeout_seconds) +
                " s (a lower bound, not written); measure it with dactl probe --via-draft");
        } else {
            adoption.timeout_seconds = recommendation.timeout_seconds;
        }
        adoptions.push_back(std::move(adoption));
    }
    if (adoptions.empty() && rules.empty()) {
        session.err() << "No unmanaged action is timing out or at risk; " << file
                      << " was not changed\n";
        return true;
    }
    std::set<std::string> taken;
    for (const DesiredAction& action : project.actions) {
        taken.insert(action.label);
    }
    AdoptionText adopted = adoption_text(adoptions, taken);
    const std::filesystem::path path = project.directory / file;
    std::string text;
    if (std::filesystem::exists(path)) {
        Result<std::string> existing = read_file(path);
        if (!existing) {
            session.fail(existing.error().message);
            return false;
        }
        text = *existing;
        if (!text.empty() && !text.ends_with("\n")) {
            text += "\n";
        }
    }
    text += adopted.text;
    text +=
        text.empty() ? rules_text.substr(std::min<std::size_t>(1, rules_text.size())) : rules_text;
    if (Status written = write_file_atomically(path, text); !written) {
        session.fail(written.error().message);
        return false;
    }
    for (const std::string& label : adopted.labels) {
        session.err() << "Adopted action." << label << " into " << file << "\n";
    }
    for (const RuleProposal& rule : rules) {
        session.err() << "Wrote rule." << rule.label << " into " << file << ": "
                      << rule.insights.size() << " actions calling " << rule.prefix
                      << " get at least " << rule.at_least << " s\n";
    }
    return true;
}

// Several actions timing out on one host: one rule says it once. Those whose
// actions are all unmanaged go into the adoption file (--adopt-into); the
// others are printed, never written over what the manifests declare.
std::vector<RuleProposal> rules_to_adopt(Session& session, const Project& project,
                                         const InsightsReport& report, const Gathered& org,
                                         const Request& request) {
    std::vector<RuleProposal> adopted;
    for (RuleProposal& rule : propose_rules(report, org.live)) {
        if (std::any_of(project.rules.begin(), project.rules.end(),
                        [&](const Rule& declared) { return declared.label == rule.label; })) {
            continue;  // the project has that rule already
        }
        if (request.adopt_into && rule.all_unmanaged) {
            adopted.push_back(std::move(rule));
            continue;
        }
        session.err() << "note: " << rule.insights.size() << " actions calling " << rule.prefix
                      << " time out; one rule could govern them instead of per-action "
                         "timeouts (not written; add it to a manifest):\n"
                      << rule.toml();
    }
    return adopted;
}

// When the last apply happened and which state entries it changed (an entry
// it only recorded keeps the same document before and after).
Result<std::pair<std::int64_t, std::set<std::string>>> last_apply(const Project& project) {
    Result<std::optional<State>> state = read_state(Session::state_home(project));
    if (!state) {
        return state.error();
    }
    if (!*state || (*state)->actions.empty()) {
        return invalid(
            "--since-apply needs the last apply recorded in .dactl/state.json, and there is "
            "none; run dactl apply first");
    }
    std::string latest;
    for (const StateAction& action : (*state)->actions) {
        latest = std::max(latest, action.applied_at);
    }
    std::optional<std::int64_t> at = parse_instant(latest);
    if (!at) {
        return invalid(".dactl/state.json: applied_at " + latest + " is not a UTC time");
    }
    std::set<std::string> changed;
    for (const StateAction& action : (*state)->actions) {
        if (action.applied_at == latest && action.before != action.after) {
            changed.insert(action.address);
        }
    }
    return std::pair{*at, changed};
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

int run_since_apply(Session& session, Provider& provider, const Project& project,
                    const Gathered& org, const Request& request, std::int64_t now_ms) {
    Result<std::pair<std::int64_t, std::set<std::string>>> last = last_apply(project);
    if (!last) {
        return session.fail(last.error().message);
    }
    std::vector<InsightTarget> targets;
    for (const InsightTarget& target : targets_of(org, false)) {
        if (last->second.count(*target.address) != 0) {
            targets.push_back(target);
        }
    }
    if (targets.empty()) {
        return session.fail("the last apply (at " + utc_timestamp(last->first) +
                            ") changed none of the chosen actions; there is nothing to compare");
    }
    Result<SinceApplyReport> report =
        compare_since_apply(provider, targets, last->first, now_ms, request.options);
    if (!report) {
        return fail_analytics(session, report.error());
    }
    insights_view(session.format(), session.view_target())->since_apply(*report);
    if (session.arguments().has("github-summary")) {
        if (Status appended =
                append_step_summary(session.context(), render_since_apply_markdown(*report));
            !appended) {
            return session.fail(appended.error().message);
        }
    }
    const bool still = std::any_of(
        report->actions.begin(), report->actions.end(),
        [](const Comparison& comparison) { return comparison.change == Change::still_timing_out; });
    return session.arguments().has("detailed-exitcode") && still ? k_exit_changes : k_exit_ok;
}

// What follows the report: the HTML page, the manifests, the step summary.
bool write_outputs(Session& session, const Project& project, const Gathered& org,
                   const InsightsReport& report, const Request& request) {
    if (std::optional<std::string> html = session.arguments().value("html")) {
        Status written = write_file_atomically(
            *html, render_insights_html(report, utc_timestamp(session.context().now())));
        if (!written) {
            session.fail(written.error().message);
            return false;
        }
        session.err() << "Wrote the report to " << *html << "\n";
    }
    if (request.write && !write_recommendations(session, project, report)) {
        return false;
    }
    const std::vector<RuleProposal> rules =
        request.write ? rules_to_adopt(session, project, report, org, request)
                      : std::vector<RuleProposal>();
    if (request.adopt_into && !adopt(session, project, report, org, *request.adopt_into, rules)) {
        return false;
    }
    if (session.arguments().has("github-summary")) {
        if (Status appended =
                append_step_summary(session.context(), render_insights_markdown(report));
            !appended) {
            session.fail(appended.error().message);
            return false;
        }
    }
    return true;
}

}  // namespace

int run_insights_command(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "insights");
    if (!session.check_options()) {
        return k_exit_error;
    }
    const std::int64_t now_ms = epoch_ms(context.now());
    Result<Request> request = request_of(arguments, now_ms);
    if (!request) {
        return session.fail(request.error().message);
    }
    int exit_code = k_exit_error;
    std::optional<ChosenOrg> read = read_chosen_org(
        session, "the actions cannot be found in the org; nothing was read", exit_code);
    if (!read) {
        return exit_code;
    }
    request->options.timeout_error_types = read->project.settings.insights.timeout_error_types;
    if (request->since_apply) {
        return run_since_apply(session, *read->provider, read->project, read->org, *request,
                               now_ms);
    }
    Result<InsightsReport> report =
        run_insights(*read->provider, targets_of(read->org, request->all), request->options);
    if (!report) {
        return fail_analytics(session, report.error());
    }
    insights_view(session.format(), session.view_target())->report(*report);
    if (!write_outputs(session, read->project, read->org, *report, *request)) {
        return k_exit_error;
    }
    const bool alarming = report->count(Verdict::timing_out) + report->count(Verdict::at_risk) > 0;
    return arguments.has("detailed-exitcode") && alarming ? k_exit_changes : k_exit_ok;
}

}  // namespace dactl::cli
