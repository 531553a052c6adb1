// Tests for the Mastodon adapter through the engine, against the local Mastodon contract server:
// consent, scrubbing, the prefix template, max_characters on a character boundary, the
// Idempotency-Key, lookup after a lost answer, answers from the municipality's own account, news, and
// X-RateLimit-Reset.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/validate.hpp"
#include "odd_answers.hpp"
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
  EXPECT_EQ(statuses[0].text.rfind("Via de kiosk van Gemeente Voorbeeldstad: Kan er een bankje", 0), 0u)
      << statuses[0].text;
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
  ASSERT_EQ(sqlite3_exec(f.box.handle(), "UPDATE deliveries SET channel = 'mastodon'", nullptr, nullptr, nullptr),
            SQLITE_OK);
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

// ---- odd answers: no exception, a sensible outcome, the run goes on --------------------------------

TEST(mastodon_test, status_with_null_url_is_delivered) {
  // The contract allows "url": null; the status exists and is delivered, without a link. Through the
  // engine, with Open Klant delivering alongside.
  Fixture f;
  f.config.channels["openklant"].enabled = true;
  f.world.mastodon->set_odd_answer(test::OddAnswer{"POST /api/v1/statuses", "/url", test::Odd::null});
  auto receipt = f.submit(question("Komt er een zebrapad bij de school?"));
  Submission other = test::sample_question();
  other.channels = {"openklant"};
  auto other_receipt = f.box.submit(other).value();
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("mastodon")->delivered, 1u);
  EXPECT_EQ(rep->find("openklant")->delivered, 1u);
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::delivered);
  EXPECT_EQ(st->deliveries[0].remote_id, f.world.mastodon->statuses().at(0).id);
  EXPECT_EQ(f.box.find(other_receipt.uuid)->deliveries[0].state, DeliveryState::delivered);

  // And the adapter itself, without the engine around it.
  test::AdapterRig rig("mastodon");
  rig.world.mastodon->set_odd_answer(test::OddAnswer{"POST /api/v1/statuses", "/url", test::Odd::null});
  SendResult r;
  EXPECT_NO_THROW(r = rig.send(rig.due(question("En een tweede zebrapad?"))));
  EXPECT_EQ(r.state, DeliveryState::delivered);
  EXPECT_FALSE(r.remote_id.empty());
  EXPECT_EQ(r.remote_display, "");
}

TEST(mastodon_test, news_with_null_urls_does_not_stop_the_run) {
  // Once the account id is cached, every run reads the account's statuses for news; "url": null there
  // must neither stop the run nor the news.
  Fixture f;
  f.config.channels["openklant"].enabled = true;
  ASSERT_TRUE(f.run().ok());  // caches the account
  f.world.mastodon->post_news("Het zwembad is gesloten.");
  f.world.mastodon->set_odd_answer(test::OddAnswer{"109999/statuses", "/0/url", test::Odd::null});
  f.clock.advance(7 * 3'600'000);  // the refresh is due again
  auto receipt = f.submit(question("Wanneer gaat het zwembad weer open?"));
  Submission other = test::sample_question();
  other.channels = {"openklant"};
  auto other_receipt = f.box.submit(other).value();
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].state, DeliveryState::delivered);
  EXPECT_EQ(f.box.find(other_receipt.uuid)->deliveries[0].state, DeliveryState::delivered);
  auto news = f.box.latest_news(10);
  ASSERT_TRUE(news.ok());
  ASSERT_EQ(news->size(), 1u);
  EXPECT_EQ((*news)[0].text, "Het zwembad is gesloten.");
  EXPECT_EQ((*news)[0].url, "");
}

TEST(mastodon_test, odd_answers_to_a_post_are_a_retry_never_an_exception) {
  test::AdapterRig rig("mastodon");
  int i = 0;
  int n = test::for_each_odd_answer(*rig.world.mastodon, "POST /api/v1/statuses",
                                    [&](const std::string& path, std::optional<test::Odd> odd) {
                                      SendResult r = rig.send(rig.due(question("Vraag " + std::to_string(i++))));
                                      test::expect_sensible(r);
                                      // Invalid UTF-8 anywhere spoils the whole JSON; a fractional number is no id.
                                      bool id_unreadable =
                                          path == "" || path == "/id" || odd == test::Odd::invalid_utf8;
                                      if (!odd || !id_unreadable) {
                                        EXPECT_EQ(r.state, DeliveryState::delivered) << r.error;
                                      } else {
                                        EXPECT_EQ(r.state, DeliveryState::retry);
                                        EXPECT_TRUE(r.uncertain) << "posted, maybe: checked before sending again";
                                        EXPECT_NE(r.error.find("cannot read"), std::string::npos) << r.error;
                                      }
                                    });
  EXPECT_GE(n, 60);
}

TEST(mastodon_test, odd_thread_answers_never_throw_and_good_replies_still_count) {
  test::AdapterRig rig("mastodon");
  rig.refresh();  // learns the account id
  DueDelivery d = rig.due(question("Wanneer is de markt?"));
  SendResult posted = rig.send(d);
  ASSERT_EQ(posted.state, DeliveryState::delivered) << posted.error;
  rig.world.mastodon->reply(posted.remote_id, "Elke zaterdag.", true);
  rig.world.mastodon->reply(posted.remote_id, "Geen idee", false);
  RemoteRef ref{d.row_id, d.submission.uuid, d.submission.reference, posted.remote_id, "", 0};
  int n =
      test::for_each_odd_answer(*rig.world.mastodon, "/context",
                                [&](const std::string& path, std::optional<test::Odd> odd) {
                                  StatusUpdate su = rig.status(ref);
                                  test::expect_sensible(su);
                                  if (!odd) {
                                    ASSERT_TRUE(su.ok) << su.error;
                                    ASSERT_EQ(su.answers.size(), 1u);
                                    EXPECT_EQ(su.answers[0].text, "Elke zaterdag.");
                                  }
                                  // The other person's reply never becomes an answer, however odd the answer is.
                                  for (const auto& a : su.answers) EXPECT_EQ(a.text, "Elke zaterdag.");
                                  // Odd fields of the other reply (descendants/1) leave the municipality's answer standing.
                                  if (odd && path.rfind("/descendants/1/", 0) == 0 && *odd != test::Odd::invalid_utf8) {
                                    EXPECT_TRUE(su.ok);
                                    EXPECT_EQ(su.answers.size(), 1u);
                                  }
                                });
  EXPECT_GE(n, 100);
}

TEST(mastodon_test, odd_account_answers_keep_news_and_lookups_going) {
  test::AdapterRig rig("mastodon");
  rig.world.mastodon->post_news("De bibliotheek is maandag gesloten.");
  rig.refresh();  // caches the account: the next refresh reads its statuses
  DueDelivery d = rig.due(question("Komt er een nieuwe speeltuin?"));
  ASSERT_EQ(rig.send(d).state, DeliveryState::delivered);
  rig.clock.advance(2 * 3'600'000);  // the Idempotency-Key expired: a lost answer is looked up
  d.first_attempt_ms = 1767258000000;
  for (std::string request : {"/verify_credentials", "/api/v2/instance", "109999/statuses"}) {
    test::for_each_odd_answer(
        *rig.world.mastodon, request,
        [&](const std::string& path, std::optional<test::Odd> odd) {
          rig.refresh();
          LookupResult lr = rig.lookup(d);
          test::expect_sensible(lr);
          if (!odd) {
            EXPECT_EQ(lr.found, Found::yes) << lr.error;
          }
          // Our status is there: an odd answer must not make it "not found" (unless it was left out).
          bool left_out = odd == test::Odd::missing && (path == "/0" || path == "/1");
          if (!left_out) {
            EXPECT_NE(lr.found, Found::no) << lr.error;
          }
          if (request != "109999/statuses") {
            EXPECT_NO_THROW((void)rig.probe());
          }
        },
        1);  // the list's statuses all have one shape
  }
  auto news = rig.box.latest_news(10);
  ASSERT_TRUE(news.ok());
  ASSERT_GE(news->size(), 1u);
  EXPECT_EQ((*news)[0].text, "De bibliotheek is maandag gesloten.");
}

// ---- webcare: replies from configured accounts are the municipality's answer -------------------------

TEST(mastodon_test, webcare_replies_count_as_answers) {
  Fixture f;
  // A webcare account on another instance, and one on the kiosk's own instance (written with its
  // domain here, while Mastodon shows a local acct without it).
  f.config.channels["mastodon"].settings["answer_accounts"] =
      std::vector<std::string>{"Webcare@Gemeente.nl", std::string("@klantcontact@") + test::MastodonServer::kDomain};
  auto receipt = f.submit(question("Wanneer wordt het afval opgehaald?"));
  ASSERT_TRUE(f.run().ok());
  auto id = f.box.find(receipt.uuid)->deliveries[0].remote_id;
  ASSERT_FALSE(id.empty());
  f.world.mastodon->reply_from(id, "Op dinsdag, zie de afvalkalender.", "7001", "webcare@gemeente.nl");
  f.world.mastodon->reply_from(id, "Aanvulling: gft elke twee weken.", "7002", "klantcontact");
  f.clock.advance(7 * 3'600'000);
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  ASSERT_EQ(st->answers.size(), 2u);
  EXPECT_EQ(st->answers[0].text, "Op dinsdag, zie de afvalkalender.");
  EXPECT_EQ(st->answers[1].text, "Aanvulling: gft elke twee weken.");
}

TEST(mastodon_test, replies_from_unlisted_accounts_do_not_count) {
  Fixture f;
  f.config.channels["mastodon"].settings["answer_accounts"] = std::vector<std::string>{"webcare@gemeente.nl", "7004"};
  auto receipt = f.submit(question("Mag ik mijn grofvuil buiten zetten?"));
  ASSERT_TRUE(f.run().ok());
  auto id = f.box.find(receipt.uuid)->deliveries[0].remote_id;
  // A random account, a look-alike on another instance, a local account of the same name as the
  // listed remote one, and a listed account id.
  f.world.mastodon->reply_from(id, "Ja hoor", "7003", "piet@example.org");
  f.world.mastodon->reply_from(id, "Nee", "7005", "webcare@gemeente.nl.example.org");
  f.world.mastodon->reply_from(id, "Misschien", "7006", "webcare");
  f.world.mastodon->reply_from(id, "Alleen op maandag.", "7004", "team_afval@gemeente.nl");
  f.clock.advance(7 * 3'600'000);
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  ASSERT_EQ(st->answers.size(), 1u);
  EXPECT_EQ(st->answers[0].text, "Alleen op maandag.");
}

TEST(mastodon_test, by_default_only_the_kiosks_own_account_answers) {
  Fixture f;
  auto receipt = f.submit(question("Is het stadhuis zaterdag open?"));
  ASSERT_TRUE(f.run().ok());
  auto id = f.box.find(receipt.uuid)->deliveries[0].remote_id;
  f.world.mastodon->reply_from(id, "Ja, van 10 tot 14 uur.", "7001", "webcare@gemeente.nl");
  f.world.mastodon->reply(id, "Nee, alleen op afspraak.", true);
  f.clock.advance(7 * 3'600'000);
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  ASSERT_EQ(st->answers.size(), 1u);
  EXPECT_EQ(st->answers[0].text, "Nee, alleen op afspraak.");
}

// Crisis news: a pinned status, or one tagged with an urgent_tags hashtag (any case), is urgent news; it
// arrives at the channel's refresh_interval_s, not six hours later, and the service knows when to wake.
TEST(mastodon_test, pinned_or_urgent_tagged_statuses_are_urgent_news_at_the_channels_interval) {
  Fixture f;
  f.config.channels["mastodon"].refresh_interval_s = 120;
  Engine engine(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  ASSERT_TRUE(engine.run_once().ok());  // caches the account
  EXPECT_EQ(engine.next_refresh_ms(), f.clock.now_ms() + 120'000);
  f.world.mastodon->post_news("De markt is verplaatst.");
  f.world.mastodon->post_news("Drink geen kraanwater in Noord.", true);
  f.world.mastodon->post_news("Stormschade: blijf binnen.", false, {"Crisis"});
  f.world.mastodon->post_news("Mooi weer vandaag.", false, {"zomer"});
  f.clock.advance(60'000);
  ASSERT_TRUE(engine.run_once().ok());
  EXPECT_TRUE(f.box.latest_news(10)->empty()) << "refreshed before the interval";
  f.clock.advance(61'000);
  ASSERT_TRUE(engine.run_once().ok());
  auto news = f.box.latest_news(10);
  ASSERT_TRUE(news.ok());
  ASSERT_EQ(news->size(), 4u);
  std::map<std::string, bool> urgent;
  for (const auto& n : *news) urgent[n.text] = n.urgent;
  EXPECT_FALSE(urgent["De markt is verplaatst."]);
  EXPECT_TRUE(urgent["Drink geen kraanwater in Noord."]);
  EXPECT_TRUE(urgent["Stormschade: blijf binnen."]);
  EXPECT_FALSE(urgent["Mooi weer vandaag."]);
}

// A crisis message pinned days ago is older than the account's last 20 statuses: the kiosk asks for the
// pinned statuses on their own, so it stays urgent news (before, it fell out of the one list read).
TEST(mastodon_test, a_pinned_status_older_than_the_latest_twenty_is_still_urgent_news) {
  Fixture f;
  f.config.channels["mastodon"].refresh_interval_s = 60;
  Engine engine(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  ASSERT_TRUE(engine.run_once().ok());  // caches the account
  f.world.mastodon->post_news("Kook uw kraanwater drie minuten.", true);
  for (int i = 0; i < 25; ++i) f.world.mastodon->post_news("Activiteit in de bibliotheek nummer " + std::to_string(i));
  f.clock.advance(61'000);
  ASSERT_TRUE(engine.run_once().ok());
  auto news = f.box.latest_news(100);
  ASSERT_TRUE(news.ok());
  EXPECT_EQ(news->size(), 21u);  // the latest 20 and the pinned one
  int urgent = 0;
  for (const auto& n : *news) {
    if (n.text == "Kook uw kraanwater drie minuten.") {
      EXPECT_TRUE(n.urgent);
    }
    urgent += n.urgent ? 1 : 0;
  }
  EXPECT_EQ(urgent, 1);
}

// Count of urgent items and whether the one with `text` is urgent.
std::pair<int, bool> urgent_news(Outbox& box, const std::string& text) {
  auto news = box.latest_news(100);
  EXPECT_TRUE(news.ok());
  int count = 0;
  bool it = false;
  for (const auto& n : news.value()) {
    count += n.urgent ? 1 : 0;
    if (n.text == text) it = n.urgent;
  }
  return {count, it};
}

TEST(mastodon_test, an_unpinned_status_is_no_longer_urgent_even_older_than_the_latest_twenty) {
  Fixture f;
  f.config.channels["mastodon"].refresh_interval_s = 60;
  Engine engine(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  ASSERT_TRUE(engine.run_once().ok());  // caches the account
  std::string id = f.world.mastodon->post_news("Kook uw kraanwater drie minuten.", true);
  for (int i = 0; i < 25; ++i) f.world.mastodon->post_news("Activiteit in de bibliotheek nummer " + std::to_string(i));
  f.clock.advance(61'000);
  ASSERT_TRUE(engine.run_once().ok());
  EXPECT_EQ(urgent_news(f.box, "Kook uw kraanwater drie minuten."), std::make_pair(1, true));
  f.world.mastodon->unpin(id);
  f.clock.advance(61'000);
  ASSERT_TRUE(engine.run_once().ok());
  EXPECT_EQ(urgent_news(f.box, "Kook uw kraanwater drie minuten."), std::make_pair(0, false));
}

TEST(mastodon_test, a_tagged_status_is_urgent_for_urgent_tag_hours_a_pinned_one_while_pinned) {
  Fixture f;
  f.config.channels["mastodon"].refresh_interval_s = 60;
  ASSERT_EQ(f.config.channels["mastodon"].integer("urgent_tag_hours"), 24);  // the default
  Engine engine(f.config, f.world.secrets, f.box, f.transport, f.clock, test::fast_engine());
  ASSERT_TRUE(engine.run_once().ok());
  std::string tagged = f.world.mastodon->post_news("Storm: blijf binnen.", false, {"Crisis"});
  std::string pinned = f.world.mastodon->post_news("Noodnummer van de gemeente: 14 0123.", true);
  f.world.mastodon->set_created(tagged, f.clock.now_ms() - 3'600'000);  // an hour ago
  f.world.mastodon->set_created(pinned, f.clock.now_ms() - 3'600'000);
  f.clock.advance(61'000);
  ASSERT_TRUE(engine.run_once().ok());
  EXPECT_EQ(urgent_news(f.box, "Storm: blijf binnen."), std::make_pair(2, true));
  f.clock.advance(22 * 3'600'000);  // 23 h after posting: still urgent
  ASSERT_TRUE(engine.run_once().ok());
  EXPECT_EQ(urgent_news(f.box, "Storm: blijf binnen."), std::make_pair(2, true));
  f.clock.advance(3'600'000);  // 24 h: the tagged one ended, the pinned one stays
  ASSERT_TRUE(engine.run_once().ok());
  EXPECT_EQ(urgent_news(f.box, "Storm: blijf binnen."), std::make_pair(1, false));
  EXPECT_EQ(urgent_news(f.box, "Noodnummer van de gemeente: 14 0123."), std::make_pair(1, true));
}
