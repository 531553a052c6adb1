// The idea flow end to end: "Share an idea" on the choose screen, the idea's own words on the topic,
// text and publish screens, the idea in the outbox as Kind::idea routed by routing.idea, and delivered by
// the sync engine to the Open Klant and Mastodon contract servers. With KIOSK_SCREENSHOT_DIR set, the
// screens are saved as PNGs there.
#include <cstdlib>

#include "kiosk/sync/engine.hpp"
#include "sync_fixture.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

bool shows(const UiHarness& h, const std::string& text) {
  for (const auto& w : h.ui->registry().items())
    if (w.label == text) return true;
  return false;
}

void idea_reaches_its_channels(int width, int height, const std::string& tag) {
  SyncWorld world;
  Config cfg = world.config("unused.sqlite");
  for (auto name : {"open311", "signalen"}) cfg.channels[name].enabled = false;
  ASSERT_EQ(cfg.routing.idea, (std::vector<std::string>{"openklant", "mastodon"}));
  UiHarness h(cfg, width, height);
  const core::Catalog& nl = h.catalogs.get("nl");

  h.session->start();
  h.settle();
  save_shot(h, "idea-1-choose-" + tag);
  ASSERT_TRUE(h.tap("choose.idea"));
  ASSERT_EQ(h.screen(), Screen::question_topic);
  EXPECT_TRUE(h.session->writing_idea());
  EXPECT_TRUE(shows(h, nl.get("idea.topic.title")));
  save_shot(h, "idea-2-topic-" + tag);
  const std::string topic = h.tree.question_topics[0].slug;
  ASSERT_TRUE(h.tap("topic." + topic));
  ASSERT_EQ(h.screen(), Screen::question_text);
  EXPECT_TRUE(shows(h, nl.get("idea.text.title")));
  h.tap("text");
  h.type("Zet meer bankjes in het park bij de vijver, dan kunnen ouderen er rusten.");
  h.tap("key.hide");
  save_shot(h, "idea-3-text-" + tag);
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::question_contact);
  h.tap("app.next");  // anonymous
  ASSERT_EQ(h.screen(), Screen::question_publish) << "an idea routed to Mastodon asks before it is public";
  EXPECT_TRUE(shows(h, nl.get("idea.publish.title")));
  h.tap("publish.yes");
  save_shot(h, "idea-4-publish-" + tag);
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::question_review);
  save_shot(h, "idea-5-review-" + tag);
  h.tap("review.send");
  ASSERT_EQ(h.screen(), Screen::receipt);
  save_shot(h, "idea-6-receipt-" + tag);

  const std::string ref = h.session->receipt()->reference;
  auto stored = h.outbox->find(ref);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->submission.kind, Kind::idea);
  EXPECT_EQ(stored->submission.channels, (std::vector<std::string>{"openklant", "mastodon"}));
  EXPECT_TRUE(stored->submission.consents.publish);
  EXPECT_FALSE(stored->submission.topic.empty());

  // The sync engine delivers it to both channels' contract servers.
  CurlTransport transport;
  EngineOptions o = fast_engine();
  o.lock_file = h.dir / "sync-lock";
  o.journal_file = h.dir / "sent-journal";
  Engine engine(h.config, world.secrets, *h.outbox, transport, h.clock, o);
  auto run = engine.run_once();
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto after = h.outbox->find(ref);
  for (const auto& d : after->deliveries)
    EXPECT_EQ(d.state, DeliveryState::delivered) << d.channel << ": " << d.last_error;
  auto contacts = world.openklant->contacts();
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].body["metadata"]["soort"], "Idee") << contacts[0].body.dump();
  EXPECT_NE(contacts[0].body["inhoud"].get<std::string>().find("bankjes in het park"), std::string::npos);
  auto statuses = world.mastodon->statuses();
  ASSERT_EQ(statuses.size(), 1u);
  EXPECT_NE(statuses[0].text.find("bankjes in het park"), std::string::npos) << statuses[0].text;
}

TEST(ui_idea_flow_test, idea_reaches_openklant_and_mastodon_800x480) { idea_reaches_its_channels(800, 480, "800x480"); }

TEST(ui_idea_flow_test, idea_reaches_openklant_and_mastodon_portrait) {
  idea_reaches_its_channels(1080, 1920, "1080x1920");
}

// A question after an idea in the same session is a question again (and the reverse).
TEST(ui_idea_flow_test, choosing_question_after_idea_sends_a_question) {
  UiHarness h;
  h.session->start();
  h.settle();
  h.tap("choose.idea");
  h.tap("app.back");
  ASSERT_EQ(h.screen(), Screen::choose);
  h.tap("choose.question");
  EXPECT_FALSE(h.session->writing_idea());
  EXPECT_EQ(h.session->draft().kind, Kind::question);
}

}  // namespace
}  // namespace kiosk::test
