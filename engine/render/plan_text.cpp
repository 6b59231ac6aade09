#include "engine/model/address.h"
#include "engine/render/heading.h"
#include "engine/render/impact_render.h"
#include "engine/render/plan_render.h"
#include "engine/render/value_text.h"
#include "engine/text/html.h"
#include "engine/text/quote.h"
#include "engine/util/escape.h"

namespace dactl {

namespace {

// The blast radius lines of a changed action, when weighed.
std::vector<std::string> impact_lines(const FlowImpact* impact, const std::string& id) {
    return impact != nullptr && impact->blast ? blast_lines(*impact->blast, id)
                                              : std::vector<std::string>();
}

}  // namespace

std::string action_heading(const ActionChange& change, const Palette& palette) {
    return palette.yellow("~") + " " + palette.bold(change.address) + ": " + quoted(change.name) +
           " (" + change.id + ")";
}

std::string render_plan_text(const Plan& plan, const Palette& palette, const FlowImpact* impact) {
    std::string text = environment_heading(plan.environment);
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
        if (const CallingFlows* flows = impact ? impact->flows_of(change.address) : nullptr) {
            text += "    " + flow_line(*flows) + "\n";
        }
        for (const std::string& line : impact_lines(impact, change.id)) {
            text += "    " + line + "\n";
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
    if (impact != nullptr) {
        for (const std::string& note : impact_notes(*impact)) {
            text += note + "\n";
        }
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

std::string render_plan_markdown(const Plan& plan, std::size_t limit, const std::string& command,
                                 const FlowImpact* impact) {
    const std::string title = markdown_title(command, plan.environment);
    const std::string partial = plan.targets.empty()
                                    ? std::string()
                                    : "> " + markdown_cell(partial_plan_note(plan)) + "\n\n";
    if (plan.changes.empty()) {
        return title + ": no changes\n\n" + partial + "The live actions match the manifests (" +
               std::to_string(plan.unchanged.size()) + " unchanged).\n";
    }
    std::string notes;
    for (const std::string& note : impact ? impact_notes(*impact) : std::vector<std::string>()) {
        notes += "> " + markdown_cell(note) + "\n\n";
    }
    const std::string head = title + ": " + std::to_string(plan.changes.size()) + " to change, " +
                             std::to_string(plan.unchanged.size()) + " unchanged" +
                             governed_note(plan) + "\n\n" + partial + notes +
                             "| | Action | Name | Id | Fields |\n|---|---|---|---|---|\n";
    std::vector<std::string> rows;
    std::vector<std::string> blocks;
    for (const auto& change : plan.changes) {
        std::string fields;
        std::string diff;
        for (const auto& field : change.fields) {
            fields += (fields.empty() ? "" : ", ") + std::string(field_key(field.field));
            if (!field.rule.empty()) {
                fields += " (" + code(field.rule) + ": " + markdown_cell(field.policy) + ")";
            }
            diff += markdown_diff_lines(field.field, field.before, field.after);
        }

        rows.push_back("| ~ | " + code(change.address) + " | " + markdown_cell(change.name) +
                       " | " + code(change.id) + " | " + fields + " |\n");
        std::string block = details("<code>" + escape_markdown_html(change.address) + "</code> " +
                                        escape_markdown_html(quoted(change.name)) + " (" +
                                        escape_markdown_html(change.id) + ")",
                                    diff);
        std::string under;
        if (const CallingFlows* flows = impact ? impact->flows_of(change.address) : nullptr) {
            under += markdown_cell(flow_line(*flows)) + "\n\n";
        }
        for (const std::string& line : impact_lines(impact, change.id)) {
            under += markdown_cell(line) + "\n\n";
        }
        // Under the diff, inside the block: "</details>\n\n" ends it.
        block.insert(block.size() - 12, under);
        blocks.push_back(std::move(block));
    }
    return assemble(head, rows, blocks, limit, "actions");
}

}  // namespace dactl
