#include <algorithm>

#include "engine/model/address.h"
#include "engine/render/drift_render.h"
#include "engine/render/heading.h"
#include "engine/render/plan_render.h"
#include "engine/render/value_text.h"
#include "engine/text/html.h"
#include "engine/text/quote.h"
#include "engine/util/escape.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

std::string heading(const ActionDrift& drift, const Palette& palette) {
    if (!drift.problem.empty()) {
        return palette.red("!") + " " + palette.bold(drift.address) + ": " + drift.problem + "\n";
    }
    std::string text = palette.yellow("~") + " " + palette.bold(drift.address) + ": " +
                       quoted(drift.name) + " (" + drift.id + "), live version " +
                       std::to_string(drift.live_version);
    if (drift.applied_version) {
        text += ", last applied version " + std::to_string(*drift.applied_version);
    }
    return text + "\n";
}

std::string group(const ActionDrift& drift, DriftKind kind, const Palette& palette) {
    std::string text;
    for (const auto& field : drift.fields) {
        if (field.kind != kind) {
            continue;
        }
        for (const auto& line : field_change_lines(field.field, field.from, field.to, palette)) {
            text += "        " + line + "\n";
        }
    }
    if (text.empty()) {
        return text;
    }
    std::string title;
    switch (kind) {
        case DriftKind::changed_outside:
            title = "changed in the org outside dactl (last applied -> live):";
            break;
        case DriftKind::not_yet_applied:
            title = "not yet applied (last applied -> manifest):";
            break;
        case DriftKind::differs:
            title = "not applied yet, no apply is recorded for it (live -> manifest):";
            break;
    }
    return "    " + title + "\n" + text;
}

std::string joined(const std::vector<std::string>& values) {
    if (values.empty()) {
        return "(none)";
    }
    std::string text;
    for (const std::string& value : values) {
        text += (text.empty() ? "" : ", ") + printable(value);
    }
    return text;
}

// The attribution lines of an action changed outside dactl.
std::string attributions(const ActionDrift& drift, const DriftReport& report) {
    const bool outside =
        std::any_of(drift.fields.begin(), drift.fields.end(),
                    [](const FieldDrift& f) { return f.kind == DriftKind::changed_outside; });
    if (!report.audited || !outside || !drift.problem.empty()) {
        return "";
    }
    if (drift.changed_by.empty()) {
        return "    the audit trail names no change of it since the last apply\n";
    }
    std::string text;
    for (const std::string& line : attribution_lines(drift)) {
        text += "    " + line + "\n";
    }
    return text;
}

}  // namespace

std::vector<std::string> attribution_lines(const ActionDrift& drift) {
    std::vector<std::string> lines;
    const std::string earlier = std::to_string(drift.earlier_changes) + " earlier change" +
                                (drift.earlier_changes == 1 ? "" : "s") + " since the last apply";
    if (drift.changes_cut_off) {
        lines.push_back("more than " + earlier +
                        " (dactl reads the newest 1000; the admin UI's audit view has them "
                        "all); the newest:");
    } else if (drift.earlier_changes > 0) {
        lines.push_back(earlier + "; the newest:");
    }
    for (const Attribution& attribution : drift.changed_by) {
        lines.push_back(attribution_text(attribution));
    }
    return lines;
}

std::string attribution_text(const Attribution& attribution) {
    const AuditEntry& entry = attribution.entry;
    std::string who;
    if (attribution.by_dactl) {
        who = "dactl (OAuth client " + printable(entry.client_id) + ")";
    } else if (entry.user_id) {
        who = entry.user_name
                  ? printable(*entry.user_name) + " (user " + printable(*entry.user_id) + ")"
                  : "user " + printable(*entry.user_id);
    } else {
        who = "OAuth client " + printable(entry.client_id);
    }
    std::string text = "by " + who + " at " + utc_timestamp(entry.at_ms) + ":";
    if (entry.changes.empty()) {
        return text + " " + (entry.action.empty() ? "a change" : printable(entry.action)) +
               ", no property changes logged";
    }
    std::string changes;
    for (const PropertyChange& change : entry.changes) {
        changes += changes.empty() ? " " : "; ";
        changes += printable(change.property) + " " + joined(change.old_values) + " -> " +
                   joined(change.new_values);
    }
    return text + changes;
}

std::string render_drift_text(const DriftReport& report, const Palette& palette) {
    std::string text = environment_heading(report.environment);
    if (!report.has_state) {
        text += "No state file: comparing the manifests with the org only.\n\n";
    }
    for (const auto& drift : report.drifted) {
        text += heading(drift, palette);
        for (DriftKind kind :
             {DriftKind::changed_outside, DriftKind::not_yet_applied, DriftKind::differs}) {
            text += group(drift, kind, palette);
        }
        text += attributions(drift, report);
        text += "\n";
    }
    if (report.drifted.empty()) {
        text += report.has_state
                    ? "No drift. The org, the manifests and the last apply agree.\n\n"
                    : "No drift. The org matches the manifests; no apply is recorded yet.\n\n";
    }
    text += palette.bold("Drift:") + " " + std::to_string(report.drifted.size()) + " drifted, " +
            std::to_string(report.in_sync.size()) + " in sync.\n";
    if (!report.empty() && !report.changed_in_org()) {
        text += "Nothing changed in the org: all that differs is merged but not yet applied.\n";
    }
    if (!report.targets.empty()) {
        text += partial_drift_note(report) + "\n";
    }
    if (report.secrets_unchecked) {
        text += std::string(k_secrets_unchecked_note) + "\n";
    }
    if (!report.audit_note.empty()) {
        text += "Audit trail: " + report.audit_note + ".\n";
    }
    return text;
}

std::string partial_drift_note(const DriftReport& report) {
    return "Partial check: only " + targets_text(report.targets) +
           "; the other actions of the manifests were not compared.";
}

std::string render_drift_markdown(const DriftReport& report, std::size_t limit) {
    const std::string title = markdown_title("drift", report.environment);
    std::string note = report.secrets_unchecked
                           ? "\n> **Note:** " + std::string(k_secrets_unchecked_note) + "\n"
                           : std::string();
    if (!report.audit_note.empty()) {
        note += "\n> **Audit trail:** " + markdown_cell(report.audit_note) + ".\n";
    }
    if (!report.targets.empty()) {
        note += "\n> " + markdown_cell(partial_drift_note(report)) + "\n";
    }
    if (report.drifted.empty()) {
        return (report.has_state ? title +
                                       ": no drift\n\nThe org, the manifests and the last apply "
                                       "agree ("
                                 : title +
                                       ": no drift\n\nThe org matches the manifests; no apply is "
                                       "recorded yet (") +
               std::to_string(report.in_sync.size()) + " in sync).\n" + note;
    }
    const std::string head =
        title + ": " + std::to_string(report.drifted.size()) + " drifted, " +
        std::to_string(report.in_sync.size()) +
        " in sync\n\n| | Action | Name | Id | Drift |\n|---|---|---|---|---|\n";
    std::vector<std::string> rows;
    std::vector<std::string> blocks;
    for (const auto& drift : report.drifted) {
        std::string kinds = drift.problem;
        std::string diff;
        for (DriftKind kind :
             {DriftKind::changed_outside, DriftKind::not_yet_applied, DriftKind::differs}) {
            std::string lines;
            for (const auto& field : drift.fields) {
                if (field.kind == kind) {
                    lines += markdown_diff_lines(field.field, field.from, field.to);
                }
            }
            if (!lines.empty()) {
                kinds += (kinds.empty() ? "" : "; ") + std::string(drift_kind_text(kind));
                diff += "# " + std::string(drift_kind_text(kind)) + "\n" + lines;
            }
        }
        for (const std::string& line : attribution_lines(drift)) {
            diff += "# " + line + "\n";
        }
        rows.push_back("| " + std::string(drift.problem.empty() ? "~" : "!") + " | " +
                       code(drift.address) + " | " + markdown_cell(drift.name) + " | " +
                       (drift.id.empty() ? "" : code(drift.id)) + " | " + markdown_cell(kinds) +
                       " |\n");
        if (!diff.empty()) {
            blocks.push_back(details("<code>" + escape_markdown_html(drift.address) +
                                         "</code> live version " +
                                         std::to_string(drift.live_version),
                                     diff));
        }
    }
    if (!note.empty()) {
        blocks.push_back(note.substr(1) + "\n");
    }
    return assemble(head, rows, blocks, limit, "actions");
}

}  // namespace dactl
