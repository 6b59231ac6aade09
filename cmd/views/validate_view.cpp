#include "cmd/views/validate_view.h"

#include "engine/render/validate_render.h"

namespace dactl::cli {

View validate_view(const ValidationReport& report) {
    return [&](OutputFormat format, const Style&) -> std::string {
        switch (format) {
            case OutputFormat::json:
                return encode_validate_output(report.actions, report.files, report.warnings,
                                              report.environments);
            case OutputFormat::text:
            case OutputFormat::markdown:
                return render_validation_text(report);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

}  // namespace dactl::cli
