#include "engine/render/validate_render.h"
#include "engine/text/word_list.h"

namespace dactl {

std::string render_validation_text(const ValidationReport& report) {
    std::string text =
        "Valid: " + std::to_string(report.actions) + (report.actions == 1 ? " action" : " actions");
    if (report.rules > 0) {
        text += " and " + std::to_string(report.rules) + (report.rules == 1 ? " rule" : " rules");
    }
    text += " in " + std::to_string(report.files) + (report.files == 1 ? " file" : " files");
    if (!report.environments.empty()) {
        text += ", for ";
        text += report.environments.size() == 1 ? "environment " : "environments ";
        text += word_list(report.environments);
    }
    return text + ".\n";
}

}  // namespace dactl
