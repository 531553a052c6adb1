// The last update's status file (kiosk/core/update_status.hpp) as kiosk-update writes it, and the
// technician screen's reading of it (Session::technician_info). The script side (that kiosk-update writes
// these lines, world-readable, at each step) is tests/appliance/update_fallback_test.sh.
#include "kiosk/core/update_status.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/time.hpp"
#include "session_world.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::core;

namespace {

std::vector<std::string> languages() { return {kSupportedLanguages.begin(), kSupportedLanguages.end()}; }

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

}  // namespace

TEST(update_status_test, reads_what_kiosk_update_writes_after_a_fallback) {
  auto st = parse_update_status("kiosk-update-status 1\n"
                                "event=fallback\n"
                                "version=1.4.0+abtest3-broken\n"
                                "running=1.4.0+abtest2\n"
                                "slot=B\n"
                                "time=2026-12-04T10:15:02Z\n");
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(st->event, UpdateEvent::fallback);
  EXPECT_EQ(st->version, "1.4.0+abtest3-broken");
  EXPECT_EQ(st->running, "1.4.0+abtest2");
  EXPECT_EQ(st->slot, "B");
  EXPECT_EQ(st->time_ms, *parse_utc("2026-12-04T10:15:02Z"));
  EXPECT_EQ(st->reason, "");
  EXPECT_STREQ(update_event_key(st->event), "tech.update.fallback");
}

TEST(update_status_test, every_event_and_reason_has_its_words_in_every_language) {
  const std::pair<const char*, UpdateEvent> events[] = {{"installed", UpdateEvent::installed},
                                                        {"good", UpdateEvent::good},
                                                        {"fallback", UpdateEvent::fallback},
                                                        {"refused", UpdateEvent::refused},
                                                        {"failed", UpdateEvent::failed},
                                                        {"up_to_date", UpdateEvent::up_to_date}};
  auto cats = Catalogs::load(catalog_dir(), languages());
  ASSERT_TRUE(cats.ok()) << cats.error().message;
  for (const auto& [name, want] : events) {
    auto st = parse_update_status(std::string("kiosk-update-status 1\nevent=") + name +
                                  "\ntime=2026-12-04T10:00:00Z\nreason=untrusted\n");
    ASSERT_TRUE(st.ok()) << name << ": " << st.error().message;
    EXPECT_EQ(st->event, want) << name;
    for (const std::string& lang : languages())
      EXPECT_TRUE(cats->get(lang).has(update_event_key(want))) << lang << " " << update_event_key(want);
  }
  for (const char* r : {"untrusted", "not_code_signing", "expired", "damaged", "other_device", "no_keyring"}) {
    EXPECT_EQ(update_reason_key(r), std::string("tech.update.reason.") + r);
    for (const std::string& lang : languages())
      EXPECT_TRUE(cats->get(lang).has(update_reason_key(r))) << lang << " " << r;
  }
  // A reason a later kiosk-update may give: the general words, not the key on the screen.
  EXPECT_EQ(update_reason_key("revoked"), "tech.update.reason.other");
  for (const std::string& lang : languages())
    for (const char* k : {"tech.update", "tech.update.none", "tech.update.reason.other", "tech.update.unreadable"})
      EXPECT_TRUE(cats->get(lang).has(k)) << lang << " " << k;
}

TEST(update_status_test, keys_of_a_later_tool_are_skipped_and_bad_lines_refused_with_their_line) {
  auto later = parse_update_status("kiosk-update-status 1\nevent=good\nbundle_size=123\ntime=2026-12-04T10:00:00Z\n");
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_EQ(later->event, UpdateEvent::good);

  auto refused = [](const std::string& text, const std::string& words) {
    auto st = parse_update_status(text);
    ASSERT_FALSE(st.ok()) << text;
    EXPECT_EQ(st.error().code, Errc::invalid_value) << text;
    EXPECT_NE(st.error().message.find(words), std::string::npos) << st.error().message;
  };
  refused("", "empty");
  refused("kiosk-update-status 2\nevent=good\ntime=2026-12-04T10:00:00Z\n", "format 2 is not known");
  refused("event=good\ntime=2026-12-04T10:00:00Z\n", "not a kiosk-update status file");
  refused("kiosk-update-status 1\nevent=exploded\ntime=2026-12-04T10:00:00Z\n", "line 2: unknown event");
  refused("kiosk-update-status 1\nevent=good\n", "no time");
  refused("kiosk-update-status 1\ntime=2026-12-04T10:00:00Z\n", "no event");
  refused("kiosk-update-status 1\nevent=good\ntime=yesterday\n", "line 3: time");
  refused("kiosk-update-status 1\nevent=good\nversion=1.0\x1b[2J\ntime=2026-12-04T10:00:00Z\n", "line 3");
  refused("kiosk-update-status 1\nevent=good\nversion=\xff\xfe\ntime=2026-12-04T10:00:00Z\n", "line 3");
  refused("kiosk-update-status 1\nevent=good\nversion=" + std::string(201, 'v') + "\ntime=2026-12-04T10:00:00Z\n",
          "line 3");
  refused("kiosk-update-status 1\ngarbage\n", "line 2: no key=value");
}

TEST(update_status_test, no_file_is_no_update_and_an_oversize_file_is_an_error) {
  test::TempDir dir;
  auto none = read_update_status(dir / "kiosk-update.status");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());

  write(dir / "big.status", "kiosk-update-status 1\nevent=good\ntime=2026-12-04T10:00:00Z\n" + std::string(5000, '\n'));
  auto big = read_update_status(dir / "big.status");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, Errc::io);

  write(dir / "v2.status", "kiosk-update-status 2\n");
  auto v2 = read_update_status(dir / "v2.status");
  ASSERT_FALSE(v2.ok());
  EXPECT_NE(v2.error().message.find("v2.status"), std::string::npos) << v2.error().message;

  EXPECT_EQ(read_image_version(dir / "none"), "");
  write(dir / "version", "1.4.0+g0123456789\n");
  EXPECT_EQ(read_image_version(dir / "version"), "1.4.0+g0123456789");
  write(dir / "version", "1.4.0\x1b[2J\n");
  EXPECT_EQ(read_image_version(dir / "version"), "");
}

// The technician screen's data: the image's version and the last update, read with the rest; a status
// file that cannot be read is said, not hidden.
TEST(update_status_test, the_technician_info_carries_the_image_version_and_the_last_update) {
  test::SessionWorld w;
  w.open();
  UpdatePlaces places{w.dir / "kiosk-update.status", w.dir / "kiosk-image-version"};
  w.s->set_update_places(places);
  write(places.image_version, "1.4.0+abtest2\n");
  write(places.status, "kiosk-update-status 1\nevent=refused\nversion=\nrunning=1.4.0+abtest2\nslot=B\n"
                       "time=2026-12-04T09:00:00Z\nreason=untrusted\n");
  const TechnicianInfo& info = w.s->technician_info();
  EXPECT_EQ(info.image_version, "1.4.0+abtest2");
  ASSERT_TRUE(info.update.has_value()) << info.update_error;
  EXPECT_EQ(info.update->event, UpdateEvent::refused);
  EXPECT_EQ(info.update->reason, "untrusted");
  EXPECT_EQ(info.update_error, "");

  write(places.status, "kiosk-update-status 9\n");
  w.clock.advance(Session::kTechnicianRefreshMs + 1);
  const TechnicianInfo& later = w.s->technician_info();
  EXPECT_FALSE(later.update.has_value());
  EXPECT_NE(later.update_error.find("format 9"), std::string::npos) << later.update_error;
}
