#include <cstdio>

#include "engine/render/heading.h"
#include "engine/render/impact_render.h"
#include "engine/render/insights_render.h"
#include "engine/render/markdown_text.h"
#include "engine/render/recommendation_render.h"
#include "engine/render/table.h"
#include "engine/text/quote.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

std::string current_text(const std::optional<int>& current) {
    return current ? std::to_string(*current) + " s" : "unset (60 s)";
}

std::string recommended_text(const Insight& insight) {
    if (!insight.recommendation) {
        return "-";
    }
    return (insight.recommendation->at_least ? ">= " : "") +
           std::to_string(insight.recommendation->timeout_seconds) + " s";
}

std::string p99_text(const Insight& insight) {
    if (insight.executions == 0) {
        return "-";
    }
    const std::string cut = insight.timeouts > 0 ? ">= " : "";
    return insight.p99_ms ? cut + insight_seconds(insight.p99_ms)
                          : cut + insight_seconds(insight.max_ms) + " (max)";
}

TableRows insight_rows(const InsightsReport& report) {
    TableRows rows = {{"ACTION", "EXECUTIONS", "TIMEOUTS", "FAILURES", "P95", "P99", "MAX",
                       "CURRENT", "VERDICT", "RECOMMENDED"}};
    for (const Insight& insight : report.insights) {
        const bool ran = insight.executions > 0;
        rows.push_back(
            {insight_label(insight.address, insight.name), std::to_string(insight.executions),
             std::to_string(insight.timeouts), std::to_string(insight.failures),
             ran ? insight_seconds(insight.p95_ms) : "-", p99_text(insight),
             ran ? insight_seconds(insight.max_ms) : "-", current_text(insight.current_timeout),
             verdict_text(insight.verdict), recommended_text(insight)});
    }
    return rows;
}

// What one action's block says: failures by kind, notes, warnings.
std::vector<NoteLine> notes_of(const Insight& insight) {
    std::vector<NoteLine> lines;
    for (const FailureCount& kind : insight.failure_kinds) {
        lines.push_back({std::to_string(kind.count) + " failed with errorType " +
                         quoted(kind.error_type) + ", responseStatus " +
                         quoted(kind.response_status) +
                         (kind.timeout ? " (counted as timeouts)" : " (not a timeout)")});
    }
    for (const InsightNote& note : insight.notes) {
        lines.push_back({insight_note_text(insight, note)});
    }
    if (insight.recommendation) {
        for (const std::string& note : recommendation_notes(*insight.recommendation)) {
            lines.push_back({note});
        }
        for (const std::string& warning : recommendation_warnings(*insight.recommendation)) {
            lines.push_back({warning, true});
        }
    }
    return lines;
}

// An action's lines: its notes, then the flows calling it when listed.
std::vector<NoteLine> lines_of(const Insight& insight, const FlowImpact* impact) {
    std::vector<NoteLine> lines = notes_of(insight);
    if (const CallingFlows* flows = impact ? impact->flows_of(insight.id) : nullptr) {
        lines.push_back({flow_line(*flows)});
    }
    return lines;
}

std::string how_text(const InsightsReport& report) {
    std::string text = "Recommended = ";
    text += recommendation_rule(report.headroom, report.min_timeout);
    text += "; at risk = p99 at or above 80% of the current timeout.\n";
    if (report.timeout_error_types) {
        std::string listed;
        for (const std::string& type : *report.timeout_error_types) {
            listed += (listed.empty() ? "" : ", ") + type;
        }
        text += "Timeouts: the errorType values " + listed +
                " ([insights] timeout_error_types in dactl.toml).\n";
    } else {
        text +=
            "Timeouts: failures whose errorType contains \"timeout\" or \"timed\", or whose "
            "responseStatus is 408 or 504 (set [insights] timeout_error_types in dactl.toml when "
            "this guesses wrong).\n";
    }
    return text;
}

std::string since_summary(const SinceApplyReport& report) {
    std::map<Change, int> counts;
    for (const Comparison& comparison : report.actions) {
        counts[comparison.change] += 1;
    }
    std::string text = std::to_string(report.actions.size()) + " action" +
                       (report.actions.size() == 1 ? "" : "s") + " changed by the apply at " +
                       utc_timestamp(report.applied_at_ms) + ":";
    bool first = true;
    for (Change change : {Change::fixed, Change::improved, Change::still_timing_out,
                          Change::not_enough_traffic, Change::ok}) {
        text += std::string(first ? " " : ", ") + std::to_string(counts[change]) + " " +
                change_text(change);
        first = false;
    }
    return text + " (" + std::to_string(report.queries) + " analytics queries).";
}

TableRows since_rows(const SinceApplyReport& report) {
    TableRows rows = {{"ACTION", "EXECUTIONS", "TIMEOUTS", "P99", "VERDICT"}};
    for (const Comparison& comparison : report.actions) {
        const Insight& before = comparison.before;
        const Insight& after = comparison.after;
        rows.push_back(
            {insight_label(after.address, after.name),
             std::to_string(before.executions) + " -> " + std::to_string(after.executions),
             std::to_string(before.timeouts) + " -> " + std::to_string(after.timeouts),
             p99_text(before) + " -> " + p99_text(after), change_text(comparison.change)});
    }
    return rows;
}

std::string windows_text(const SinceApplyReport& report) {
    return "Before: " + utc_timestamp(report.before.start_ms) + " to " +
           utc_timestamp(report.before.end_ms) +
           "; since: " + utc_timestamp(report.after.start_ms) + " to " +
           utc_timestamp(report.after.end_ms) + ".\n";
}

}  // namespace

std::string insight_label(const std::optional<std::string>& address, const std::string& name) {
    return address ? *address : quoted(name) + " (unmanaged)";
}

namespace {

std::string cut_off_note(const Insight& insight, const InsightNote& note) {
    std::string text = std::to_string(note.count) + " of " + std::to_string(note.of) +
                       " executions timed out at the current timeout of " +
                       std::to_string(note.seconds) +
                       " s: the latency is cut off there, so the recommendation is a lower bound";
    if (note.seconds < 60) {
        text += insight.address ? "; measure it with dactl probe --via-draft " + *insight.address
                                : "; adopt it (--all --write --adopt-into FILE), then measure it "
                                  "with dactl probe --via-draft";
    }
    return text;
}

std::string function_cut_off_note(const Insight& insight, const InsightNote& note) {
    std::string text = std::to_string(note.count) + " of " + std::to_string(note.of) +
                       " executions were cut off by the function's own timeout of " +
                       std::to_string(note.seconds) + " s, before the action's " +
                       std::to_string(insight.current_timeout.value_or(60)) +
                       " s: a longer action timeout cannot help";
    if (note.seconds < k_longest_function_timeout) {
        text += "; raise function.timeout_seconds (at most " +
                std::to_string(k_longest_function_timeout) + " s)";
    } else {
        text +=
            "; function.timeout_seconds is at its most already: the function must answer "
            "sooner";
    }
    return text;
}

}  // namespace

std::string insight_note_text(const Insight& insight, const InsightNote& note) {
    using Kind = InsightNote::Kind;
    switch (note.kind) {
        case Kind::chunked_percentiles:
            return "p95 and p99 are the worst of " + std::to_string(note.count) +
                   " chunks of at most " + std::to_string(note.seconds) +
                   " days: percentiles cannot be merged";
        case Kind::no_percentiles:
            return "the analytics gave no p95 or p99: the max (" + seconds_text(note.ms) +
                   ") stands in for the p99";
        case Kind::earlier_timeouts:
            return std::to_string(note.count) +
                   " executions timed out under an earlier, lower timeout (cut off at " +
                   seconds_text(note.ms) + "), before the current " + std::to_string(note.seconds) +
                   " s applied" +
                   (note.censored
                        ? "; the p99 is cut off there, so the recommendation is a lower bound"
                        : "");
        case Kind::cut_off_now:
            return cut_off_note(insight, note);
        case Kind::measured_despite:
            return std::to_string(note.count) + " of " + std::to_string(note.of) +
                   " executions timed out at the current timeout of " +
                   std::to_string(note.seconds) + " s; the p99 (" + seconds_text(note.ms) +
                   ") is below it, so the recommendation is measured";
        case Kind::rule_exact:
            return note.rule + " sets the timeout to " + std::to_string(note.seconds) + " s; the " +
                   std::to_string(note.of) + " s measured is not written";
        case Kind::rule_at_most:
            return note.rule + " allows at most " + std::to_string(note.seconds) +
                   " s, under the " + std::to_string(note.of) +
                   " s it needs: raise the rule's at_most, or make the back-end answer sooner";
        case Kind::rule_at_least:
            return note.rule + " asks for at least " + std::to_string(note.seconds) + " s";
        case Kind::function_cut_off:
            return function_cut_off_note(insight, note);
    }
    return "";
}

std::string insight_seconds(std::optional<std::int64_t> ms) {
    return seconds_text(ms);
}

std::string insights_summary(const InsightsReport& report) {
    const std::size_t n = report.insights.size();
    std::string text = std::to_string(n) + " action" + (n == 1 ? "" : "s") + ", " +
                       utc_timestamp(report.window.start_ms) + " to " +
                       utc_timestamp(report.window.end_ms) + ": ";
    bool first = true;
    for (Verdict verdict :
         {Verdict::timing_out, Verdict::at_risk, Verdict::ok, Verdict::no_traffic}) {
        text += std::string(first ? "" : ", ") + std::to_string(report.count(verdict)) + " " +
                verdict_text(verdict);
        first = false;
    }
    return text + " (" + std::to_string(report.queries) + " analytics quer" +
           (report.queries == 1 ? "y" : "ies") + ").";
}

std::string render_insights_text(const InsightsReport& report, const Palette& palette,
                                 const FlowImpact* impact) {
    std::string text =
        environment_heading(report.environment) + text_table(insight_rows(report), palette);
    for (const Insight& insight : report.insights) {
        const std::vector<NoteLine> lines = lines_of(insight, impact);
        if (lines.empty()) {
            continue;
        }
        text += '\n';
        text += insight.address
                    ? palette.bold(*insight.address) + " " + quoted(insight.name) + " (" +
                          insight.id + ")"
                    : palette.bold(quoted(insight.name)) + " (unmanaged, " + insight.id + ")";
        text += '\n';
        for (const NoteLine& line : lines) {
            text += "    " + note_text(line, palette) + "\n";
        }
    }
    if (impact != nullptr && impact->blast) {
        text += "\n" + blast_section_text(*impact->blast, palette);
    }
    text += "\n" + insights_summary(report) + "\n" + how_text(report);
    for (const std::string& note : impact ? impact_notes(*impact) : std::vector<std::string>()) {
        text += note + "\n";
    }
    return text;
}

std::string render_insights_markdown(const InsightsReport& report, std::size_t limit,
                                     const FlowImpact* impact) {
    TableRows rows = insight_rows(report);
    rows[0] = {"Action", "Executions", "Timeouts", "Failures", "p95",
               "p99",    "Max",        "Current",  "Verdict",  "Recommended"};
    const std::string head =
        markdown_title("insights", report.environment) + "\n\n" + insights_summary(report) + "\n\n";
    std::string foot = "\n\n";
    if (impact != nullptr && impact->blast) {
        foot += blast_section_markdown(*impact->blast) + "\n";
    }
    foot += how_text(report);
    for (const std::string& note : impact ? impact_notes(*impact) : std::vector<std::string>()) {
        foot += "\n> " + markdown_cell(note) + "\n";
    }
    // Room for the line that says what was left out.
    constexpr std::size_t k_reserve = 200;
    const std::size_t room = limit > head.size() + foot.size() + k_reserve
                                 ? limit - head.size() - foot.size() - k_reserve
                                 : 0;
    // Rows (worst first) while they fit, then the notes of the actions shown.
    // The table is a heading line, a separator line, then one line per row.
    std::string table = markdown_table(rows);
    std::size_t shown = report.insights.size();
    if (table.size() > room) {
        std::size_t end = table.find('\n', table.find('\n') + 1) + 1;
        shown = 0;
        for (std::size_t next = table.find('\n', end);
             next != std::string::npos && next + 1 <= room; next = table.find('\n', end)) {
            end = next + 1;
            ++shown;
        }
        table.resize(end);
    }
    std::string notes;
    bool full = false;
    for (std::size_t i = 0; i < shown && !full; ++i) {
        const Insight& insight = report.insights[i];
        for (const NoteLine& note : lines_of(insight, impact)) {
            std::string line =
                "\n- " + inline_code(insight_label(insight.address, insight.name)) + ": ";
            line += markdown_cell(note.plain());
            full = table.size() + notes.size() + line.size() > room;
            if (full) {
                break;
            }
            notes += line;
        }
    }
    std::string text = head + table + notes;
    if (shown < report.insights.size()) {
        text += "\n\n" + std::to_string(report.insights.size() - shown) +
                " more actions, the least urgent, are left out here (GitHub takes at most 65,536 "
                "characters); the job log and --format json have every one.";
    }
    return text + foot;
}

std::string render_since_apply_text(const SinceApplyReport& report, const Palette& palette) {
    return environment_heading(report.environment) + text_table(since_rows(report), palette) +
           "\n" + windows_text(report) + since_summary(report) + "\n";
}

std::string render_since_apply_markdown(const SinceApplyReport& report) {
    TableRows rows = since_rows(report);
    rows[0] = {"Action", "Executions", "Timeouts", "p99", "Verdict"};
    return markdown_title("insights --since-apply", report.environment) + "\n\n" +
           since_summary(report) + "\n\n" + markdown_table(rows) + "\n" + windows_text(report);
}

}  // namespace dactl
