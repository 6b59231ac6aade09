#include "engine/render/text_plan.h"

#include "engine/model/address.h"
#include "engine/render/value_text.h"
#include "engine/text/quote.h"

namespace dactl {

std::string action_heading(const ActionChange& change, const Palette& palette) {
    return palette.yellow("~") + " " + palette.bold(change.address) + ": " + quoted(change.name) +
           " (" + change.id + ")";
}

std::string render_plan_text(const Plan& plan, const Palette& palette) {
    std::string text;
    for (const auto& change : plan.changes) {
        text += action_heading(change, palette) + "\n";
        for (const auto& field : change.fields) {
            std::vector<std::string> lines =
                field_change_lines(field.field, field.before, field.after, palette);
            if (!field.rule.empty() && !lines.empty()) {
                lines.back() += "   (" + field.rule + ": " + field.policy + ")";
            }
            for (const auto& line : lines) {
                text += "    " + line + "\n";
            }
        }
        text += "\n";
    }
    if (plan.changes.empty()) {
        text += "No changes. The live actions match the manifests.\n\n";
    }
    text += palette.bold("Plan:") + " " + std::to_string(plan.changes.size()) + " to change, " +
            std::to_string(plan.unchanged.size()) + " unchanged" + governed_note(plan) + ".\n";
    if (!plan.targets.empty()) {
        text += partial_plan_note(plan) + "\n";
    }
    return text;
}

std::string governed_note(const Plan& plan) {
    if (plan.governed == 0) {
        return "";
    }
    return "; " + std::to_string(plan.governed) +
           (plan.governed == 1 ? " action governed by rules" : " actions governed by rules");
}

std::string partial_plan_note(const Plan& plan) {
    return "Partial plan: only " + targets_text(plan.targets) +
           "; the other actions of the manifests were not read in detail or planned.";
}

}  // namespace dactl
