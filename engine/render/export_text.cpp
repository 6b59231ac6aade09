#include "engine/render/export_render.h"
#include "engine/text/quote.h"

namespace dactl {

std::string render_export_text(const ExportResult& result, const std::string& directory) {
    std::string text = "Exported " + std::to_string(result.exported) +
                       (result.exported == 1 ? " action" : " actions") + " into " +
                       std::to_string(result.files.size()) +
                       (result.files.size() == 1 ? " file" : " files") + " in " + directory + ":\n";
    for (const auto& file : result.files) {
        text += "    " + file.path + "\n";
    }
    return text;
}

std::string render_override_export_text(const OverrideExport& result,
                                        const std::string& environment,
                                        const std::string& directory) {
    std::string text =
        "Exported the overrides of " + environment + ": " + std::to_string(result.differing) +
        (result.differing == 1 ? " action differs" : " actions differ") +
        " from the base manifests in " + directory + ", " + std::to_string(result.same) +
        (result.same == 1 ? " is" : " are") + " the same";
    if (result.appends.empty()) {
        return text + "; nothing was written.\n";
    }
    text += "; appended to:\n";
    for (const auto& append : result.appends) {
        text += "    " + append.path + "\n";
    }
    return text;
}

std::string render_import_text(const LiveAction& live, const std::string& address,
                               const std::string& file) {
    return "Imported " + live.id + " " + dactl::quoted(live.name) + " (version " +
           std::to_string(live.version) + ") as " + address + " into " + file +
           " and the state. The org was not touched.\n";
}

}  // namespace dactl
