#pragma once
// Times and durations as dactl prints them.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dactl {

/// The time as UTC in RFC 3339 form with seconds: "2026-11-28T15:35:39Z".
std::string utc_timestamp(std::chrono::system_clock::time_point time);
/// The same for milliseconds since the Unix epoch (the APIs' timestamps).
std::string utc_timestamp(std::int64_t epoch_ms);

/// Milliseconds since the epoch of a time.
std::int64_t epoch_ms(std::chrono::system_clock::time_point time);

/// Milliseconds since the epoch as the Analytics API writes instants:
/// "2026-11-24T00:00:00.000Z".
std::string iso_instant(std::int64_t at_ms);

/// An ISO-8601 instant as milliseconds since the epoch: a date
/// ("2026-11-24", midnight UTC) or a date and time with seconds, optional
/// fractions and "Z" or an offset ("2026-11-24T10:00:00+01:00"); nothing for
/// anything else, an impossible date included.
std::optional<std::int64_t> parse_instant(std::string_view text);

/// An HTTP date (RFC 9110's IMF-fixdate, "Wed, 21 Oct 2015 07:28:00 GMT") as
/// milliseconds since the epoch; nothing for anything else.
std::optional<std::int64_t> parse_http_date(std::string_view text);

/// The one way dactl writes a duration in seconds: "1.3 s" (one decimal),
/// or with `decimals` more ("1.25 s", the probe's tables).
std::string seconds_text(std::chrono::milliseconds duration, int decimals = 1);
/// seconds_text of a number of milliseconds; "-" for none.
std::string seconds_text(std::optional<std::int64_t> milliseconds, int decimals = 1);

}  // namespace dactl
