#include "engine/render/drift_text.h"

#include "engine/render/value_text.h"
#include "engine/text/quote.h"

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
            title = "differs from the manifest (live -> manifest):";
            break;
    }
    return "    " + title + "\n" + text;
}

}  // namespace

std::string render_drift_text(const DriftReport& report, const Palette& palette) {
    std::string text;
    if (!report.has_state) {
        text += "No state file: comparing the manifests with the org only.\n\n";
    }
    for (const auto& drift : report.drifted) {
        text += heading(drift, palette);
        for (DriftKind kind :
             {DriftKind::changed_outside, DriftKind::not_yet_applied, DriftKind::differs}) {
            text += group(drift, kind, palette);
        }
        text += "\n";
    }
    if (report.drifted.empty()) {
        text += "No drift. The org, the manifests and the last apply agree.\n\n";
    }
    text += palette.bold("Drift:") + " " + std::to_string(report.drifted.size()) + " drifted, " +
            std::to_string(report.in_sync.size()) + " in sync.\n";
    if (report.secrets_unchecked) {
        text += std::string(k_secrets_unchecked_note) + "\n";
    }
    return text;
}

}  // namespace dactl
