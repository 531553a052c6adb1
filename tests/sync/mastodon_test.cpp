// Tests for the Mastodon adapter through the engine, against the local Mastodon contract server:
// consent, scrubbing, the prefix template, max_characters on a character boundary, the
// Idempotency-Key, lookup after a lost answer, answers from the municipality's own account, news, and
// X-RateLimit-Reset.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/validate.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

struct Fixture {
  test::TempDir dir;
  test::SyncWorld world;
  FakeClock clock{1767258000000};
  Config config = world.config(dir / "outbox.sqlite");
  Outbox box = Outbox::open(test::outbox_options_for(config, &clock)).value();
  CurlTransport transport;

  Fixture() {
    for (auto name : {"openklant", "open311", "signalen"}) config.channels[name].enabled = false;
  }
  Result<RunReport> run() {
    Engine engine(config, world.secrets, box, transport, clock, test::fast_engine());
    return engine.run_once();
  }
  Receipt submit(Submission s) {
    s.channels = {"mastodon"};
    return box.submit(std::move(s)).value();
  }
};

Submission question(std::string text) {
  Submission s = test::sample_question();
  s.text = std::move(text);
  return s;
}

}  // namespace

TEST(mastodon_test, public_question_is_posted_scrubbed_in_the_template_with_its_uuid_as_key) {
  Fixture f;
  auto receipt = f.submit(question("Kan er een bankje bij de vijver? Mail me op jan.jansen@example.nl"));
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("mastodon")->delivered, 1u);
  auto statuses = f.world.mastodon->statuses();
  ASSERT_EQ(statuses.size(), 1u);
  EXPECT_EQ(statuses[0].idempotency_key, receipt.uuid);
  EXPECT_EQ(statuses[0].text.rfind("Via de kiosk van Gemeente Voorbeeldstad: Kan er een bankje", 0), 0u) << statuses[0].text;
  EXPECT_EQ(statuses[0].text.find("jan.jansen"), std::string::npos) << statuses[0].text;
  EXPECT_EQ(statuses[0].visibility, "public");
  EXPECT_EQ(statuses[0].language, "nl");
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].remote_id, statuses[0].id);
}

TEST(mastodon_test, no_consent_no_post) {
  Fixture f;
  // A stored submission routed to mastodon without consent cannot be made through submit(); forge
  // one through a delivery that lost its consent (e.g. imported from an older kiosk).
  Submission s = question("Geen toestemming");
  s.consents.publish = false;
  s.contact = {};
  s.consents.contact = false;
  s.channels = {"openklant"};
  auto receipt = f.box.submit(s).value();
  ASSERT_EQ(sqlite3_exec(f.box.handle(), "UPDATE deliveries SET channel = 'mastodon'", nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_TRUE(f.run().ok());
  EXPECT_TRUE(f.world.mastodon->statuses().empty());
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::parked);
  EXPECT_NE(st->deliveries[0].parked_reason.find("no consent to publish"), std::string::npos);
}

TEST(mastodon_test, long_text_is_cut_to_max_characters_on_a_character_boundary) {
  Fixture f;
  f.world.mastodon = std::make_unique<test::MastodonServer>("test-token-masto", 80);
  f.config.channels["mastodon"].base_url = f.world.mastodon->base_url();
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Привіт ";  // Ukrainian: two bytes per letter
  f.submit(question(text));
  ASSERT_TRUE(f.run().ok());  // learns max_characters from /api/v2/instance
  f.clock.advance(60'000);
  ASSERT_TRUE(f.run().ok());
  auto statuses = f.world.mastodon->statuses();
  ASSERT_EQ(statuses.size(), 1u);
  EXPECT_TRUE(valid_utf8(statuses[0].text));
  EXPECT_LE(utf8_length(statuses[0].text), 80u);
  EXPECT_EQ(statuses[0].text.substr(statuses[0].text.size() - 3), "…");
}

TEST(mastodon_test, lost_answer_is_not_posted_twice) {
  Fixture f;
  auto receipt = f.submit(question("Wanneer gaat het zwembad open?"));
  test::Faults drop;
  drop.drop_after = 1.0;
  f.world.mastodon->set_faults(drop);
  ASSERT_TRUE(f.run().ok());
  f.world.mastodon->set_faults({});
  f.clock.advance(120'000);  // within the key's hour: resent with the same key
  ASSERT_TRUE(f.run().ok());
  EXPECT_EQ(f.world.mastodon->statuses().size(), 1u);
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].state, DeliveryState::delivered);
}

TEST(mastodon_test, after_the_key_expired_the_accounts_statuses_are_checked) {
  Fixture f;
  f.world.mastodon->set_idempotency_ttl_ms(0);  // the server forgot the key
  ASSERT_TRUE(f.run().ok());                    // learns the account id
  auto receipt = f.submit(question("Komt er een nieuwe speeltuin?"));
  test::Faults drop;
  drop.drop_after = 1.0;
  f.world.mastodon->set_faults(drop);
  ASSERT_TRUE(f.run().ok());
  f.world.mastodon->set_faults({});
  f.clock.advance(2 * 3'600'000);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("mastodon")->found_remote, 1u);
  EXPECT_EQ(f.world.mastodon->statuses().size(), 1u);
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].state, DeliveryState::delivered);
}

TEST(mastodon_test, own_replies_are_answers_and_own_statuses_are_news) {
  Fixture f;
  f.world.mastodon->post_news("De bibliotheek is maandag gesloten.");
  auto receipt = f.submit(question("Wanneer is de markt?"));
  ASSERT_TRUE(f.run().ok());
  auto id = f.box.find(receipt.uuid)->deliveries[0].remote_id;
  f.world.mastodon->reply(id, "Elke zaterdag van 9 tot 13 uur.", true);
  f.world.mastodon->reply(id, "Ik weet het ook niet", false);
  f.clock.advance(7 * 3'600'000);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  auto st = f.box.find(receipt.uuid);
  ASSERT_EQ(st->answers.size(), 1u);
  EXPECT_EQ(st->answers[0].text, "Elke zaterdag van 9 tot 13 uur.");
  auto news = f.box.latest_news(10);
  ASSERT_TRUE(news.ok());
  ASSERT_EQ(news->size(), 1u);  // the kiosk's own post is not news
  EXPECT_EQ((*news)[0].text, "De bibliotheek is maandag gesloten.");
}

TEST(mastodon_test, rate_limit_reset_is_honoured) {
  Fixture f;
  f.world.mastodon->set_rate_limit(2, 3'600'000);
  for (int i = 0; i < 4; ++i) f.submit(question("Vraag nummer " + std::to_string(i)));
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("mastodon")->delivered, 2u);
  auto state = f.box.channel_state("mastodon");
  ASSERT_TRUE(state.ok());
  // Not before the server's X-RateLimit-Reset (about an hour from now on the real clock).
  EXPECT_GT(state->not_before_ms, SystemClock::instance().now_ms() + 3'000'000);
  auto again = f.run();
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->find("mastodon")->skipped.find("until"), std::string::npos);
  EXPECT_EQ(f.world.mastodon->statuses().size(), 2u);
}
