#include "cmd/option_values.h"

#include <cctype>

#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

constexpr std::int64_t k_hour_ms = 3'600'000;
constexpr std::int64_t k_longest_window_ms = std::int64_t{90} * 24 * k_hour_ms;

Error invalid(const std::string& message) {
    return make_error(ErrorKind::invalid_input, message);
}

std::size_t leading_digits(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
        ++digits;
    }
    return digits;
}

}  // namespace

Result<std::chrono::milliseconds> parse_duration(const std::string& text,
                                                 const std::string& option) {
    const std::size_t digits = leading_digits(text);
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
        return invalid(option + " must be a duration such as 30s, 2m or 500ms, not " + text);
    }
    return std::chrono::milliseconds(std::stoll(text.substr(0, digits)) * factor);
}

Result<std::int64_t> parse_since(const std::string& text) {
    const std::size_t digits = leading_digits(text);
    const std::string unit = text.substr(digits);
    if (digits == 0 || digits > 6 || (unit != "h" && unit != "d")) {
        return invalid("--since must be a number of hours or days such as 36h or 7d, not " + text);
    }
    const std::int64_t ms = std::stoll(text.substr(0, digits)) * (unit == "h" ? 1 : 24) * k_hour_ms;
    if (ms == 0 || ms > k_longest_window_ms) {
        return invalid("--since must be from 1h to 90d, not " + text);
    }
    return ms;
}

Result<TimeWindow> parse_interval(const std::string& text) {
    const std::size_t slash = text.find('/');
    std::optional<std::int64_t> start = parse_instant(text.substr(0, slash));
    std::optional<std::int64_t> end =
        slash == std::string::npos ? std::nullopt : parse_instant(text.substr(slash + 1));
    if (!start || !end || *start >= *end) {
        return invalid(
            "--interval must be START/END, ISO-8601 dates or instants with START before END, "
            "such as 2026-11-01/2026-11-08 or 2026-11-01T00:00:00Z/2026-11-02T12:00:00Z, not " +
            text);
    }
    if (*end - *start > k_longest_window_ms) {
        return invalid("--interval may span at most 90 days, not " + text);
    }
    return TimeWindow{*start, *end};
}

Result<ExportFields> parse_fields(const std::string& text) {
    if (text == "all") {
        return ExportFields::all;
    }
    return ExportFields::timeout;  // the choices (timeout, all) are checked by the parser
}

}  // namespace dactl::cli
