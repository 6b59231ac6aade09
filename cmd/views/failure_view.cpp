#include "cmd/views/failure_view.h"

#include "engine/render/error_render.h"

namespace dactl::cli {

View failure_view(const std::string& command, const std::string& message,
                  const Diagnostics& diagnostics) {
    return [&](OutputFormat format, const Style&) -> std::string {
        switch (format) {
            case OutputFormat::json:
                return encode_error_output(command, message, diagnostics);
            case OutputFormat::markdown:
                return render_error_markdown(command, message, diagnostics);
            case OutputFormat::text:
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

}  // namespace dactl::cli
