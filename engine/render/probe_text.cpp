#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "engine/render/heading.h"
#include "engine/render/markdown_text.h"
#include "engine/render/probe_render.h"
#include "engine/render/recommendation_render.h"
#include "engine/render/table.h"
#include "engine/text/quote.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

std::vector<std::string> row(const ProbeEntry& entry) {
    const std::string current =
        entry.current_timeout ? std::to_string(*entry.current_timeout) + " s" : "unset (60 s)";
    if (entry.skipped()) {
        return {entry.address, "-", "-", "-", "-", "-", "-", current, "skipped"};
    }
    const LatencyStats& s = entry.stats;
    const std::string at_least = entry.recommendation.at_least ? ">= " : "";
    return {entry.address,
            std::to_string(s.samples),
            std::to_string(s.failures),
            seconds_text(s.p50, 2),
            seconds_text(s.p90, 2),
            (s.p99_censored ? ">= " : "") + seconds_text(s.p99, 2),
            seconds_text(s.max, 2),
            current,
            at_least + std::to_string(entry.recommendation.timeout_seconds) + " s"};
}

constexpr std::array<std::string_view, 9> k_headings = {
    "ACTION", "SAMPLES", "FAILURES", "P50", "P90", "P99", "MAX", "CURRENT", "RECOMMENDED"};

// The notes of one action: why it was skipped, warnings, and the errors seen.
std::vector<NoteLine> notes(const ProbeEntry& entry) {
    std::vector<NoteLine> out;
    if (entry.skipped()) {
        out.push_back({"skipped: " + skip_text(entry)});
        return out;
    }
    for (const std::string& note : entry.notes) {
        out.push_back({note});
    }
    if (entry.via_draft) {
        out.push_back(
            {"measured on a draft with a 60 s timeout; the published action was not changed"});
    }
    if (entry.stats.p99_censored) {
        out.push_back(
            {"samples cut off at the timeout only say the latency is at least that long"});
    }
    for (const std::string& note : recommendation_notes(entry.recommendation)) {
        out.push_back({note});
    }
    for (const auto& warning : recommendation_warnings(entry.recommendation)) {
        out.push_back({warning, true});
    }
    std::map<std::string, int> errors;
    for (const auto& sample : entry.samples) {
        if (!sample.success && !sample.timed_out && !sample.error.empty()) {
            errors[sample.error] += 1;
        }
    }
    for (const auto& [error, count] : errors) {
        out.push_back({std::to_string(count) + " failed: " + error});
    }
    return out;
}

TableRows rows_of(const ProbeReport& report) {
    TableRows rows = {{k_headings.begin(), k_headings.end()}};
    for (const auto& entry : report.entries) {
        rows.push_back(row(entry));
    }
    return rows;
}

}  // namespace

std::string skip_text(const ProbeEntry& entry) {
    switch (entry.skip) {
        case SkipReason::writes:
            return "request type " + entry.request_type +
                   ": the test endpoint calls the real back-end; pass --allow-writes to probe it";
        case SkipReason::draft_in_progress:
            return "it has a draft (someone's work in progress); --via-draft leaves it alone";
        case SkipReason::none:
            break;
    }
    return "";
}

std::string render_probe_text(const ProbeReport& report, const Palette& palette) {
    std::string text =
        environment_heading(report.environment) + text_table(rows_of(report), palette);
    for (const auto& entry : report.entries) {
        const std::vector<NoteLine> lines = notes(entry);
        if (lines.empty()) {
            continue;
        }
        text += '\n';
        text += palette.bold(entry.address) + " " + quoted(entry.name) + " (" + entry.id + ")\n";
        for (const auto& line : lines) {
            text += "    " + note_text(line, palette) + "\n";
        }
    }
    text += "\nRecommended = ";
    text += recommendation_rule(report.headroom, report.min_timeout);
    text += ".\n";
    return text;
}

std::string render_probe_markdown(const ProbeReport& report) {
    TableRows rows = rows_of(report);
    rows[0] = {"Action", "Samples", "Failures", "p50",        "p90",
               "p99",    "Max",     "Current",  "Recommended"};
    std::string text = markdown_title("probe", report.environment) + "\n\n" + markdown_table(rows);
    for (const auto& entry : report.entries) {
        for (const auto& note : notes(entry)) {
            text += "\n- " + inline_code(entry.address) + ": " + markdown_cell(note.plain());
        }
    }
    return text + "\n";
}

}  // namespace dactl
