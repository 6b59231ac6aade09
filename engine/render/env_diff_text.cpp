#include "engine/json/json_writer.h"
#include "engine/render/env_diff_render.h"
#include "engine/render/markdown_text.h"
#include "engine/render/value_text.h"
#include "engine/text/quote.h"
#include "engine/text/word_list.h"

namespace dactl {

namespace {

std::string missing_in(const EnvironmentDiff& diff, const ActionDifference& action) {
    std::vector<std::string> where;
    if (action.first_id.empty()) {
        where.push_back(diff.first);
    }
    if (action.second_id.empty()) {
        where.push_back(diff.second);
    }
    return word_list(where);
}

std::string ids(const EnvironmentDiff& diff, const ActionDifference& action) {
    return diff.first + " " + (action.first_id.empty() ? "-" : action.first_id) + ", " +
           diff.second + " " + (action.second_id.empty() ? "-" : action.second_id);
}

std::string standing_text(Standing standing) {
    return standing == Standing::hand_edit ? "was changed outside dactl" : "is not applied yet";
}

// Why a difference that is not intended is not: each side that does not hold
// what its own manifests declare, or that they declare no difference.
std::string explanation(const EnvironmentDiff& diff, const FieldDifference& field) {
    std::string text;
    const auto side = [&](const std::string& name, Standing standing, const Value& declared) {
        if (standing == Standing::as_declared) {
            return;
        }
        text += "          " + name + " " + standing_text(standing) + ": its manifests declare " +
                value_text(field.field, declared) + "\n";
    };
    side(diff.first, field.first_standing, field.first_declared);
    side(diff.second, field.second_standing, field.second_declared);
    if (text.empty()) {
        text = "          the manifests declare no difference\n";
    }
    return text;
}

std::string group(const EnvironmentDiff& diff, const ActionDifference& action, Judgement judgement,
                  const Palette& palette) {
    std::string text;
    for (const auto& field : action.fields) {
        if (field.judgement != judgement) {
            continue;
        }
        for (const auto& line :
             field_change_lines(field.field, field.first, field.second, palette)) {
            text += "        " + line + "\n";
        }
        if (judgement != Judgement::intended) {
            text += explanation(diff, field);
        }
    }
    if (text.empty()) {
        return text;
    }
    std::string title = "    ";
    if (judgement == Judgement::intended) {
        title += "intended (each org holds what its manifests declare, ";
    } else if (judgement == Judgement::pending) {
        title += "not applied yet (";
    } else {
        title += palette.red("unintended");
        title += " (";
    }
    return title + diff.first + " -> " + diff.second + "):\n" + text;
}

std::string not_applied(const ActionDifference& action) {
    std::vector<std::string> keys;
    for (Field field : action.not_applied) {
        keys.emplace_back(field_key(field));
    }
    return word_list(keys);
}

std::string summary(const EnvironmentDiff& diff) {
    const std::size_t intended = diff.count(Judgement::intended);
    const std::size_t pending = diff.count(Judgement::pending);
    const std::size_t unintended = diff.unintended_count();
    const std::string compared = std::to_string(diff.compared) +
                                 (diff.compared == 1 ? " managed action" : " managed actions") +
                                 " compared";
    const auto count = [](std::size_t n, const char* what) {
        return std::to_string(n) + " " + what + (n == 1 ? " difference" : " differences");
    };
    const std::string also =
        pending > 0 ? "; " + std::to_string(pending) + " not applied yet" : std::string();
    if (unintended > 0) {
        return diff.first + " and " + diff.second + " differ: " + count(unintended, "unintended") +
               ", " + count(intended, "intended") + also + "; " + compared + ".";
    }
    if (intended > 0 || pending > 0) {
        return "No unintended differences: " + count(intended, "intended") + also + "; " +
               compared + ".";
    }
    return "No differences between " + diff.first + " and " + diff.second + ": " + compared + ".";
}

}  // namespace

std::string render_env_diff_text(const EnvironmentDiff& diff, const Palette& palette) {
    std::string text;
    for (const auto& action : diff.actions) {
        text += action.unintended() ? palette.red("!") : palette.yellow("~");
        text += " ";
        text += palette.bold(action.address);
        if (!action.name.empty()) {
            text += " ";
            text += dactl::quoted(action.name);
        }
        text += " (";
        text += ids(diff, action);
        text += ")\n";
        if (action.missing()) {
            text += "    selects no action in ";
            text += missing_in(diff, action);
            text += ": nothing to compare\n";
            continue;
        }
        text += group(diff, action, Judgement::unintended, palette);
        text += group(diff, action, Judgement::pending, palette);
        text += group(diff, action, Judgement::intended, palette);
        if (!action.not_applied.empty()) {
            text += "    declared differently but the same in both orgs (not applied yet): ";
            text += not_applied(action);
            text += "\n";
        }
    }
    if (!text.empty()) {
        text += "\n";
    }
    return text + summary(diff) + "\n";
}

namespace {

std::string judgement_cell(const EnvironmentDiff& diff, const FieldDifference& field) {
    if (field.judgement == Judgement::intended) {
        return "intended";
    }
    std::string text = field.judgement == Judgement::pending ? "not applied yet" : "**unintended**";
    for (const auto& [name, standing] : {std::pair{diff.first, field.first_standing},
                                         std::pair{diff.second, field.second_standing}}) {
        if (standing != Standing::as_declared) {
            text += ": " + name + " " + standing_text(standing);
        }
    }
    return text;
}

}  // namespace

std::string render_env_diff_markdown(const EnvironmentDiff& diff) {
    std::string text = "### dactl diff-env " + diff.first + " " + diff.second + "\n\n";
    if (!diff.actions.empty()) {
        text += "| Action | Field | " + diff.first + " | " + diff.second + " | Difference |\n";
        text += "|---|---|---|---|---|\n";
    }
    const auto cell = [](const std::string& value) {
        std::string out;
        for (char c : value) {
            out += c == '|' ? std::string("\\|") : std::string(1, c == '\n' ? ' ' : c);
        }
        return out;
    };
    for (const auto& action : diff.actions) {
        if (action.missing()) {
            text += "| " + code(action.address) + " | | | | **missing in " +
                    missing_in(diff, action) + "** |\n";
        }
        for (const auto& field : action.fields) {
            text += "| " + code(action.address) + " | " +
                    code(std::string(field_key(field.field))) + " | " +
                    cell(value_text(field.field, field.first)) + " | " +
                    cell(value_text(field.field, field.second)) + " | " +
                    judgement_cell(diff, field) + " |\n";
        }
        for (Field field : action.not_applied) {
            text += "| " + code(action.address) + " | " + code(std::string(field_key(field))) +
                    " | | | declared, not applied yet |\n";
        }
    }
    if (!diff.actions.empty()) {
        text += "\n";
    }
    return text + summary(diff) + "\n";
}

}  // namespace dactl
