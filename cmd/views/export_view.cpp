#include "cmd/views/export_view.h"

namespace dactl::cli {

View export_view(const ExportResult& result, const std::string& directory) {
    return text_only([&](const Style&) { return render_export_text(result, directory); });
}

View override_export_view(const OverrideExport& result, const std::string& environment,
                          const std::string& directory) {
    return text_only(
        [&](const Style&) { return render_override_export_text(result, environment, directory); });
}

View import_view(const LiveAction& live, const std::string& address, const std::string& file) {
    return text_only([&](const Style&) { return render_import_text(live, address, file); });
}

}  // namespace dactl::cli
