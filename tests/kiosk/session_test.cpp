// The display-free session: state machine transitions, validation through validate_all (errors carry
// their field), submission to the outbox, idle timeout and wipe, PIN guard. FakeClock only; no SDL.
#include <gtest/gtest.h>

#include "kiosk/core/idle.hpp"
#include "kiosk/core/pin.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/setup.hpp"
#include "session_world.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::test {
namespace {

using core::Screen;

struct Fixture : SessionWorld {
  Fixture() { open(); }
};

TEST(session_test, report_flow_validates_each_step_and_submits) {
  Fixture f;
  auto& s = *f.s;
  EXPECT_EQ(s.screen(), Screen::idle);
  s.start();
  s.choose(core::Flow::report);
  EXPECT_EQ(s.screen(), Screen::report_category);
  s.pick_category("no-such-category");
  EXPECT_EQ(s.screen(), Screen::report_category);
  s.pick_category("groen-en-water");
  s.pick_subcategory("boom");
  EXPECT_EQ(s.screen(), Screen::report_location);
  core::LocationChoice typed;
  typed.kind = core::LocationChoice::typed_in;
  s.pick_location(typed);
  s.next();  // typed but empty: the location error, from validate_all
  ASSERT_EQ(s.screen(), Screen::report_location);
  ASSERT_NE(s.error_for("location"), nullptr);
  EXPECT_EQ(core::error_key(*s.error_for("location")), "error.missing.location");
  s.report().location.typed = "Nergensweg 3";
  s.next();
  EXPECT_EQ(s.screen(), Screen::report_description);
  s.report().description = std::string(1200, 'x');
  s.next();
  ASSERT_NE(s.error_for("text"), nullptr);
  EXPECT_EQ(core::error_key(*s.error_for("text")), "error.too_long");
  s.report().description = "Er hangt een tak over het fietspad.";
  s.next();
  EXPECT_EQ(s.screen(), Screen::report_contact);
  s.report().contact.phone = "12";
  s.next();
  EXPECT_NE(s.error_for("phone"), nullptr);
  EXPECT_NE(s.error_for("consent"), nullptr);
  s.report().contact.phone = "";
  s.next();
  ASSERT_EQ(s.screen(), Screen::report_review);
  Submission d = s.draft();
  EXPECT_EQ(d.category, "groen-en-water/boom");
  EXPECT_EQ(d.location.text, "Nergensweg 3");
  // Not in the (demo) address list: the municipality's centre, marked approximate; never the kiosk's point.
  ASSERT_TRUE(d.location.point.has_value());
  EXPECT_EQ(d.location.point->lat, *f.config.map.centre_lat);
  EXPECT_NE(d.location.point->lat, *f.config.kiosk.location.lat);
  EXPECT_TRUE(d.location.approximate);
  s.set_assisted(true);
  s.submit();
  ASSERT_EQ(s.screen(), Screen::receipt);
  auto stored = f.outbox->find(s.receipt()->reference);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->submission.text, "Er hangt een tak over het fietspad.");
  EXPECT_TRUE(stored->submission.assisted);
  EXPECT_EQ(stored->submission.channels, f.config.routing.report);
  EXPECT_FALSE(s.handling_message().empty());
  s.finish();
  EXPECT_EQ(s.screen(), Screen::idle);
  EXPECT_FALSE(s.assisted());
}

TEST(session_test, default_location_is_the_kiosk) {
  Fixture f;
  auto& s = *f.s;
  s.start();
  s.choose(core::Flow::report);
  s.pick_category("afval");
  s.pick_subcategory("grofvuil");
  Submission d = s.draft();
  EXPECT_EQ(d.location.text, f.config.kiosk.location.name);
  ASSERT_TRUE(d.location.point.has_value());
  EXPECT_DOUBLE_EQ(d.location.point->lat, *f.config.kiosk.location.lat);
}

TEST(session_test, question_publish_needs_explicit_opt_in) {
  Fixture f;
  auto& s = *f.s;
  s.start();
  s.choose(core::Flow::question);
  s.pick_topic("parkeren");
  s.question().text = "Mijn naam is Piet Jansen. Waar kan ik een parkeervergunning aanvragen?";
  s.next();
  s.next();
  ASSERT_EQ(s.screen(), Screen::question_publish);
  EXPECT_EQ(s.public_preview().find("Piet"), std::string::npos) << s.public_preview();
  s.next();  // not opted in
  ASSERT_EQ(s.screen(), Screen::question_review);
  EXPECT_FALSE(s.draft().consents.publish);
  EXPECT_EQ(s.draft().channels, std::vector<std::string>{"openklant"});
  s.back();
  s.set_publish(true);
  s.next();
  EXPECT_EQ(s.draft().channels, (std::vector<std::string>{"openklant", "mastodon"}));
  s.submit();
  ASSERT_EQ(s.screen(), Screen::receipt);
}

TEST(session_test, poll_once_per_session) {
  Fixture f;
  auto& s = *f.s;
  s.start();
  s.choose(core::Flow::poll);
  s.submit();
  EXPECT_NE(s.error_for("poll_answer"), nullptr);
  s.pick_poll_answer("natuur");
  s.submit();
  ASSERT_EQ(s.screen(), Screen::receipt);
  auto stored = f.outbox->find(s.receipt()->reference);
  EXPECT_EQ(stored->submission.poll_id, "speeltuin-2026");
  // Same session: back on the poll screen, a second answer is refused.
  std::int64_t before = f.outbox->stats()->submissions;
  // (receipt -> choose is not a transition; a new session starts after finish)
  EXPECT_TRUE(s.poll_form().answered);
  s.finish();
  EXPECT_FALSE(s.poll_form().answered);
  EXPECT_EQ(f.outbox->stats()->submissions, before);
}

TEST(session_test, back_from_every_screen) {
  Fixture f;
  auto& s = *f.s;
  s.start();
  s.choose(core::Flow::question);
  s.pick_topic("wonen");
  s.back();
  EXPECT_EQ(s.screen(), Screen::question_topic);
  s.back();
  EXPECT_EQ(s.screen(), Screen::choose);
  s.back();
  EXPECT_EQ(s.screen(), Screen::idle);
}

TEST(session_test, idle_timeout_wipes_after_warning) {
  Fixture f;
  auto& s = *f.s;
  s.start();
  ASSERT_TRUE(s.set_language("uk"));
  s.set_large_text(true);
  s.choose(core::Flow::question);
  s.pick_topic("wonen");
  s.question().text = "секрет";
  auto gen = s.generation();
  const std::int64_t timeout = f.config.ui.idle_timeout_s * 1000LL, warn = f.config.ui.idle_warning_s * 1000LL;
  f.clock.advance(timeout - warn - 1);
  s.tick();
  EXPECT_EQ(s.idle().phase(), core::IdlePhase::active);
  f.clock.advance(2);
  EXPECT_EQ(s.idle().phase(), core::IdlePhase::warning);
  EXPECT_GE(s.idle().seconds_left(), 20);
  s.activity();  // a touch elsewhere does not extend during the warning
  EXPECT_EQ(s.idle().phase(), core::IdlePhase::warning);
  EXPECT_TRUE(s.extend());
  EXPECT_EQ(s.idle().phase(), core::IdlePhase::active);
  f.clock.advance(timeout);
  s.tick();
  EXPECT_EQ(s.screen(), Screen::idle);
  EXPECT_EQ(s.language(), "nl");
  EXPECT_FALSE(s.large_text());
  EXPECT_TRUE(s.question().text.empty());
  EXPECT_GT(s.generation(), gen);
}

TEST(session_test, idle_timer_allows_ten_extensions) {
  FakeClock clock;
  core::IdleTimer t(clock, 120000, 30000);
  for (int i = 0; i < 10; ++i) {
    clock.advance(90000);
    ASSERT_EQ(t.phase(), core::IdlePhase::warning);
    ASSERT_TRUE(t.extend()) << i;
  }
  clock.advance(90000);
  EXPECT_FALSE(t.extend());
  clock.advance(30000);
  EXPECT_EQ(t.phase(), core::IdlePhase::expired);
}

TEST(session_test, lookup_statuses) {
  Fixture f;
  auto& s = *f.s;
  Submission q = sample_question();
  q.created_at_ms = f.clock.now_ms();
  auto r = f.outbox->submit(q);
  ASSERT_TRUE(r.ok());
  s.start();
  s.choose(core::Flow::lookup);
  s.lookup_code() = refcode::group(r->reference);
  for (auto& c : s.lookup_code()) c = char(std::tolower(static_cast<unsigned char>(c)));
  s.look_up();
  ASSERT_TRUE(s.lookup_result().has_value());
  EXPECT_EQ(s.lookup_result()->status, core::LookupStatus::received);
  auto stored = f.outbox->find(r->reference);
  ASSERT_TRUE(f.outbox->mark_delivered(stored->row_id, "openklant", "x", "").ok());
  s.look_up();
  EXPECT_EQ(s.lookup_result()->status, core::LookupStatus::delivered);
  s.lookup_code() = "ZZ-0000-0000";
  s.look_up();
  EXPECT_FALSE(s.lookup_result().has_value());
  ASSERT_NE(s.error_for("reference"), nullptr);
}

// Look up `reference` as a citizen would (fresh session start).
static const core::LookupResult& look_up(core::Session& s, const std::string& reference) {
  s.wipe();
  s.start();
  s.choose(core::Flow::lookup);
  s.lookup_code() = reference;
  s.look_up();
  EXPECT_TRUE(s.lookup_result().has_value());
  return *s.lookup_result();
}

// Stores `s` now, as the kiosk would; its reference and outbox row.
static std::pair<std::string, std::int64_t> store(Fixture& f, Submission s) {
  s.created_at_ms = f.clock.now_ms();
  auto r = f.outbox->submit(s);
  EXPECT_TRUE(r.ok());
  return {r->reference, f.outbox->find(r->reference)->row_id};
}

TEST(session_test, lookup_shows_two_answers_from_two_channels_in_order) {
  Fixture f;
  auto [ref, row] = store(f, sample_question());
  f.clock.advance(60'000);
  ASSERT_TRUE(f.outbox->mark_delivered(row, "openklant", "k1", "").ok());
  ASSERT_TRUE(f.outbox->mark_delivered(row, "mastodon", "m1", "").ok());
  f.clock.advance(3'600'000);
  ASSERT_TRUE(
      f.outbox->add_answer(row, Answer{"openklant", f.clock.now_ms(), "Het grofvuil komt op dinsdag.", "k1:r"}).ok());
  f.clock.advance(60'000);  // the webcare reply comes later and must not hide the KCC's answer
  ASSERT_TRUE(f.outbox->add_answer(row, Answer{"mastodon", f.clock.now_ms(), "Zie ook onze website.", "s9"}).ok());

  const auto& res = look_up(*f.s, ref);
  EXPECT_EQ(res.status, core::LookupStatus::answered);
  std::vector<std::pair<core::LookupEvent::Kind, std::string>> seen;
  for (const auto& e : res.history) seen.emplace_back(e.kind, e.channel + ":" + e.text);
  using K = core::LookupEvent::Kind;
  std::vector<std::pair<K, std::string>> want = {{K::stored, ":"},
                                                 {K::sent, "mastodon:"},
                                                 {K::sent, "openklant:"},
                                                 {K::answer, "openklant:Het grofvuil komt op dinsdag."},
                                                 {K::answer, "mastodon:Zie ook onze website."}};
  EXPECT_EQ(seen, want);
  for (std::size_t i = 1; i < res.history.size(); ++i) EXPECT_LE(res.history[i - 1].at_ms, res.history[i].at_ms);
}

TEST(session_test, lookup_shows_a_closed_report_as_handled_with_its_closing_text) {
  Fixture f;
  auto [ref, row] = store(f, sample_report());
  ASSERT_TRUE(f.outbox->mark_delivered(row, "signalen", "u1", "SIG-1").ok());
  f.clock.advance(60'000);
  ASSERT_TRUE(f.outbox->set_remote_status(row, "signalen", "OPEN").ok());
  EXPECT_EQ(look_up(*f.s, ref).status, core::LookupStatus::delivered);
  f.clock.advance(86'400'000);
  ASSERT_TRUE(f.outbox->set_remote_status(row, "signalen", "CLOSED").ok());
  ASSERT_TRUE(f.outbox->add_answer(row, Answer{"signalen", f.clock.now_ms(), "De tak is weggehaald.", "u1:s"}).ok());
  const auto& res = look_up(*f.s, ref);
  EXPECT_EQ(res.status, core::LookupStatus::handled);
  ASSERT_GE(res.history.size(), 2u);
  EXPECT_EQ(res.history[res.history.size() - 2].kind, core::LookupEvent::Kind::handled);
  EXPECT_EQ(res.history.back().text, "De tak is weggehaald.");
  // Reopened: in progress again, the history keeps the closing.
  f.clock.advance(60'000);
  ASSERT_TRUE(f.outbox->set_remote_status(row, "signalen", "OPEN").ok());
  const auto& again = look_up(*f.s, ref);
  EXPECT_EQ(again.status, core::LookupStatus::answered);
  EXPECT_EQ(again.history.back().kind, core::LookupEvent::Kind::in_progress);
}

TEST(session_test, lookup_status_words_of_every_channel) {
  using K = core::LookupEvent::Kind;
  EXPECT_EQ(core::lookup_event_kind("CLOSED"), K::handled);     // Signalen public API
  EXPECT_EQ(core::lookup_event_kind("o"), K::handled);          // Signalen afgehandeld
  EXPECT_EQ(core::lookup_event_kind("closed"), K::handled);     // Open311
  EXPECT_EQ(core::lookup_event_kind("beantwoord"), K::answer);  // Open Klant: its reactie follows
  EXPECT_EQ(core::lookup_event_kind("OPEN"), K::in_progress);
  EXPECT_EQ(core::lookup_event_kind("open"), K::in_progress);
}

TEST(session_test, screens_show_the_promises_signalen_sent_back) {
  Fixture f;
  const std::string shipped = f.s->tree().handling_message("afval/container-is-vol", "nl");
  ASSERT_FALSE(shipped.empty());
  // What the sync service stored from Signalen's category list (signalen.cpp apply_refresh).
  nlohmann::json list = {
      {"results",
       {{{"slug", "afval"},
         {"sub_categories", {{{"slug", "container-is-vol"}, {"handling_message", "Wij legen dit morgen op."}}}}}}}};
  ASSERT_TRUE(f.outbox->cache_put("signalen.categories", list.dump()).ok());
  f.s->start();
  EXPECT_EQ(f.s->tree().handling_message("afval/container-is-vol", "nl"), "Wij legen dit morgen op.");
  EXPECT_EQ(f.s->tree().handling_message("afval/container-is-vol", "en"),
            f.tree.handling_message("afval/container-is-vol", "en"));  // translations stay as shipped
  // A session already under way keeps its tree; the next one reads the newer list.
  f.clock.advance(1000);
  list["results"][0]["sub_categories"][0]["handling_message"] = "Binnen een week.";
  ASSERT_TRUE(f.outbox->cache_put("signalen.categories", list.dump()).ok());
  f.s->start();  // not idle: nothing happens
  EXPECT_EQ(f.s->tree().handling_message("afval/container-is-vol", "nl"), "Wij legen dit morgen op.");
  f.s->wipe();
  f.s->start();
  EXPECT_EQ(f.s->tree().handling_message("afval/container-is-vol", "nl"), "Binnen een week.");
}

TEST(session_test, pin_hash_and_slow_down) {
  std::string h = core::hash_pin("9753", 1000);
  EXPECT_TRUE(core::verify_pin("9753", h));
  EXPECT_FALSE(core::verify_pin("9754", h));
  EXPECT_FALSE(core::verify_pin("9753", "plain-9753"));
  EXPECT_EQ(h.find("9753"), std::string::npos);
  FakeClock clock;
  core::PinGuard g(clock, h);
  EXPECT_EQ(g.attempt("0000"), core::PinResult::wrong);
  EXPECT_EQ(g.attempt("0000"), core::PinResult::wrong);
  EXPECT_EQ(g.wait_ms(), 0);
  EXPECT_EQ(g.attempt("0000"), core::PinResult::wrong);
  std::int64_t w1 = g.wait_ms();
  EXPECT_GT(w1, 0);
  EXPECT_EQ(g.attempt("9753"), core::PinResult::wait);
  clock.advance(w1);
  EXPECT_EQ(g.attempt("0000"), core::PinResult::wrong);
  EXPECT_GT(g.wait_ms(), w1);  // doubles
  clock.advance(g.wait_ms());
  EXPECT_EQ(g.attempt("9753"), core::PinResult::ok);
  // The demo configuration's hash is the demo PIN 2468.
  EXPECT_TRUE(core::verify_pin("2468", demo_config().ui.technician_pin_hash));
}

// Ideas (issue 16): the question steps, sent as an idea on routing.idea; not offered without a route.
TEST(session_test, idea_flow_is_sent_as_an_idea_on_its_route) {
  Fixture f;
  EXPECT_TRUE(f.s->offers(core::Flow::idea));
  f.s->start();
  f.s->choose(core::Flow::idea);
  ASSERT_EQ(f.s->screen(), Screen::question_topic);
  f.s->pick_topic(f.tree.question_topics[0].slug);
  f.s->question().text = "Meer bankjes in het park.";
  f.s->next();
  ASSERT_EQ(f.s->screen(), Screen::question_contact);
  f.s->next();
  ASSERT_EQ(f.s->screen(), Screen::question_publish);
  f.s->next();  // not public: Open Klant only
  ASSERT_EQ(f.s->screen(), Screen::question_review);
  f.s->submit();
  ASSERT_EQ(f.s->screen(), Screen::receipt);
  auto stored = f.outbox->find(f.s->receipt()->reference);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->submission.kind, Kind::idea);
  EXPECT_EQ(stored->submission.channels, std::vector<std::string>{"openklant"});

  f.config.routing.idea.clear();
  core::Session none(f.config, f.tree, f.outbox.get(), f.clock);
  EXPECT_FALSE(none.offers(core::Flow::idea));
}

// Crisis news: urgent items in the screen's language, else the default language (marked), urgent first.
TEST(session_test, urgent_news_falls_back_to_another_language_and_says_so) {
  Fixture f;
  ASSERT_TRUE(f.outbox->upsert_news({"mastodon", "1", 1000, "nl", "Drink geen kraanwater.", "", true}).ok());
  ASSERT_TRUE(f.outbox->upsert_news({"mastodon", "2", 2000, "en", "Library closed on Monday.", ""}).ok());
  ASSERT_TRUE(f.outbox->upsert_news({"mastodon", "3", 500, "de", "Sturmwarnung.", "", true}).ok());
  f.s->start();
  ASSERT_TRUE(f.s->set_language("en"));
  auto urgent = f.s->urgent_news(5);
  ASSERT_EQ(urgent.size(), 1u);  // the default language's before any other
  EXPECT_EQ(urgent[0].text, "Drink geen kraanwater.");
  EXPECT_EQ(f.s->language_note_key(urgent[0]), "news.in.nl");
  auto listed = f.s->news_urgent_first(5);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_TRUE(listed[0].urgent);
  EXPECT_EQ(listed[1].text, "Library closed on Monday.");
  EXPECT_EQ(f.s->language_note_key(listed[1]), "");
  EXPECT_EQ(f.s->language_note_key(NewsItem{"m", "3", 0, "de", "x", ""}), "news.in_other");
}

}  // namespace
}  // namespace kiosk::test
