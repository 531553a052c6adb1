// Crisis and urgent news end to end: the municipality pins a status on its Mastodon account; the sync
// engine (driven with the harness's fake clock, no sleeps) brings it in at the channel's
// refresh_interval_s; the real screens show it with a warning sign and the words "Important message" on
// the idle screen and in the header of the screens of a session, marked "(in Dutch)" on an English
// screen. With KIOSK_SCREENSHOT_DIR set, the screens are saved as PNGs there.
#include <cstdlib>

#include "kiosk/sync/engine.hpp"
#include "sync_fixture.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

// The urgent band of this frame, if drawn: its text and its top.
const core::Widget* banner(const UiHarness& h) {
  for (const auto& w : h.ui->registry().items())
    if (w.id == "news.urgent") return &w;
  return nullptr;
}

Config crisis_config(const SyncWorld& world, int refresh_s) {
  Config c = world.config("unused.sqlite");
  for (auto name : {"openklant", "open311", "signalen"}) c.channels[name].enabled = false;
  c.channels["mastodon"].refresh_interval_s = refresh_s;
  c.news.clear();  // only the channel's news
  return c;
}

struct Sync {
  CurlTransport transport;
  Engine engine;
  Sync(UiHarness& h, const SyncWorld& world)
      : engine(h.config, world.secrets, *h.outbox, transport, h.clock, options(h)) {}
  static EngineOptions options(UiHarness& h) {
    EngineOptions o = fast_engine();
    o.lock_file = h.dir / "sync-lock";
    o.journal_file = h.dir / "sent-journal";
    return o;
  }
};

void urgent_status_within_the_interval(int width, int height, const std::string& tag) {
  SyncWorld world;
  UiHarness h(crisis_config(world, 300), width, height);
  Sync sync(h, world);
  ASSERT_TRUE(sync.engine.run_once().ok());  // the account is cached; no news yet
  h.settle();
  EXPECT_EQ(banner(h), nullptr);

  world.mastodon->post_news("Drink geen kraanwater in Noord: kook het eerst drie minuten.", true);
  world.mastodon->post_news("De bibliotheek is maandag gesloten.");
  h.clock.advance(299'000);
  ASSERT_TRUE(sync.engine.run_once().ok());
  h.settle();
  EXPECT_EQ(banner(h), nullptr) << "refreshed before mastodon.refresh_interval_s";

  h.clock.advance(2'000);  // the interval is over
  ASSERT_TRUE(sync.engine.run_once().ok());
  h.ui->request_frames(2);
  h.settle();
  const core::Widget* b = banner(h);
  ASSERT_NE(b, nullptr) << "no urgent band on the idle screen";
  EXPECT_EQ(b->label.rfind(h.catalogs.get("nl").get("news.urgent") + ": Drink geen kraanwater", 0), 0u) << b->label;
  EXPECT_TRUE(b->visible);
  // The whole text is in the idle screen's news, urgent first.
  bool whole = false;
  for (const auto& w : h.ui->registry().items())
    whole = whole || w.label == h.catalogs.get("nl").get("news.urgent") +
                                    ": Drink geen kraanwater in Noord: kook het eerst drie minuten.";
  EXPECT_TRUE(whole);
  save_shot(h, "urgent-idle-" + tag);

  // Every screen of a session has it under its bar.
  h.tap_at(float(width) / 2, float(height) * 0.45f);
  if (h.screen() == Screen::idle) h.session->start();  // the tap fell on the band or the news
  h.settle();
  ASSERT_EQ(h.screen(), Screen::choose);
  ASSERT_NE(banner(h), nullptr) << "no urgent band in the choose screen's header";
  h.tap("choose.report");
  ASSERT_NE(banner(h), nullptr) << "no urgent band in the report screen's header";
  EXPECT_TRUE(banner(h)->visible);
  save_shot(h, "urgent-header-" + tag);

  // On an English screen the Dutch message says it is in Dutch.
  h.session->wipe();
  h.settle();
  h.session->start();
  ASSERT_TRUE(h.session->set_language("en"));
  h.settle();
  b = banner(h);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->label.rfind("Important message (in Dutch): Drink geen", 0), 0u) << b->label;
  h.session->choose(core::Flow::news);
  h.settle();
  bool marked = false;
  for (const auto& w : h.ui->registry().items()) marked = marked || w.label.find("(in Dutch)") != std::string::npos;
  EXPECT_TRUE(marked) << "the news screen does not say the message is in Dutch";
  save_shot(h, "urgent-news-en-" + tag);
}

TEST(ui_crisis_news_test, urgent_status_on_idle_and_in_headers_within_the_interval_800x480) {
  urgent_status_within_the_interval(800, 480, "800x480");
}

TEST(ui_crisis_news_test, urgent_status_on_idle_and_in_headers_within_the_interval_portrait) {
  urgent_status_within_the_interval(1080, 1920, "1080x1920");
}

}  // namespace
}  // namespace kiosk::test
