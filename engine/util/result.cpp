#include "engine/util/result.h"

namespace dactl {

std::string Error::describe() const {
    std::string text = message;
    std::string detail;
    if (http_status != 0) {
        detail = "HTTP " + std::to_string(http_status);
        if (!api_code.empty()) {
            detail += " " + api_code;
        }
    }
    if (!correlation_id.empty()) {
        if (!detail.empty()) {
            detail += ", ";
        }
        detail += "correlation id " + correlation_id;
    }
    if (!detail.empty()) {
        text += " (" + detail + ")";
    }
    return text;
}

}  // namespace dactl
