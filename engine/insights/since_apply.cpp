#include "engine/insights/since_apply.h"

#include <algorithm>
#include <tuple>

#include "engine/util/time_text.h"

namespace dactl {

namespace {

constexpr std::int64_t k_longest_ms = std::int64_t{k_chunk_days} * 86'400'000;

double timeout_share(const Insight& insight) {
    return insight.executions == 0
               ? 0.0
               : static_cast<double>(insight.timeouts) / static_cast<double>(insight.executions);
}

const Insight* find(const InsightsReport& report, const std::string& id) {
    for (const Insight& insight : report.insights) {
        if (insight.id == id) {
            return &insight;
        }
    }
    return nullptr;
}

// Worst first: still timing out, improved, not enough traffic yet, fixed, ok.
int rank(Change change) {
    switch (change) {
        case Change::still_timing_out:
            return 0;
        case Change::improved:
            return 1;
        case Change::not_enough_traffic:
            return 2;
        case Change::fixed:
            return 3;
        case Change::ok:
            break;
    }
    return 4;
}

}  // namespace

std::string change_text(Change change) {
    switch (change) {
        case Change::fixed:
            return "fixed";
        case Change::improved:
            return "improved";
        case Change::still_timing_out:
            return "still timing out";
        case Change::not_enough_traffic:
            return "not enough traffic yet";
        case Change::ok:
            break;
    }
    return "ok";
}

void windows_around(std::int64_t applied_at_ms, std::int64_t now_ms, TimeWindow& before,
                    TimeWindow& after) {
    const std::int64_t length = std::clamp<std::int64_t>(now_ms - applied_at_ms, 0, k_longest_ms);
    after = {applied_at_ms, applied_at_ms + length};
    before = {applied_at_ms - length, applied_at_ms};
}

Change change_of(const Insight& before, const Insight& after) {
    if (after.executions < k_enough_executions) {
        return Change::not_enough_traffic;
    }
    if (after.timeouts == 0) {
        return before.timeouts > 0 ? Change::fixed : Change::ok;
    }
    if (before.timeouts > 0 && timeout_share(after) * 2 <= timeout_share(before)) {
        return Change::improved;
    }
    return Change::still_timing_out;
}

Result<SinceApplyReport> compare_since_apply(ActionAnalytics& provider,
                                             const std::vector<InsightTarget>& targets,
                                             std::int64_t applied_at_ms, std::int64_t now_ms,
                                             const InsightOptions& options) {
    SinceApplyReport report;
    report.applied_at_ms = applied_at_ms;
    windows_around(applied_at_ms, now_ms, report.before, report.after);
    if (report.after.length_ms() <= 0) {
        return make_error(ErrorKind::invalid_input,
                          "the last apply is not in the past; there is no window since it");
    }
    InsightOptions before_options = options;
    before_options.window = report.before;
    InsightOptions after_options = options;
    after_options.window = report.after;
    Result<InsightsReport> before = run_insights(provider, targets, before_options);
    if (!before) {
        return before.error();
    }
    Result<InsightsReport> after = run_insights(provider, targets, after_options);
    if (!after) {
        return after.error();
    }
    report.queries = before->queries + after->queries;
    for (const Insight& now : after->insights) {
        const Insight* then = find(*before, now.id);
        Comparison comparison{then != nullptr ? *then : Insight{}, now, Change::ok};
        comparison.change = change_of(comparison.before, comparison.after);
        report.actions.push_back(std::move(comparison));
    }
    std::stable_sort(
        report.actions.begin(), report.actions.end(),
        [](const Comparison& a, const Comparison& b) { return rank(a.change) < rank(b.change); });
    return report;
}

Result<std::optional<LastApply>> last_apply(const std::optional<State>& state) {
    if (!state || state->actions.empty()) {
        return std::optional<LastApply>();
    }
    // The last apply: the latest applied_at, and of the entries with it the
    // highest applied_serial (two applies within one second are two).
    const auto later = [](const StateAction& a, const StateAction& b) {
        return std::tie(a.applied_at, a.applied_serial) < std::tie(b.applied_at, b.applied_serial);
    };
    const StateAction& newest =
        *std::max_element(state->actions.begin(), state->actions.end(), later);
    std::optional<std::int64_t> at = parse_instant(newest.applied_at);
    if (!at) {
        return make_error(ErrorKind::invalid_input,
                          "applied_at " + newest.applied_at + " is not a UTC time");
    }
    LastApply last{*at, {}};
    for (const StateAction& action : state->actions) {
        if (action.applied_at == newest.applied_at &&
            action.applied_serial == newest.applied_serial && action.before != action.after) {
            last.changed.insert(action.address);
        }
    }
    return std::optional<LastApply>(std::move(last));
}

}  // namespace dactl
