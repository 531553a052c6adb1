// Tests for the time unit: offsets from the tz database across DST transitions (Europe/Amsterdam,
// Pacific/Auckland, zones with half-hour offsets), an unknown zone as a typed error, and the formats.
// scripts/test.sh runs the suite under TZ=Europe/Amsterdam and TZ=Pacific/Auckland as well: nothing
// here may depend on the process's zone.
#include "kiosk/sync/time.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace kiosk;

namespace {
std::int64_t at(std::string_view iso) {
  auto t = parse_utc(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : 0;
}
int offset(std::string_view tz, std::string_view iso) {
  auto r = zone_offset_minutes(tz, at(iso));
  EXPECT_TRUE(r.ok()) << tz << " " << iso;
  return r.ok() ? *r : -9999;
}
}  // namespace

TEST(time_test, amsterdam_changes_on_the_last_sundays_of_march_and_october_at_one_utc) {
  // 2026-03-29 and 2026-10-25 are the last Sundays; the clocks change at 01:00 UTC.
  EXPECT_EQ(offset("Europe/Amsterdam", "2026-01-15T12:00:00Z"), 60);
  EXPECT_EQ(offset("Europe/Amsterdam", "2026-03-29T00:59:59.999Z"), 60);
  EXPECT_EQ(offset("Europe/Amsterdam", "2026-03-29T01:00:00Z"), 120);
  EXPECT_EQ(offset("Europe/Amsterdam", "2026-03-22T12:00:00Z"), 60);  // not the first or a fixed date
  EXPECT_EQ(offset("Europe/Amsterdam", "2026-10-25T00:59:59.999Z"), 120);
  EXPECT_EQ(offset("Europe/Amsterdam", "2026-10-25T01:00:00Z"), 60);
  EXPECT_EQ(offset("Europe/Amsterdam", "2027-03-28T01:00:00Z"), 120);  // 2027's last Sunday of March
  EXPECT_EQ(offset("Europe/Amsterdam", "2027-03-27T12:00:00Z"), 60);
}

TEST(time_test, auckland_is_ahead_and_its_summer_is_the_other_way_round) {
  // NZDT (+13:00) ends on the first Sunday of April at 03:00 local (2026-04-04T14:00Z), NZST (+12:00)
  // ends on the last Sunday of September at 02:00 local (2026-09-26T14:00Z).
  EXPECT_EQ(offset("Pacific/Auckland", "2026-01-15T12:00:00Z"), 780);
  EXPECT_EQ(offset("Pacific/Auckland", "2026-04-04T13:59:59Z"), 780);
  EXPECT_EQ(offset("Pacific/Auckland", "2026-04-04T14:00:00Z"), 720);
  EXPECT_EQ(offset("Pacific/Auckland", "2026-09-26T13:59:59Z"), 720);
  EXPECT_EQ(offset("Pacific/Auckland", "2026-09-26T14:00:00Z"), 780);
}

TEST(time_test, offsets_that_are_not_whole_hours_and_west_of_utc) {
  EXPECT_EQ(offset("Asia/Kolkata", "2026-06-01T00:00:00Z"), 330);
  EXPECT_EQ(offset("America/St_Johns", "2026-01-15T12:00:00Z"), -210);
  EXPECT_EQ(offset("America/St_Johns", "2026-07-15T12:00:00Z"), -150);
  EXPECT_EQ(offset("UTC", "2026-07-15T12:00:00Z"), 0);
  EXPECT_EQ(offset("Etc/UTC", "2026-07-15T12:00:00Z"), 0);
}

TEST(time_test, an_unknown_zone_is_a_typed_error_not_an_exception) {
  for (std::string_view tz : {"Mars/Olympus_Mons", "", "Europe/", "../../etc/passwd", "europe/amsterdam"}) {
    auto r = zone_offset_minutes(tz, at("2026-07-15T12:00:00Z"));
    ASSERT_FALSE(r.ok()) << tz;
    EXPECT_EQ(r.error().code, Errc::invalid_value);
    EXPECT_EQ(r.error().field, "time_zone");
    EXPECT_NE(r.error().message.find("time zone"), std::string::npos) << r.error().message;
    EXPECT_EQ(utc_offset_minutes(tz, at("2026-07-15T12:00:00Z")), 0);  // the lenient form: UTC
  }
}

TEST(time_test, local_formats_around_a_transition) {
  const std::int64_t before = at("2026-03-29T00:30:00Z"), after = at("2026-03-29T01:30:00Z");
  const int ob = utc_offset_minutes("Europe/Amsterdam", before), oa = utc_offset_minutes("Europe/Amsterdam", after);
  EXPECT_EQ(format_local(before, ob), "2026-03-29T01:30:00+01:00");
  EXPECT_EQ(format_local(after, oa), "2026-03-29T03:30:00+02:00");  // 02:30 never happened
  EXPECT_EQ(format_clock(after, oa), "03:30");
  EXPECT_EQ(format_date_time(after, oa), "2026-03-29 03:30");
  // A day boundary: 23:30 UTC on New Year's Eve is already the new year in Amsterdam and Auckland.
  const std::int64_t nye = at("2026-12-31T23:30:00Z");
  EXPECT_EQ(format_date(nye, 0), "2026-12-31");
  EXPECT_EQ(format_date(nye, utc_offset_minutes("Europe/Amsterdam", nye)), "2027-01-01");
  EXPECT_EQ(format_day_month_year(nye, utc_offset_minutes("Pacific/Auckland", nye)), "01-01-2027");
  EXPECT_EQ(format_local(nye, utc_offset_minutes("Pacific/Auckland", nye)), "2027-01-01T12:30:00+13:00");
  EXPECT_EQ(format_local(at("2026-01-15T12:00:00Z"), -210), "2026-01-15T08:30:00-03:30");
}

TEST(time_test, utc_round_trip_with_milliseconds) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_utc(1763889302123), "2025-11-23T09:15:02.123Z");
  EXPECT_EQ(format_utc(-1), "1969-12-31T23:59:59.999Z");
  for (std::int64_t t :
       {std::int64_t{0}, std::int64_t{1763889302123}, std::int64_t{4102444800999}, std::int64_t{951782400000}})
    EXPECT_EQ(at(format_utc(t)), t);
  EXPECT_EQ(at("2026-11-23T09:15:02Z"), 1795425302000);
  EXPECT_EQ(at("2026-11-23T09:15:02.1Z"), 1795425302100);
  EXPECT_EQ(at("2024-02-29T00:00:00Z"), 1709164800000);               // leap day
  EXPECT_EQ(at("2026-02-30T00:00:00Z"), at("2026-03-02T00:00:00Z"));  // carries over, as timegm does
}

TEST(time_test, parse_refuses_what_is_not_utc) {
  EXPECT_FALSE(parse_utc("2026-11-23T09:15:02").ok());
  EXPECT_FALSE(parse_utc("2026-11-23T09:15:02+01:00").ok());
  EXPECT_FALSE(parse_utc("2026-13-01T00:00:00Z").ok());
  EXPECT_FALSE(parse_utc("yesterday").ok());
  EXPECT_EQ(parse_utc("2026-11-23").error().code, Errc::invalid_value);
}
