#include "cmd/duration.h"

#include <cctype>

namespace dactl::cli {

Result<std::chrono::milliseconds> parse_duration(const std::string& text,
                                                 const std::string& option) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
        ++digits;
    }
    const std::string unit = text.substr(digits);
    long long factor = 0;
    if (unit.empty() || unit == "s") {
        factor = 1000;
    } else if (unit == "ms") {
        factor = 1;
    } else if (unit == "m") {
        factor = 60000;
    } else if (unit == "h") {
        factor = 3600000;
    }
    if (digits == 0 || digits > 9 || factor == 0) {
        return make_error(ErrorKind::invalid_input,
                          option + " must be a duration such as 30s, 2m or 500ms, not " + text);
    }
    return std::chrono::milliseconds(std::stoll(text.substr(0, digits)) * factor);
}

}  // namespace dactl::cli
