#include "cmd/views/env_diff_view.h"

#include "engine/render/env_diff_render.h"

namespace dactl::cli {

View env_diff_view(const EnvironmentDiff& diff) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return render_env_diff_text(diff, style.palette);
            case OutputFormat::json:
                return encode_env_diff_output(diff);
            case OutputFormat::markdown:
                return render_env_diff_markdown(diff);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

}  // namespace dactl::cli
