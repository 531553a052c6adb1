// Time: the kiosk's time zones and the few ways it writes a moment. Zones come from the tz database
// (/usr/share/zoneinfo, package tzdata) through Howard Hinnant's date library (libhowardhinnant-date-dev);
// text through {fmt}'s chrono formatting. Nothing here reads or sets the process's TZ, so any thread may
// call any of it, and the results do not depend on the machine's zone.
//
// A moment is UTC milliseconds since the Unix epoch; local time is that moment at a UTC offset in
// minutes (the offset a submission keeps, or utc_offset_minutes of a zone at that moment).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/sync/error.hpp"

namespace kiosk {

// ISO 8601 UTC with milliseconds, e.g. 2026-11-23T09:15:02.123Z.
std::string format_utc(std::int64_t unix_ms);
// Reads the form above (fraction optional, "Z" required).
Result<std::int64_t> parse_utc(std::string_view iso);

// The offset of time zone tz (IANA name such as Europe/Amsterdam) from UTC at the given moment, in
// minutes. Errc::invalid_value (field "time_zone") for a name the tz database does not know.
Result<int> zone_offset_minutes(std::string_view tz, std::int64_t unix_ms);
// The same, but UTC (0) for an unknown zone: for callers that have nothing better to do with the error
// (the zone's shape was checked when the configuration was read).
int utc_offset_minutes(std::string_view tz, std::int64_t unix_ms);

// Local time at utc_offset_minutes:
std::string format_local(std::int64_t unix_ms, int utc_offset_minutes);           // 2026-11-23T10:15:02+01:00
std::string format_date(std::int64_t unix_ms, int utc_offset_minutes);            // 2026-11-23
std::string format_date_time(std::int64_t unix_ms, int utc_offset_minutes);       // 2026-11-23 10:15
std::string format_clock(std::int64_t unix_ms, int utc_offset_minutes);           // 10:15
std::string format_day_month_year(std::int64_t unix_ms, int utc_offset_minutes);  // 23-11-2026

}  // namespace kiosk
