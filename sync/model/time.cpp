// Time zones and time formats (see time.hpp).
#include "kiosk/sync/time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

using std::chrono::milliseconds;
using Ms = date::sys_time<milliseconds>;

// The wall clock of unix_ms at the offset, as the std::tm {fmt} formats. Built by the date library, not
// by gmtime/localtime, and never given to {fmt} as a system_clock time_point: {fmt} 9 formats those in
// the process's TZ.
std::tm wall_tm(std::int64_t unix_ms, int offset_min) {
  const Ms t = Ms{milliseconds{unix_ms}} + std::chrono::minutes{offset_min};
  const date::sys_days day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<milliseconds> hms{t - day};
  std::tm tm{};
  tm.tm_year = static_cast<int>(ymd.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  tm.tm_hour = static_cast<int>(hms.hours().count());
  tm.tm_min = static_cast<int>(hms.minutes().count());
  tm.tm_sec = static_cast<int>(hms.seconds().count());
  tm.tm_wday = static_cast<int>(date::weekday{day}.c_encoding());
  tm.tm_yday = static_cast<int>((day - date::sys_days{ymd.year() / date::January / 1}).count());
  tm.tm_gmtoff = offset_min * 60L;
  return tm;
}

int millis_of(std::int64_t unix_ms) { return static_cast<int>(((unix_ms % 1000) + 1000) % 1000); }

}  // namespace

std::string format_utc(std::int64_t unix_ms) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", wall_tm(unix_ms, 0), millis_of(unix_ms));
}

Result<std::int64_t> parse_utc(std::string_view iso) {
  int y, mo, d, h, mi, sec, ms = 0, n = 0;
  std::string s(iso);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
    return make_error(Errc::invalid_value, "not an ISO 8601 UTC time: '" + s + "'", "created_at");
  std::string_view rest = std::string_view(s).substr(static_cast<std::size_t>(n));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) ms = ms * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    for (int i = digits; i < 3; ++i) ms *= 10;
  }
  if (rest != "Z" || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
    return make_error(Errc::invalid_value, "not an ISO 8601 UTC time ending in Z: '" + s + "'", "created_at");
  // Days past the month's end and a leap second carry over, as timegm() does.
  const date::sys_days first{date::year{y} / date::month{static_cast<unsigned>(mo)} / 1};
  const Ms t = first + date::days{d - 1} + std::chrono::hours{h} + std::chrono::minutes{mi} +
               std::chrono::seconds{sec} + milliseconds{ms};
  return t.time_since_epoch().count();
}

Result<int> zone_offset_minutes(std::string_view tz, std::int64_t unix_ms) {
  try {
    // The database is read once (thread-safe); each zone's file on first use.
    const date::time_zone* zone = date::locate_zone(tz);
    const auto info = zone->get_info(date::floor<std::chrono::seconds>(Ms{milliseconds{unix_ms}}));
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
  } catch (const std::exception& e) {
    // locate_zone throws for an unknown name, get_tzdb for a missing or unreadable database.
    return make_error(Errc::invalid_value, fmt::format("unknown time zone '{}' ({})", tz, e.what()), "time_zone");
  }
}

int utc_offset_minutes(std::string_view tz, std::int64_t unix_ms) {
  auto r = zone_offset_minutes(tz, unix_ms);
  return r ? *r : 0;
}

std::string format_local(std::int64_t unix_ms, int offset_min) {
  const int a = offset_min < 0 ? -offset_min : offset_min;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}{}{:02}:{:02}", wall_tm(unix_ms, offset_min), offset_min < 0 ? '-' : '+',
                     a / 60, a % 60);
}

std::string format_date(std::int64_t unix_ms, int offset_min) {
  return fmt::format("{:%Y-%m-%d}", wall_tm(unix_ms, offset_min));
}

std::string format_date_time(std::int64_t unix_ms, int offset_min) {
  return fmt::format("{:%Y-%m-%d %H:%M}", wall_tm(unix_ms, offset_min));
}

std::string format_clock(std::int64_t unix_ms, int offset_min) {
  return fmt::format("{:%H:%M}", wall_tm(unix_ms, offset_min));
}

std::string format_day_month_year(std::int64_t unix_ms, int offset_min) {
  return fmt::format("{:%d-%m-%Y}", wall_tm(unix_ms, offset_min));
}

}  // namespace kiosk
