#include "engine/export/timeout_writer.h"

#include <algorithm>
#include <limits>
#include <map>

#include "engine/export/timeout_edit.h"
#include "engine/util/file_io.h"

namespace dactl {

TimeoutEdits timeout_edits(const Project& project,
                           const std::vector<TimeoutRecommendation>& recommendations) {
    TimeoutEdits result;
    for (const auto& recommendation : recommendations) {
        const DesiredAction* action = project.find_address(recommendation.address);
        if (action == nullptr) {
            continue;
        }
        if (recommendation.at_least) {
            result.lower_bounds.push_back(recommendation.address);
            continue;
        }
        auto current = action->managed.find(Field::timeout_seconds);
        if (current != action->managed.end() && current->second == Value(recommendation.seconds)) {
            continue;
        }
        result.edits.push_back(TimeoutEdit{action, recommendation.seconds});
    }
    return result;
}

namespace {

// The line an edit changes: the key's, the override table's, the selector's
// (or past the end, for an override table appended to the file).
int edit_line(const TimeoutEdit& edit, const std::string& environment) {
    const DesiredAction& action = *edit.action;
    auto key = action.positions.find(Field::timeout_seconds);
    const bool overridden = action.overridden_fields.count(Field::timeout_seconds) != 0;
    if (key != action.positions.end() && (environment.empty() || overridden)) {
        return key->second.line;
    }
    if (environment.empty()) {
        return action.selector_where.line;
    }
    return action.override_where ? action.override_where->line : std::numeric_limits<int>::max();
}

// The new text of one file, its edits applied bottom-up so that a line
// inserted for one action does not move the next one's position.
Result<std::string> edited_text(std::string text, std::vector<const TimeoutEdit*> edits,
                                const std::string& environment) {
    std::sort(edits.begin(), edits.end(), [&](const TimeoutEdit* a, const TimeoutEdit* b) {
        return edit_line(*a, environment) > edit_line(*b, environment);
    });
    std::string updated = std::move(text);
    for (const TimeoutEdit* edit : edits) {
        Result<std::string> next =
            set_timeout_in_text(updated, *edit->action, edit->seconds, environment);
        if (!next) {
            return next.error();
        }
        updated = std::move(next).value();
    }
    return updated;
}

}  // namespace

Result<ManifestChange> timeout_file_edits(const Project& project,
                                          const std::vector<TimeoutEdit>& edits) {
    std::map<std::string, std::vector<const TimeoutEdit*>> by_file;
    for (const auto& edit : edits) {
        by_file[edit.action->where.path].push_back(&edit);
    }
    ManifestChange change;
    for (const auto& [path, file_edits] : by_file) {
        const std::filesystem::path file = project.directory / path;
        Result<std::string> before = read_file(file);
        if (!before) {
            return before.error();
        }
        Result<std::string> after = edited_text(*before, file_edits, project.environment);
        if (!after) {
            return after.error();
        }
        change.files.push_back({file, path, std::move(before).value(), std::move(after).value()});
        for (const TimeoutEdit* edit : file_edits) {
            change.lines.push_back("Set timeout_seconds = " + std::to_string(edit->seconds) +
                                   " for " + edit->action->address() +
                                   (project.environment.empty()
                                        ? " in " + path
                                        : " in environment " + project.environment + " (" + path +
                                              ", [" + edit->action->address() + ".env." +
                                              project.environment + "])"));
        }
    }
    return change;
}

}  // namespace dactl
