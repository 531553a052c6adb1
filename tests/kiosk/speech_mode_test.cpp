// Speech mode on a hand-made widget registry with the real catalogs and a recording sink: touch to explore,
// confirm to act, reading order, titles on screen entry, stop/repeat, personal data as a count.
#include "kiosk/core/speech_mode.hpp"

#include <gtest/gtest.h>

#include "fake_speech_sink.hpp"

namespace kiosk::test {
namespace {

using core::Role;
using core::Widget;

const std::vector<std::string> kLanguages = {"nl", "en", "tr", "pl", "uk", "ar"};

core::Catalogs catalogs() {
  auto c = core::Catalogs::load(core::catalog_dir(), kLanguages);
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(*c);
}

Widget make(Role role, std::string id, std::string label, float y, std::string key = "") {
  Widget w;
  w.role = role;
  w.id = std::move(id);
  w.label = std::move(label);
  w.key = std::move(key);
  w.x0 = 0;
  w.x1 = 400;
  w.y0 = y;
  w.y1 = y + 50;
  w.clip_x1 = 1280;
  w.clip_y1 = 800;
  return w;
}

// A contact screen: title, an intro text, two fields, a tick box, the Next button.
core::WidgetRegistry contact_screen(const core::Catalog& c) {
  core::WidgetRegistry r;
  r.add(make(Role::heading, "title", c.get("contact.title"), 0, "contact.title"));
  r.add(make(Role::text, "", c.get("contact.optional"), 60, "contact.optional"));
  Widget email = make(Role::field, "contact.email", c.get("contact.email"), 120, "contact.email");
  email.value_length = 12;
  r.add(email);
  Widget phone = make(Role::field, "contact.phone", c.get("contact.phone"), 180, "contact.phone");
  phone.value_length = 0;
  r.add(phone);
  Widget tick = make(Role::checkbox, "contact.consent", c.get("contact.consent"), 240, "contact.consent");
  r.add(tick);
  r.add(make(Role::scroll_region, "", "", 0));
  r.add(make(Role::button, "tech.corner", "", 300));
  r.add(make(Role::button, "app.next", c.get("app.next"), 360, "app.next"));
  return r;
}

struct speech_mode_test : ::testing::Test {
  core::Catalogs cats = catalogs();
  FakeSpeechSink sink;
  core::SpeechMode speech{sink};
  const core::Catalog& nl = cats.get("nl");
};

TEST_F(speech_mode_test, off_says_nothing) {
  auto r = contact_screen(nl);
  speech.after_frame(r, "report_contact", nl);
  speech.explore(r.find("app.next"), nl);
  speech.next(r, nl);
  EXPECT_TRUE(sink.spoken().empty());
}

TEST_F(speech_mode_test, start_announces_then_the_title_in_the_screen_language) {
  for (const auto& lang : kLanguages) {
    const core::Catalog& c = cats.get(lang);
    auto r = contact_screen(c);
    speech.reset();
    sink.events.clear();
    speech.start(c);
    speech.after_frame(r, "report_contact", c);
    ASSERT_EQ(sink.spoken().size(), 1u) << lang;
    EXPECT_EQ(sink.spoken()[0].text, c.get("speech.started") + " " + c.get("contact.title")) << lang;
    EXPECT_EQ(sink.spoken()[0].lang, lang);
    // The same screen again says nothing; a new language says its title again.
    speech.after_frame(r, "report_contact", c);
    EXPECT_EQ(sink.spoken().size(), 1u) << lang;
  }
}

TEST_F(speech_mode_test, screen_change_cancels_then_speaks_the_title) {
  speech.start(nl);
  auto r = contact_screen(nl);
  speech.after_frame(r, "report_contact", nl);
  sink.events.clear();
  core::WidgetRegistry review;
  review.add(make(Role::heading, "title", nl.get("review.title"), 0, "review.title"));
  speech.after_frame(review, "report_review", nl);
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[0].kind, FakeSpeechSink::Event::cancel);
  EXPECT_EQ(sink.events[1].text, nl.get("review.title"));
}

TEST_F(speech_mode_test, first_tap_speaks_label_role_state_second_is_the_focus) {
  speech.start(nl);
  auto r = contact_screen(nl);
  speech.after_frame(r, "report_contact", nl);
  const Widget* next = core::element_at(r, 200, 380);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->id, "app.next");
  EXPECT_FALSE(speech.is_focus(next));
  speech.touch();
  speech.explore(next, nl);
  EXPECT_EQ(sink.last_spoken()->text, "Verder, knop");
  EXPECT_EQ(sink.last_spoken()->lang, "nl");
  EXPECT_TRUE(speech.is_focus(next));
  ASSERT_NE(speech.focus(r), nullptr);
  EXPECT_EQ(speech.focus(r)->id, "app.next");
  // Another element takes the focus.
  speech.explore(r.find("contact.consent"), nl);
  EXPECT_FALSE(speech.is_focus(next));
  EXPECT_NE(sink.last_spoken()->text.find(nl.get("speech.state.unchecked")), std::string::npos);
}

TEST_F(speech_mode_test, touch_cancels_before_the_next_utterance) {
  speech.start(nl);
  auto r = contact_screen(nl);
  speech.after_frame(r, "report_contact", nl);
  sink.events.clear();
  speech.touch();
  speech.explore(r.find("app.next"), nl);
  ASSERT_GE(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[0].kind, FakeSpeechSink::Event::cancel);
  EXPECT_EQ(sink.events.back().kind, FakeSpeechSink::Event::speak);
}

TEST_F(speech_mode_test, next_and_previous_reach_every_element_in_reading_order) {
  speech.start(nl);
  auto r = contact_screen(nl);
  speech.after_frame(r, "report_contact", nl);
  const std::vector<std::string> want = {nl.get("contact.title"), nl.get("contact.optional"), nl.get("contact.email"),
                                         nl.get("contact.phone"), nl.get("contact.consent"),  nl.get("app.next")};
  ASSERT_EQ(core::reading_order(r).size(), want.size());
  for (const auto& label : want) {
    speech.next(r, nl);
    EXPECT_EQ(sink.last_spoken()->text.rfind(label, 0), 0u) << sink.last_spoken()->text;
  }
  speech.next(r, nl);  // wraps to the first
  EXPECT_EQ(sink.last_spoken()->text.rfind(want.front(), 0), 0u);
  for (auto it = want.rbegin(); it != want.rend(); ++it) {
    speech.previous(r, nl);
    EXPECT_EQ(sink.last_spoken()->text.rfind(*it, 0), 0u) << sink.last_spoken()->text;
  }
}

TEST_F(speech_mode_test, silence_and_repeat) {
  speech.start(nl);
  auto r = contact_screen(nl);
  speech.after_frame(r, "report_contact", nl);
  speech.explore(r.find("app.next"), nl);
  sink.events.clear();
  speech.silence();
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].kind, FakeSpeechSink::Event::cancel);
  speech.repeat();
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_EQ(sink.events[1].kind, FakeSpeechSink::Event::cancel);
  EXPECT_EQ(sink.events[2].text, "Verder, knop");
}

TEST_F(speech_mode_test, personal_data_is_a_count_unless_opted_in) {
  speech.start(nl);
  auto r = contact_screen(nl);
  Widget own = make(Role::text, "", "jan@voorbeeld.nl", 420);
  own.personal = true;
  r.add(own);
  speech.set_field_text([](const Widget& w) { return w.id == "contact.email" ? "jan@example.nl" : ""; });
  speech.after_frame(r, "report_review", nl);
  speech.explore(r.find("contact.email"), nl);
  EXPECT_EQ(sink.last_spoken()->text, nl.get("contact.email") + ", invulveld, 12 tekens");
  speech.explore(r.find("contact.phone"), nl);
  EXPECT_EQ(sink.last_spoken()->text, nl.get("contact.phone") + ", invulveld, leeg");
  speech.explore(core::element_at(r, 10, 430), nl);
  EXPECT_EQ(sink.last_spoken()->text, "16 tekens");
  EXPECT_EQ(sink.all_text().find("jan@"), std::string::npos);
  // Opted in: read aloud; a wipe takes the opt-in away.
  speech.set_read_personal(true);
  speech.explore(r.find("contact.email"), nl);
  EXPECT_NE(sink.last_spoken()->text.find("jan@example.nl"), std::string::npos);
  speech.explore(core::element_at(r, 10, 430), nl);
  EXPECT_EQ(sink.last_spoken()->text, "jan@voorbeeld.nl");
  speech.reset();
  EXPECT_FALSE(speech.read_personal());
  EXPECT_FALSE(speech.on());
}

TEST_F(speech_mode_test, every_word_in_every_catalog) {
  for (const auto& lang : kLanguages) {
    const core::Catalog& c = cats.get(lang);
    for (const char* k : {"speech.switch", "speech.started", "speech.count", "speech.count_one", "speech.empty",
                          "speech.role.button", "speech.role.checkbox", "speech.role.key", "speech.role.field",
                          "speech.role.heading", "speech.state.checked", "speech.state.unchecked", "speech.state.on",
                          "speech.state.off", "speech.state.selected", "speech.state.disabled"})
      EXPECT_TRUE(c.has(k)) << lang << ": " << k;
    EXPECT_NE(c.get("speech.count").find("{n}"), std::string::npos) << lang;
  }
}

TEST_F(speech_mode_test, a_reference_code_is_spelled_with_the_catalog_words) {
  EXPECT_EQ(core::SpeechMode::spell("D7-K", cats.get("nl")), "D van Dirk, 7, K van Karel");
  EXPECT_EQ(core::SpeechMode::spell("D7-K", cats.get("en")), "D as in Delta, 7, K as in Kilo");
  // Every letter a code can hold has its word in every language.
  for (const auto& lang : kLanguages)
    for (char ch : std::string_view("ABCDEFGHJKMNPQRSTVWXYZ")) {
      const std::string said = core::SpeechMode::spell(std::string(1, ch), cats.get(lang));
      EXPECT_TRUE(cats.get(lang).has("speech.spell." + std::string(1, ch))) << lang << " " << ch;
      EXPECT_EQ(said.find(ch), 0u) << lang << ": " << said;
      EXPECT_GT(said.size(), 3u) << lang << ": " << said;
    }
}

TEST_F(speech_mode_test, volume_levels_are_spoken_go_to_the_sink_and_reset) {
  speech.set_default_volume(5);
  EXPECT_EQ(sink.volume(), 100) << "level 5: the calibrated loudness";
  speech.start(nl);
  speech.volume_up(nl);
  EXPECT_EQ(sink.volume(), 120);
  EXPECT_EQ(sink.last_spoken()->text, "Volume 6 van 10");
  speech.volume_down(cats.get("en"));
  EXPECT_EQ(sink.last_spoken()->text, "Volume 5 of 10");
  EXPECT_EQ(sink.last_spoken()->lang, "en");
  for (int i = 0; i < 20; ++i) speech.volume_down(nl);
  EXPECT_EQ(speech.volume_level(), 1);
  EXPECT_EQ(sink.volume(), 20);
  speech.reset();
  EXPECT_EQ(sink.volume(), 100);
  speech.set_default_volume(99);  // clamped
  EXPECT_EQ(speech.volume_level(), 10);
  // A new sink gets the level too.
  FakeSpeechSink other;
  speech.set_sink(other);
  EXPECT_EQ(other.volume(), 200);
}

TEST_F(speech_mode_test, an_announcement_says_its_parts_in_turn_and_a_touch_stops_it) {
  const std::vector<std::string> langs = {"nl", "en", "ar"};
  auto parts = core::SpeechMode::in_languages(cats, langs, "speech.announce");
  ASSERT_EQ(parts.size(), 3u);
  std::int64_t t = 1000;
  speech.announce(parts, t);  // speech mode off: it is said all the same
  ASSERT_EQ(sink.spoken().size(), 1u);
  EXPECT_EQ(sink.spoken()[0].lang, "nl");
  EXPECT_EQ(sink.spoken()[0].text, nl.get("speech.announce"));
  const std::int64_t first = core::SpeechMode::speaking_ms(parts[0].text);
  EXPECT_GT(first, 3000) << "a sentence takes seconds";
  EXPECT_EQ(speech.tick(t + first - 1), 1);
  EXPECT_EQ(sink.spoken().size(), 1u) << "not cut off early";
  speech.tick(t + first);
  ASSERT_EQ(sink.spoken().size(), 2u);
  EXPECT_EQ(sink.spoken()[1].lang, "en");
  EXPECT_EQ(sink.spoken()[1].text, cats.get("en").get("speech.announce"));
  speech.touch();
  EXPECT_FALSE(speech.announcing());
  EXPECT_EQ(sink.events.back().kind, FakeSpeechSink::Event::cancel);
  EXPECT_EQ(speech.tick(t + 100000), -1);
  EXPECT_EQ(sink.spoken().size(), 2u);
  // Through to the end; start() drops the rest as well.
  speech.announce(parts, t);
  speech.tick(t + 60000);
  speech.tick(t + 120000);
  EXPECT_EQ(sink.spoken().back().lang, "ar");
  EXPECT_TRUE(speech.announcing()) << "the last part is being said";
  speech.tick(t + 180000);
  EXPECT_FALSE(speech.announcing());
  speech.announce(parts, t);
  speech.start(nl);
  EXPECT_FALSE(speech.announcing());
}

// What the screen shows while an announcement is heard (EN 301 549 §5.1.5): the part being said, from the
// moment it is said until its time is over, then the next; nothing once it is over or a touch ended it.
TEST_F(speech_mode_test, the_part_being_announced_is_known_until_it_is_over) {
  auto parts = core::SpeechMode::in_languages(cats, {"nl", "ar"}, "speech.announce");
  EXPECT_EQ(speech.announced(), nullptr);
  std::int64_t t = 5000;
  speech.announce(parts, t);
  ASSERT_NE(speech.announced(), nullptr);
  EXPECT_EQ(speech.announced()->lang, "nl");
  EXPECT_EQ(speech.announced()->text, sink.last_spoken()->text);
  t += core::SpeechMode::speaking_ms(parts[0].text);
  speech.tick(t - 1);
  EXPECT_EQ(speech.announced()->lang, "nl");
  speech.tick(t);
  EXPECT_EQ(speech.announced()->lang, "ar");
  EXPECT_EQ(speech.announced()->text, sink.last_spoken()->text);
  t += core::SpeechMode::speaking_ms(parts[1].text);
  EXPECT_EQ(speech.tick(t - 1), 1);
  EXPECT_EQ(speech.announced()->lang, "ar") << "the last part stays until it is over";
  EXPECT_EQ(speech.tick(t), -1);
  EXPECT_EQ(speech.announced(), nullptr);
  speech.announce(parts, t);
  speech.touch();
  EXPECT_EQ(speech.announced(), nullptr);
}

// A sink that tells when it has finished (the espeak-ng sink): the next language follows a pause after the
// last sample, however long the estimate; one that never says so is cut off at three times the estimate.
TEST_F(speech_mode_test, an_announcement_waits_for_a_sink_that_tells_it_has_finished) {
  auto parts = core::SpeechMode::in_languages(cats, {"nl", "en", "ar"}, "speech.announce");
  const std::int64_t pause = core::SpeechMode::kAnnouncePauseMs, poll = core::SpeechMode::kAnnouncePollMs;
  sink.playing = true;
  std::int64_t t = 1000;
  speech.announce(parts, t);
  ASSERT_EQ(sink.spoken().size(), 1u);
  const std::int64_t estimate = core::SpeechMode::speaking_ms(parts[0].text);
  EXPECT_EQ(speech.ms_until_tick(t), poll) << "the loop wakes to ask";
  // Still playing after the estimate (a slow voice): not cut off.
  t += estimate + 500;
  EXPECT_EQ(speech.tick(t), poll);
  EXPECT_EQ(sink.spoken().size(), 1u);
  // Finished: the pause, then the next.
  sink.playing = false;
  EXPECT_EQ(speech.tick(t), pause);
  EXPECT_EQ(speech.ms_until_tick(t + 100), pause - 100) << "no more asking during the pause";
  speech.tick(t + pause - 1);
  EXPECT_EQ(sink.spoken().size(), 1u);
  t += pause;
  speech.tick(t);
  ASSERT_EQ(sink.spoken().size(), 2u);
  EXPECT_EQ(sink.spoken()[1].lang, "en");
  // Finished sooner than the estimate: the next sooner too.
  sink.playing = false;
  speech.tick(t + 300);
  speech.tick(t + 300 + pause);
  ASSERT_EQ(sink.spoken().size(), 3u);
  EXPECT_LT(300 + pause, core::SpeechMode::speaking_ms(parts[1].text));
  EXPECT_EQ(sink.spoken()[2].lang, "ar");
  // The last part: over when it has finished and the pause has passed.
  t += 300 + pause;
  sink.playing = true;
  EXPECT_TRUE(speech.announcing());
  sink.playing = false;
  speech.tick(t + 100);
  EXPECT_TRUE(speech.announcing());
  EXPECT_EQ(speech.tick(t + 100 + pause), -1);
  EXPECT_FALSE(speech.announcing());
  // A sink that never says it has finished: the next part at three times the estimate at most.
  sink.playing = true;
  t = 100000;
  speech.announce(parts, t);
  speech.tick(t + 3 * estimate - 1);
  EXPECT_EQ(sink.spoken().back().lang, "nl");
  speech.tick(t + 3 * estimate);
  EXPECT_EQ(sink.spoken().back().lang, "en");
}

// Switching speech mode off (its switch) returns the loudness to the configured level, as the session's end
// does: the next listener does not start at the last one's level.
TEST_F(speech_mode_test, switching_off_returns_the_volume_to_the_configured_level) {
  speech.set_default_volume(3);
  speech.start(nl);
  for (int i = 0; i < 4; ++i) speech.volume_up(nl);
  ASSERT_EQ(speech.volume_level(), 7);
  ASSERT_EQ(sink.volume(), 7 * core::SpeechMode::kVolumeStep);
  speech.stop_mode();
  EXPECT_EQ(speech.volume_level(), 3);
  EXPECT_EQ(sink.volume(), 3 * core::SpeechMode::kVolumeStep);
}

TEST_F(speech_mode_test, a_screen_says_its_title_then_its_instructions) {
  auto r = contact_screen(nl);
  r.items()[1].id = "instructions";  // contact.optional
  speech.start(nl);
  speech.after_frame(r, "report_contact", nl);
  EXPECT_EQ(sink.last_spoken()->text,
            nl.get("speech.started") + " " + nl.get("contact.title") + " " + nl.get("contact.optional"));
}

TEST_F(speech_mode_test, a_reference_code_element_is_spelled) {
  core::WidgetRegistry r;
  Widget code = make(Role::text, "receipt.code", "D7-K", 0);
  code.spell = true;
  r.add(code);
  speech.start(nl);
  speech.after_frame(r, "receipt", nl);
  speech.next(r, nl);
  EXPECT_EQ(sink.last_spoken()->text, "D van Dirk, 7, K van Karel");
}

TEST_F(speech_mode_test, the_new_words_are_in_every_catalog) {
  for (const auto& lang : kLanguages) {
    const core::Catalog& c = cats.get(lang);
    for (const char* k :
         {"speech.volume", "speech.announce", "speech.personal", "speech.personal.warning", "speech.personal.yes",
          "speech.personal.no", "speech.personal.on", "speech.bar.volume_up", "speech.bar.volume_down",
          "speech.bar.volume_up_short", "speech.bar.volume_down_short", "choose.hint", "report.category.hint",
          "report.sub.hint", "question.topic.hint", "idea.topic.hint", "review.hint", "news.hint"})
      EXPECT_TRUE(c.has(k)) << lang << ": " << k;
    const std::string v = c.get("speech.volume");
    EXPECT_NE(v.find("{n}"), std::string::npos) << lang;
    EXPECT_NE(v.find("{max}"), std::string::npos) << lang;
  }
}

}  // namespace
}  // namespace kiosk::test
