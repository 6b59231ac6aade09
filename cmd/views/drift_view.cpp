#include "cmd/views/drift_view.h"

#include "engine/render/drift_render.h"

namespace dactl::cli {

View drift_view(const DriftReport& report) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return render_drift_text(report, style.palette);
            case OutputFormat::json:
                return encode_drift_output(report);
            case OutputFormat::markdown:
                return render_drift_markdown(report);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

}  // namespace dactl::cli
