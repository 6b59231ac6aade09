#include "engine/util/time_text.h"

#include <cstdio>
#include <ctime>

namespace dactl {

std::string utc_timestamp(std::int64_t epoch_ms) {
    return utc_timestamp(
        std::chrono::system_clock::time_point(std::chrono::milliseconds(epoch_ms)));
}

std::string utc_timestamp(std::chrono::system_clock::time_point time) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::int64_t epoch_ms(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string iso_instant(std::int64_t at_ms) {
    const std::int64_t seconds = at_ms >= 0 ? at_ms / 1000 : (at_ms - 999) / 1000;
    const auto millis = static_cast<int>(at_ms - seconds * 1000);
    std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  millis);
    return text;
}

namespace {

// `count` digits at `at` as a number; nothing when any is not a digit.
std::optional<int> digits_at(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

// The offset east of UTC in milliseconds of "Z", "+hh:mm" or "-hh:mm".
std::optional<std::int64_t> zone_offset(std::string_view zone) {
    if (zone == "Z") {
        return 0;
    }
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
        return std::nullopt;
    }
    std::optional<int> hours = digits_at(zone, 1, 2);
    std::optional<int> minutes = digits_at(zone, 4, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59) {
        return std::nullopt;
    }
    const std::int64_t offset = (*hours * 60 + *minutes) * 60'000LL;
    return zone[0] == '+' ? offset : -offset;
}

}  // namespace

std::optional<std::int64_t> parse_instant(std::string_view text) {
    std::optional<int> year = digits_at(text, 0, 4);
    std::optional<int> month = digits_at(text, 5, 2);
    std::optional<int> day = digits_at(text, 8, 2);
    if (!year || !month || !day || text[4] != '-' || text[7] != '-' || *month < 1 || *month > 12 ||
        *day < 1 || *day > days_in_month(*year, *month)) {
        return std::nullopt;
    }
    std::tm parts{};
    parts.tm_year = *year - 1900;
    parts.tm_mon = *month - 1;
    parts.tm_mday = *day;
    std::int64_t millis = 0;
    std::int64_t offset = 0;
    if (text.size() > 10) {
        std::optional<int> hour = digits_at(text, 11, 2);
        std::optional<int> minute = digits_at(text, 14, 2);
        std::optional<int> second = digits_at(text, 17, 2);
        if (text[10] != 'T' || !hour || !minute || !second || text[13] != ':' || text[16] != ':' ||
            *hour > 23 || *minute > 59 || *second > 59) {
            return std::nullopt;
        }
        parts.tm_hour = *hour;
        parts.tm_min = *minute;
        parts.tm_sec = *second;
        std::size_t at = 19;
        if (at < text.size() && text[at] == '.') {
            std::size_t end = at + 1;
            while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
                ++end;
            }
            if (end == at + 1) {
                return std::nullopt;
            }
            std::string fraction(text.substr(at + 1, end - at - 1));
            fraction.resize(3, '0');
            millis = *digits_at(fraction, 0, 3);
            at = end;
        }
        std::optional<std::int64_t> zone = zone_offset(text.substr(std::min(at, text.size())));
        if (!zone) {
            return std::nullopt;
        }
        offset = *zone;
    }
    return static_cast<std::int64_t>(timegm(&parts)) * 1000 + millis - offset;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
    static constexpr std::string_view k_months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    // "Wed, 21 Oct 2015 07:28:00 GMT": 29 characters, fixed positions.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
        text[16] != ' ' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    const std::size_t month = k_months.find(text.substr(8, 3));
    if (month == std::string_view::npos || month % 3 != 0) {
        return std::nullopt;
    }
    std::string iso(text.substr(12, 4));
    iso += '-';
    iso += static_cast<char>('0' + (month / 3 + 1) / 10);
    iso += static_cast<char>('0' + (month / 3 + 1) % 10);
    iso += '-';
    iso += text.substr(5, 2);
    iso += 'T';
    iso += text.substr(17, 8);
    iso += 'Z';
    return parse_instant(iso);
}

std::string seconds_text(std::chrono::milliseconds duration, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f s", decimals,
                  static_cast<double>(duration.count()) / 1000.0);
    return text;
}

std::string seconds_text(std::optional<std::int64_t> milliseconds, int decimals) {
    return milliseconds ? seconds_text(std::chrono::milliseconds(*milliseconds), decimals) : "-";
}

}  // namespace dactl
