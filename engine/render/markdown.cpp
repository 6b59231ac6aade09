#include "engine/render/markdown.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "engine/render/apply_text.h"
#include "engine/render/drift_text.h"
#include "engine/render/text_plan.h"
#include "engine/render/value_text.h"
#include "engine/text/html.h"
#include "engine/text/quote.h"
#include "engine/text/text_diff.h"

namespace dactl {

std::string markdown_cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '&') {
            out += "&amp;";
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string fenced(const std::string& body, const std::string& language) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (char c : body) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    return fence + language + "\n" + body + fence + "\n";
}

std::string render_error_markdown(const std::string& command, const std::string& message,
                                  const Diagnostics& diagnostics, std::size_t limit) {
    std::string body = "Error: ";
    body += message;
    body += "\n";
    body += diagnostics.format();
    if (body.size() > limit) {
        body.resize(limit);
        body += "\n(cut at " + std::to_string(limit) + " bytes; the job log has all of it)\n";
    }
    std::string text = "### dactl ";
    text += command;
    text += ": failed\n\n";
    text += fenced(body, "text");
    return text;
}

namespace {

std::string key_of(Field field) {
    return std::string(field_key(field));
}

std::string map_lines(Field field, const Value& before, const Value& after) {
    static const StringMap empty;
    const StringMap& old_map = before.is_map() ? before.as_map() : empty;
    const StringMap& new_map = after.is_map() ? after.as_map() : empty;
    StringMap keys = old_map;
    keys.insert(new_map.begin(), new_map.end());
    std::string text;
    for (const auto& [key, unused] : keys) {
        auto was = old_map.find(key);
        auto now = new_map.find(key);
        const bool changed =
            was == old_map.end() || now == new_map.end() || was->second != now->second;
        if (!changed) {
            continue;
        }
        const std::string entry = key_of(field) + "[" + quoted(key) + "]: ";
        if (was != old_map.end()) {
            text += "- " + entry + map_entry_text(field, key, was->second) + "\n";
        }
        if (now != new_map.end()) {
            text += "+ " + entry + map_entry_text(field, key, now->second) + "\n";
        }
    }
    return text;
}

std::string template_lines(Field field, const Value& before, const Value& after) {
    const std::string empty;
    std::string text = "  " + key_of(field) + ":\n";
    for (const DiffLine& line : unified_diff(before.is_string() ? before.as_string() : empty,
                                             after.is_string() ? after.as_string() : empty)) {
        if (line.kind == DiffLine::Kind::hunk) {
            text += line.text + "\n";
        } else if (line.kind == DiffLine::Kind::note) {
            text += "\\ " + line.text + "\n";
        } else {
            text += std::string(1, diff_prefix(line.kind)) + line.text + "\n";
        }
    }
    return text;
}

}  // namespace

std::string markdown_diff_lines(Field field, const Value& before, const Value& after) {
    switch (field_info(field).kind) {
        case FieldKind::string_map:
            return map_lines(field, before, after);
        case FieldKind::template_text:
            return template_lines(field, before, after);
        case FieldKind::text:
        case FieldKind::integer:
            break;
    }
    return "- " + key_of(field) + ": " + value_text(field, before) + "\n+ " + key_of(field) + ": " +
           value_text(field, after) + "\n";
}

}  // namespace dactl

namespace dactl {

namespace {

std::string code(const std::string& text) {
    std::string span = "`";
    span += markdown_cell(text);
    span += '`';
    return span;
}

// Joins items, leaving out as few as possible from the middle so the result
// stays within `budget`; `note(n)` replaces the n left-out items.
std::string shorten_middle(const std::vector<std::string>& items, std::size_t budget,
                           const std::function<std::string(std::size_t)>& note) {
    std::size_t total = 0;
    for (const auto& item : items) {
        total += item.size();
    }
    if (total <= budget) {
        std::string all;
        for (const auto& item : items) {
            all += item;
        }
        return all;
    }
    // Take from both ends alternately while the note still fits.
    std::size_t front = 0;
    std::size_t back = 0;
    std::size_t used = note(items.size()).size();
    bool from_front = true;
    while (front + back < items.size()) {
        const std::string& next = from_front ? items[front] : items[items.size() - 1 - back];
        if (used + next.size() > budget) {
            break;
        }
        used += next.size();
        (from_front ? front : back) += 1;
        from_front = !from_front;
    }
    std::string out;
    for (std::size_t i = 0; i < front; ++i) {
        out += items[i];
    }
    out += note(items.size() - front - back);
    for (std::size_t i = items.size() - back; i < items.size(); ++i) {
        out += items[i];
    }
    return out;
}

std::string details(const std::string& summary, const std::string& diff) {
    return "<details><summary>" + summary + "</summary>\n\n" + fenced(diff, "diff") +
           "\n</details>\n\n";
}

std::string assemble(const std::string& head, const std::vector<std::string>& rows,
                     const std::vector<std::string>& blocks, std::size_t limit,
                     const std::string& what) {
    // The table gets at most half the room, the detail blocks the rest.
    const std::size_t room = limit > head.size() + 400 ? limit - head.size() - 400 : 0;
    std::string table = shorten_middle(rows, room / 2, [&](std::size_t n) {
        return "| | *" + std::to_string(n) + " more " + what +
               " left out to keep this under the size limit* | | | |\n";
    });
    std::string body = shorten_middle(blocks, room - table.size(), [&](std::size_t n) {
        return "> **Note:** the details of " + std::to_string(n) + " " + what +
               " were left out to keep this under " + std::to_string(limit) +
               " characters; run the command locally for the full output.\n\n";
    });
    return head + table + "\n" + body;
}

}  // namespace

std::string render_plan_markdown(const Plan& plan, std::size_t limit) {
    const std::string partial = plan.targets.empty()
                                    ? std::string()
                                    : "> " + markdown_cell(partial_plan_note(plan)) + "\n\n";
    if (plan.changes.empty()) {
        return "### dactl plan: no changes\n\n" + partial +
               "The live actions match the manifests (" + std::to_string(plan.unchanged.size()) +
               " unchanged).\n";
    }
    const std::string head = "### dactl plan: " + std::to_string(plan.changes.size()) +
                             " to change, " + std::to_string(plan.unchanged.size()) + " unchanged" +
                             governed_note(plan) + "\n\n" + partial +
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
        blocks.push_back(details("<code>" + html_escape(change.address) + "</code> " +
                                     html_escape(quoted(change.name)) + " (" +
                                     html_escape(change.id) + ")",
                                 diff));
    }
    return assemble(head, rows, blocks, limit, "actions");
}

std::string render_apply_markdown(const Plan& plan, const ApplyReport& report) {
    std::string text = render_plan_markdown(plan);
    std::string results;
    for (const auto& result : report.results) {
        results += apply_result_line(result, Palette());
    }
    if (!results.empty()) {
        text += "\n#### Result\n\n" +
                fenced(results + apply_summary(report, plan.unchanged.size(), Palette()), "text");
    }
    return text;
}

std::string render_drift_markdown(const DriftReport& report, std::size_t limit) {
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
        return (report.has_state
                    ? "### dactl drift: no drift\n\nThe org, the manifests and the last apply "
                      "agree ("
                    : "### dactl drift: no drift\n\nThe org matches the manifests; no apply is "
                      "recorded yet (") +
               std::to_string(report.in_sync.size()) + " in sync).\n" + note;
    }
    const std::string head =
        "### dactl drift: " + std::to_string(report.drifted.size()) + " drifted, " +
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
        for (const Attribution& attribution : drift.changed_by) {
            diff += "# " + attribution_text(attribution) + "\n";
        }
        rows.push_back("| " + std::string(drift.problem.empty() ? "~" : "!") + " | " +
                       code(drift.address) + " | " + markdown_cell(drift.name) + " | " +
                       (drift.id.empty() ? "" : code(drift.id)) + " | " + markdown_cell(kinds) +
                       " |\n");
        if (!diff.empty()) {
            blocks.push_back(details("<code>" + html_escape(drift.address) +
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
