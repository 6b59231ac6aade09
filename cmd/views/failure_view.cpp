#include "cmd/views/failure_view.h"

namespace dactl::cli {

View failure_view(const Failure& failure) {
    return [&](OutputFormat format, const Style&) -> std::string {
        switch (format) {
            case OutputFormat::json:
                return encode_error_output(failure);
            case OutputFormat::markdown:
                return render_error_markdown(failure);
            case OutputFormat::text:
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

}  // namespace dactl::cli
