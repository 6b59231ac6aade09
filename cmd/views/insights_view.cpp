#include "cmd/views/insights_view.h"

#include "engine/render/insights_render.h"

namespace dactl::cli {

View insights_view(const InsightsReport& report, const FlowImpact* impact) {
    return [&report, impact](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return render_insights_text(report, style.palette, impact);
            case OutputFormat::json:
                return encode_insights_output(report, impact);
            case OutputFormat::markdown:
                return render_insights_markdown(report, k_markdown_limit, impact);
            case OutputFormat::html:
                return render_insights_html(report, style.generated_at, impact);
        }
        return "";
    };
}

View since_apply_view(const SinceApplyReport& report) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return render_since_apply_text(report, style.palette);
            case OutputFormat::json:
                return encode_since_apply_output(report);
            case OutputFormat::markdown:
                return render_since_apply_markdown(report);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

}  // namespace dactl::cli
