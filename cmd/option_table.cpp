#include "cmd/option_table.h"

namespace dactl::cli {

Result<double> number_value(const std::string& name, const std::string& text, double low,
                            double high, bool whole) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(value) || value < low || value > high ||
        (whole && value != std::floor(value))) {
        return make_error(ErrorKind::invalid_input,
                          "--" + name + " must be " + (whole ? "a whole number" : "a number") +
                              " from " + std::to_string(static_cast<long long>(low)) + " to " +
                              std::to_string(static_cast<long long>(high)) + ", not " + text);
    }
    return value;
}

}  // namespace dactl::cli
