// Speech mode in the real UI (headless harness, fake clock) with a sink that records what would be said:
// started from the idle screen's corner switch or a long press; every screen speaks its title on entry in
// the screen's language; a touch silences before anything new is said; first tap speaks, second acts;
// next/previous reach every element in reading order; the citizen's text and contact details are not
// spoken; a wipe ends speech mode.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "fake_speech_sink.hpp"
#include "kiosk/core/a11y.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;
using Event = FakeSpeechSink::Event;

struct Speaking {
  explicit Speaking(int width = 1280, int height = 800, Config config = demo_config())
      : h(std::move(config), width, height) {
    h.ui->set_speech_sink(&sink);
  }
  FakeSpeechSink sink;  // outlives the UI that speaks into it
  UiHarness h;

  const core::Catalog& cat() const { return h.catalogs.get(h.session->language()); }
  std::string focus() const {
    const core::Widget* w = h.ui->speech().focus(h.ui->registry());
    return w ? w->id : "";
  }
  // In speech mode: the first tap speaks (unless already in focus), the second acts.
  void act(const std::string& id) {
    if (focus() != id) {
      h.tap(id);
      ASSERT_EQ(focus(), id) << "a first tap puts the element in focus";
    }
    h.tap(id);
  }
  void start_by_switch() {
    h.tap("speech.switch");
    ASSERT_TRUE(h.ui->speech().on());
  }
  // In Dutch from the idle screen to the report's description, by first and second taps.
  void to_description() {
    start_by_switch();
    act("lang.nl");
    for (const char* id :
         {"choose.report", "tile.wegen-verkeer-straatmeubilair", "tile.bestrating", "loc.place.1", "app.next"})
      act(id);
    ASSERT_EQ(h.screen(), Screen::report_description);
  }
  // On to the contact details, with a short description.
  void to_contact() {
    to_description();
    act("text");
    h.type("Losse tegel");
    act("key.hide");
    act("app.next");
    ASSERT_EQ(h.screen(), Screen::report_contact);
  }
  // Only the speech bar: Volgende until id is in focus (one round of the reading order at most; a new screen
  // starts with nothing in focus), then Kiezen.
  void bar_choose(const std::string& id) {
    const std::size_t n = core::reading_order(h.ui->registry()).size();
    for (std::size_t i = 0; i <= n && focus() != id; ++i) h.tap("speech.bar.next");
    ASSERT_EQ(focus(), id) << "not in the reading order of " << core::screen_name(h.screen());
    h.tap("speech.bar.activate");
  }
  // Everything said while walking the screen once with next.
  std::string walk_screen() {
    const std::size_t from = sink.events.size();
    const std::size_t n = core::reading_order(h.ui->registry()).size();
    for (std::size_t i = 0; i < n; ++i) {
      h.ui->speech_next();
      h.settle();
    }
    std::string out;
    for (std::size_t i = from; i < sink.events.size(); ++i)
      if (sink.events[i].kind == Event::speak) out += sink.events[i].text + "\n";
    return out;
  }
  // The last utterance holds the catalog text of key, in the screen's language.
  void expect_said(const std::string& key) {
    const Event* e = sink.last_spoken();
    ASSERT_NE(e, nullptr) << key;
    EXPECT_NE(e->text.find(cat().get(key)), std::string::npos) << "said '" << e->text << "', not " << key;
    EXPECT_EQ(e->lang, h.session->language());
  }
};

TEST(ui_speech_test, the_switch_is_in_the_top_end_corner_on_every_panel) {
  for (auto [w, ht] : {std::pair{1280, 800}, {800, 480}, {1080, 1920}, {1920, 1080}}) {
    Speaking s(w, ht);
    const ui::Target* t = s.h.target("speech.switch");
    ASSERT_NE(t, nullptr) << w << "x" << ht;
    // The last control before the screen's top-right corner: nothing to its right, within a pad of the edge.
    const float pad = float(core::mm_to_px(6.0, s.h.ui->panel_dpi()));
    EXPECT_GE(t->x1, float(w) - pad) << w << "x" << ht;
    EXPECT_LE(t->y0, pad) << w << "x" << ht;
    for (const auto& o : s.h.ui->targets())
      if (o.id != t->id) {
        EXPECT_FALSE(o.x0 >= t->x1 && o.y0 < t->y1) << o.id << " right of the switch";
      }
    EXPECT_EQ(t->label, s.cat().get("speech.switch"));
    s.start_by_switch();
    ASSERT_FALSE(s.sink.spoken().empty());
    EXPECT_EQ(s.sink.spoken().front().text, s.cat().get("speech.started") + " " + s.cat().get("idle.touch") + " " +
                                                s.cat().get("idle.choose_language"))
        << "the title, then the instructions";
    EXPECT_EQ(s.h.screen(), Screen::idle) << "the switch starts speech mode, not a session";
  }
}

TEST(ui_speech_test, long_press_anywhere_on_idle_starts_speech_mode) {
  Speaking s;
  s.h.ui->press(640, 300);
  for (int i = 0; i < 100 && !s.h.ui->speech().on(); ++i) {
    s.h.clock.advance(16);
    s.h.ui->frame();
  }
  ASSERT_TRUE(s.h.ui->speech().on());
  s.h.ui->release(640, 300);
  s.h.settle();
  EXPECT_EQ(s.h.screen(), Screen::idle) << "the release of a long press starts no session";
  s.expect_said("speech.started");
  // A short tap there still starts a session when speech mode is off.
  Speaking t;
  t.h.tap_at(640, 300);
  EXPECT_EQ(t.h.screen(), Screen::choose);
  EXPECT_FALSE(t.h.ui->speech().on());
}

TEST(ui_speech_test, every_screen_entry_speaks_its_title_in_the_screen_language) {
  struct Step {
    const char* id;     // acted on (first tap speaks, second acts)
    Screen screen;      // where that leads
    const char* title;  // what the new screen says first (nullptr: the same screen)
  };
  const Step walk[] = {{"choose.report", Screen::report_category, "report.category.title"},
                       {"tile.wegen-verkeer-straatmeubilair", Screen::report_subcategory, "report.sub.title"},
                       {"tile.bestrating", Screen::report_location, "report.location.title"},
                       {"loc.place.1", Screen::report_location, nullptr},
                       {"app.next", Screen::report_description, "report.description.title"},
                       {"app.back", Screen::report_location, "report.location.title"}};
  for (const std::string lang : {"nl", "en", "ar"}) {
    Speaking s;
    s.start_by_switch();
    s.act("lang." + lang);
    ASSERT_EQ(s.h.screen(), Screen::choose) << lang;
    ASSERT_EQ(s.h.session->language(), lang);
    s.expect_said("choose.title");
    for (const Step& step : walk) {
      s.act(step.id);
      ASSERT_EQ(s.h.screen(), step.screen) << lang << ": " << step.id;
      if (step.title) s.expect_said(step.title);
    }
  }
}

TEST(ui_speech_test, a_touch_silences_before_anything_new_is_said) {
  Speaking s;
  s.start_by_switch();
  s.act("lang.nl");
  // Each control twice: the first touch explores it, the second (on the focus) acts; both silence in the
  // frame the finger lands in, and nothing is said without a cancel just before it.
  for (const char* id :
       {"choose.question", "choose.question", "app.back", "app.back", "app.stop", "app.stop", "stop.yes", "stop.yes"}) {
    const std::size_t from = s.sink.events.size();
    const ui::Target* t = s.h.target(id);
    ASSERT_NE(t, nullptr) << id;
    const float x = (t->x0 + t->x1) / 2, y = (t->y0 + t->y1) / 2;
    s.h.ui->press(x, y);
    s.h.clock.advance(16);
    s.h.ui->frame();  // the frame the finger lands in
    ASSERT_GT(s.sink.events.size(), from) << id;
    EXPECT_EQ(s.sink.events[from].kind, Event::cancel) << id << ": silenced within the frame";
    s.h.ui->release(x, y);
    s.h.settle();
    for (std::size_t i = from; i < s.sink.events.size(); ++i)
      if (s.sink.events[i].kind == Event::speak) {
        ASSERT_GT(i, from);
        EXPECT_EQ(s.sink.events[i - 1].kind, Event::cancel) << id;
      }
  }
  EXPECT_EQ(s.h.screen(), Screen::idle);
}

TEST(ui_speech_test, first_tap_speaks_second_acts) {
  Speaking s;
  s.start_by_switch();
  s.act("lang.nl");
  s.h.tap("choose.report");
  EXPECT_EQ(s.h.screen(), Screen::choose) << "the first tap only speaks";
  EXPECT_EQ(s.sink.last_spoken()->text, s.cat().get("choose.report") + ", knop");
  EXPECT_EQ(s.focus(), "choose.report");
  s.h.tap("choose.question");  // another element: spoken, nothing happens
  EXPECT_EQ(s.h.screen(), Screen::choose);
  EXPECT_EQ(s.focus(), "choose.question");
  s.h.tap("choose.question");
  EXPECT_EQ(s.h.screen(), Screen::question_topic);
  EXPECT_EQ(s.focus(), "") << "a new screen starts with nothing in focus";
  // The element in focus is outlined on screen (docs/screenshots/11-speech-focus.png is made with
  // KIOSK_SCREENSHOT_DIR=docs/screenshots): the pixels around Back change when it takes the focus.
  const ui::Target* back = s.h.target("app.back");
  ASSERT_NE(back, nullptr);
  auto ring = [&] {
    std::vector<unsigned char> px(std::size_t(s.h.w) * std::size_t(s.h.h) * 4);
    s.h.clock.advance(16);
    s.h.ui->request_frames(1);
    s.h.ui->frame();
    SDL_RenderReadPixels(s.h.renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), s.h.w * 4);
    std::vector<unsigned char> out;  // the row just below Back
    const int y = int(back->y1) + 2;
    for (int x = int(back->x0); x < int(back->x1); ++x)
      out.insert(out.end(), &px[(std::size_t(y) * std::size_t(s.h.w) + std::size_t(x)) * 4],
                 &px[(std::size_t(y) * std::size_t(s.h.w) + std::size_t(x)) * 4 + 3]);
    return out;
  };
  const auto before = ring();
  s.h.tap("app.back");
  EXPECT_EQ(s.focus(), "app.back");
  EXPECT_NE(ring(), before) << "no outline around the element in focus";
  const char* dir = std::getenv("KIOSK_SCREENSHOT_DIR");
  const std::filesystem::path d = dir && *dir ? std::filesystem::path(dir) : s.h.dir.path();
  ASSERT_TRUE(s.h.screenshot(d / "11-speech-focus.png"));
}

TEST(ui_speech_test, next_and_previous_reach_every_element_in_reading_order) {
  Speaking s;
  s.start_by_switch();
  s.act("lang.nl");
  for (int screen = 0; screen < 3; ++screen) {
    const auto order = core::reading_order(s.h.ui->registry());
    ASSERT_GT(order.size(), 3u);
    std::vector<std::string> labels;
    for (const auto* w : order) labels.push_back(w->label);
    std::vector<std::string> said;
    for (std::size_t i = 0; i < order.size(); ++i) {
      s.h.ui->speech_next();
      s.h.settle();
      said.push_back(s.sink.last_spoken()->text);
      EXPECT_EQ(said.back().rfind(labels[i], 0), 0u) << i << ": '" << said.back() << "'";
    }
    // Every control a finger can touch (but the technician's hidden corner) was reached.
    for (const auto& t : s.h.ui->targets()) {
      if (t.id == "tech.corner" || t.id.starts_with(core::kSpeechBarPrefix)) continue;
      EXPECT_TRUE(std::find(labels.begin(), labels.end(), t.label) != labels.end()) << t.id;
    }
    // Back from the last element to the first, then round to the last.
    const std::size_t n = order.size();
    for (std::size_t k = 1; k <= n; ++k) {
      s.h.ui->speech_previous();
      s.h.settle();
      EXPECT_EQ(s.sink.last_spoken()->text, said[(2 * n - 1 - k) % n]) << k;
    }
    // Confirm acts on the element in focus without coordinates: walk on by the first tile or Next.
    if (screen == 0) s.act("choose.report");
    else if (screen == 1) s.act("tile.wegen-verkeer-straatmeubilair");
  }
}

TEST(ui_speech_test, the_citizens_words_are_not_spoken_without_opt_in) {
  Speaking s;
  ASSERT_NO_FATAL_FAILURE(s.to_description());
  s.act("text");
  ASSERT_TRUE(s.h.ui->keyboard_visible());
  const std::string own = "Mijn buurman Jansen viel bij de vijver";  // ASCII: bytes = characters
  s.h.type(own);
  s.h.ui->speech_next();  // through the screen, the field and the keyboard included
  for (std::size_t i = 0; i < core::reading_order(s.h.ui->registry()).size(); ++i) {
    s.h.ui->speech_next();
    s.h.settle();
  }
  s.act("key.hide");
  s.act("app.next");
  ASSERT_EQ(s.h.screen(), Screen::report_contact);
  s.act("contact.email");
  s.h.type("jan@example.nl");
  s.h.ui->speech_repeat();
  EXPECT_NE(s.sink.all_text().find(s.cat().get("contact.email") + ", invulveld"), std::string::npos);
  s.act("key.hide");
  s.act("contact.consent");
  s.act("app.next");
  ASSERT_EQ(s.h.screen(), Screen::report_review) << core::screen_name(s.h.screen());
  for (std::size_t i = 0; i < core::reading_order(s.h.ui->registry()).size(); ++i) {
    s.h.ui->speech_next();
    s.h.settle();
  }
  const std::string said = s.sink.all_text();
  EXPECT_NE(said.find(s.cat().get("review.text")), std::string::npos) << "the review was read";
  EXPECT_NE(said.find(std::to_string(own.size()) + " tekens"), std::string::npos) << "the text as its length";
  for (const char* secret : {"Jansen", "vijver", "jan@", "example.nl"})
    EXPECT_EQ(said.find(secret), std::string::npos) << secret << " spoken:\n" << said;
}

const char* const kBar[] = {"speech.bar.previous", "speech.bar.next",        "speech.bar.activate", "speech.bar.repeat",
                            "speech.bar.stop",     "speech.bar.volume_down", "speech.bar.volume_up"};

TEST(ui_speech_test, the_speech_controls_are_a_fixed_bar_at_the_bottom_of_every_screen) {
  for (auto [w, ht] : {std::pair{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}})
    for (bool large : {false, true}) {
      const std::string at = std::to_string(w) + "x" + std::to_string(ht) + (large ? " large" : "");
      Speaking s(w, ht);
      s.h.session->set_large_text(large);
      s.h.settle();
      for (const char* id : kBar) EXPECT_EQ(s.h.target(id), nullptr) << at << ": " << id << " while speech is off";
      s.start_by_switch();
      std::vector<ui::Target> first;
      auto check = [&](const char* where) {
        std::vector<ui::Target> bar;
        for (const char* id : kBar) {
          const ui::Target* t = s.h.target(id);
          ASSERT_NE(t, nullptr) << at << " " << where << ": " << id;
          EXPECT_GE(t->x1 - t->x0, s.h.ui->min_target_px()) << at << " " << id;
          EXPECT_GE(t->y1 - t->y0, s.h.ui->min_target_px()) << at << " " << id;
          EXPECT_GE(t->y0, float(ht) * 0.75f) << at << " " << id << ": at the bottom";
          EXPECT_EQ(t->label, s.cat().get(id)) << "spoken by its name";
          bar.push_back(*t);
        }
        // Nothing else lies on the bar.
        for (const auto& o : s.h.ui->targets())
          if (!o.id.starts_with(core::kSpeechBarPrefix)) {
            EXPECT_LE(o.y1, bar[0].y0) << at << " " << where << ": " << o.id << " under the speech controls";
          }
        if (first.empty()) first = bar;
        for (std::size_t i = 0; i < bar.size(); ++i) {
          EXPECT_EQ(bar[i].x0, first[i].x0) << at << " " << where << ": " << bar[i].id << " moved";
          EXPECT_EQ(bar[i].y0, first[i].y0) << at << " " << where << ": " << bar[i].id << " moved";
          if (i > 0) {
            EXPECT_GT(bar[i].x0, bar[i - 1].x1) << "in this order, start to end";
          }
        }
      };
      check("idle");
      s.act("lang.ar");  // right to left: the bar keeps its order
      check("choose");
      s.act("choose.report");
      check("category");
      const auto& c = s.h.config.ui;  // the time-out warning's overlay
      s.h.clock.advance(std::int64_t(c.idle_timeout_s - c.idle_warning_s) * 1000 + 100);
      s.h.settle();
      ASSERT_EQ(s.h.session->idle().phase(), core::IdlePhase::warning);
      check("warning");
    }
}

// Only the speech controls: no coordinates of the screen's own elements.
TEST(ui_speech_test, the_speech_controls_walk_a_screen_and_press_next) {
  Speaking s;
  s.start_by_switch();
  s.act("lang.nl");
  s.act("choose.report");
  s.act("tile.wegen-verkeer-straatmeubilair");
  s.act("tile.bestrating");
  s.act("loc.place.1");
  ASSERT_EQ(s.h.screen(), Screen::report_location);
  const std::size_t n = core::reading_order(s.h.ui->registry()).size();
  std::size_t steps = 0;
  while (s.focus() != "app.next" && steps++ < n) s.h.tap("speech.bar.next");
  ASSERT_EQ(s.focus(), "app.next") << "next reaches Verder";
  EXPECT_EQ(s.sink.last_spoken()->text, s.cat().get("app.next") + ", knop");
  s.h.tap("speech.bar.previous");
  EXPECT_NE(s.focus(), "app.next");
  const std::string before = s.sink.last_spoken()->text;
  s.h.tap("speech.bar.stop");
  EXPECT_EQ(s.sink.events.back().kind, Event::cancel) << "stop silences";
  s.h.tap("speech.bar.repeat");
  EXPECT_EQ(s.sink.last_spoken()->text, before) << "repeat says it again";
  s.h.tap("speech.bar.next");
  ASSERT_EQ(s.focus(), "app.next");
  EXPECT_EQ(s.h.screen(), Screen::report_location) << "the controls move, they do not act on the screen";
  s.h.tap("speech.bar.activate");
  EXPECT_EQ(s.h.screen(), Screen::report_description) << "activate presses Verder";
  s.expect_said("report.description.title");
}

TEST(ui_speech_test, the_time_out_warning_is_spoken_when_it_appears) {
  Speaking s;
  s.start_by_switch();
  s.act("lang.nl");
  s.act("choose.report");
  const auto& c = s.h.config.ui;
  s.h.clock.advance(std::int64_t(c.idle_timeout_s - c.idle_warning_s) * 1000 + 100);
  s.h.settle();
  ASSERT_EQ(s.h.session->idle().phase(), core::IdlePhase::warning);
  ASSERT_NE(s.h.target("timeout.extend"), nullptr) << "shown";
  s.expect_said("timeout.title");
  const std::string body = core::fill(s.cat().get("timeout.body"), {{"n", std::to_string(c.idle_warning_s)}});
  EXPECT_NE(s.sink.last_spoken()->text.find(body), std::string::npos) << s.sink.last_spoken()->text;
  // Said once: the countdown changes its words, not the alert.
  const std::size_t said = s.sink.spoken().size();
  for (int i = 0; i < 3; ++i) {
    s.h.clock.advance(1000);
    s.h.ui->request_frames(1);
    s.h.settle();
  }
  EXPECT_EQ(s.sink.spoken().size(), said);
  s.act("timeout.extend");
  EXPECT_EQ(s.h.session->idle().phase(), core::IdlePhase::active);
}

TEST(ui_speech_test, a_validation_error_is_spoken_with_its_field) {
  Speaking s;
  ASSERT_NO_FATAL_FAILURE(s.to_contact());
  s.act("contact.email");
  s.h.type("jan@");
  s.act("key.hide");
  s.act("contact.consent");
  s.act("app.next");
  ASSERT_NE(s.h.session->error_for("email"), nullptr);
  EXPECT_EQ(s.sink.last_spoken()->text, s.cat().get("speech.field.email") + ": " + s.cat().get("error.email"));
  EXPECT_EQ(s.sink.all_text().find("jan@"), std::string::npos) << "the fix, not the citizen's text";
}

TEST(ui_speech_test, the_receipt_spells_the_reference_code) {
  Speaking s;
  ASSERT_NO_FATAL_FAILURE(s.to_contact());
  s.act("app.next");
  ASSERT_EQ(s.h.screen(), Screen::report_review);
  s.act("review.send");
  ASSERT_EQ(s.h.screen(), Screen::receipt);
  const std::string ref = s.h.session->receipt()->reference;
  const std::string spelled = core::SpeechMode::spell(ref, s.cat());
  const std::string said = s.sink.last_spoken()->text;
  EXPECT_EQ(said.find(s.cat().get("receipt.title")), 0u) << said;
  EXPECT_NE(said.find(spelled), std::string::npos) << said;
  if (std::any_of(ref.begin(), ref.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    EXPECT_NE(spelled.find(" van "), std::string::npos) << spelled;
  }
  s.h.ui->speech_repeat();
  EXPECT_EQ(s.sink.last_spoken()->text, said) << "the code can be repeated";
}

TEST(ui_speech_test, a_wipe_ends_speech_mode) {
  Speaking s;
  s.start_by_switch();
  s.act("lang.en");
  ASSERT_EQ(s.h.screen(), Screen::choose);
  s.act("app.stop");
  s.act("stop.yes");  // Stop asks first
  ASSERT_EQ(s.h.screen(), Screen::idle);
  EXPECT_FALSE(s.h.ui->speech().on());
  EXPECT_EQ(s.sink.events.back().kind, Event::cancel);
  // Off again: a tap on the idle screen starts a session as usual.
  s.h.tap_at(640, 300);
  EXPECT_EQ(s.h.screen(), Screen::choose);
}

// Volume up / down on the speech bar: the level is spoken in the screen's language and set on the sink;
// every kind of session end sets the configured level again (EN 301 549 §5.1.3.13).
TEST(ui_speech_test, volume_is_spoken_set_and_reset_after_every_session_end) {
  Config cfg = demo_config();
  cfg.ui.speech_volume = 4;  // the configured default level
  const int step = core::SpeechMode::kVolumeStep;
  for (const std::string end : {"timeout", "stop", "done"}) {
    Speaking s(1280, 800, cfg);
    EXPECT_EQ(s.sink.volume(), 4 * step) << "the configured level from the start";
    if (end == "done") {
      ASSERT_NO_FATAL_FAILURE(s.to_contact());
    } else {
      s.start_by_switch();
      s.act("lang.nl");
    }
    s.h.tap("speech.bar.volume_up");
    EXPECT_EQ(s.sink.last_spoken()->text, "Volume 5 van 10") << end;
    EXPECT_EQ(s.sink.last_spoken()->lang, "nl");
    s.h.tap("speech.bar.volume_up");
    s.h.tap("speech.bar.volume_up");
    s.h.tap("speech.bar.volume_down");
    EXPECT_EQ(s.sink.last_spoken()->text, core::fill(s.cat().get("speech.volume"), {{"n", "6"}, {"max", "10"}}));
    EXPECT_EQ(s.sink.volume(), 6 * step) << end << ": the level goes to the sink";
    EXPECT_EQ(s.h.ui->speech().volume_level(), 6);
    if (end == "timeout") {
      const auto& c = s.h.config.ui;
      for (int i = 0; i < 4 && s.h.screen() != Screen::idle; ++i) {
        s.h.clock.advance(std::int64_t(c.idle_timeout_s) * 1000 / 2 + 100);
        s.h.settle();
      }
    } else if (end == "stop") {
      s.act("app.stop");
      s.act("stop.yes");
    } else {
      s.act("app.next");
      ASSERT_EQ(s.h.screen(), Screen::report_review);
      s.act("review.send");
      ASSERT_EQ(s.h.screen(), Screen::receipt);
      s.act("receipt.done");
    }
    ASSERT_EQ(s.h.screen(), Screen::idle) << end;
    EXPECT_EQ(s.sink.volume(), 4 * step) << end << ": back to the configured level";
    EXPECT_EQ(s.h.ui->speech().volume_level(), 4) << end;
  }
  // The ends of the scale: 1 and 10, said as such.
  Speaking s;
  s.start_by_switch();
  for (int i = 0; i < 12; ++i) s.h.tap("speech.bar.volume_up");
  EXPECT_EQ(s.sink.volume(), 10 * step);
  EXPECT_EQ(s.sink.last_spoken()->text, "Volume 10 van 10");
  for (int i = 0; i < 12; ++i) s.h.tap("speech.bar.volume_down");
  EXPECT_EQ(s.sink.volume(), 1 * step);
}

// Frames at fake time steps of ms until `until` ms have passed.
void run_for(UiHarness& h, std::int64_t until, std::int64_t step = 200) {
  for (std::int64_t t = 0; t < until; t += step) {
    h.clock.advance(step);
    h.ui->request_frames(1);
    h.ui->frame();
  }
}

// A point of the idle screen on no control (a hand feeling for the screen).
std::pair<float, float> no_control_point(const UiHarness& h) {
  for (float y = float(h.h) * 0.3f; y < float(h.h); y += 10)
    for (float x = 10; x < float(h.w); x += 20) {
      const core::Widget* w = core::element_at(h.ui->registry(), x, y);
      if (!w || !core::interactive(w->role)) return {x, y};
    }
  ADD_FAILURE() << "every point is a control";
  return {0, 0};
}

// Holds a finger at (x, y) until speech mode is on (at most 120 frames of 16 ms), then lifts it.
void long_press(UiHarness& h, float x, float y) {
  h.ui->press(x, y);
  for (int i = 0; i < 120 && !h.ui->speech().on(); ++i) {
    h.clock.advance(16);
    h.ui->frame();
  }
  h.ui->release(x, y);
  h.settle();
}

TEST(ui_speech_test, a_touch_on_no_control_of_idle_says_how_to_start_speech_in_every_language) {
  Speaking s;
  ASSERT_FALSE(s.h.ui->speech().on());
  auto [x, y] = no_control_point(s.h);
  s.h.ui->press(x, y);
  s.h.clock.advance(16);
  s.h.ui->frame();
  s.h.ui->release(x, y);
  s.h.settle();
  EXPECT_EQ(s.h.screen(), Screen::choose) << "the tap still starts a session";
  run_for(s.h, 100000, 500);
  const auto& langs = s.h.config.kiosk.languages;
  const auto said = s.sink.spoken();
  ASSERT_EQ(said.size(), langs.size()) << s.sink.all_text();
  for (std::size_t i = 0; i < langs.size(); ++i) {
    EXPECT_EQ(said[i].lang, langs[i]) << i << ": each language in turn, in its own voice";
    EXPECT_EQ(said[i].text, s.h.catalogs.get(langs[i]).get("speech.announce")) << langs[i];
  }
  // One after the other: each part had its time before the next cut it off.
  EXPECT_GE(s.sink.events.size(), 2 * langs.size());
  EXPECT_FALSE(s.h.ui->speech().on()) << "only the announcement";

  // A touch stops it: nothing more after it.
  Speaking t;
  auto [x2, y2] = no_control_point(t.h);
  t.h.tap_at(x2, y2);
  ASSERT_EQ(t.sink.spoken().size(), 1u);
  EXPECT_EQ(t.sink.spoken()[0].lang, langs[0]);
  t.h.tap("choose.report");
  EXPECT_EQ(t.sink.events.back().kind, Event::cancel);
  run_for(t.h, 60000, 1000);
  EXPECT_EQ(t.sink.spoken().size(), 1u) << t.sink.all_text();

  // A touch on a control of the idle screen says nothing.
  Speaking u;
  u.h.tap("lang.en");
  run_for(u.h, 20000, 1000);
  EXPECT_TRUE(u.sink.spoken().empty()) << u.sink.all_text();

  // As it says, a long press (on no control of the screen the tap led to) starts speech mode.
  Speaking v;
  auto [x3, y3] = no_control_point(v.h);
  v.h.tap_at(x3, y3);
  ASSERT_EQ(v.h.screen(), Screen::choose);
  auto [x4, y4] = no_control_point(v.h);
  long_press(v.h, x4, y4);
  ASSERT_TRUE(v.h.ui->speech().on());
  EXPECT_EQ(v.h.screen(), Screen::choose);
  v.expect_said("choose.title");
}

// Speech mode switched off with its switch: the next to switch it on (or the announcement) starts at the
// configured loudness, not at the level the last listener chose.
TEST(ui_speech_test, switching_speech_mode_off_returns_the_volume_to_the_configured_level) {
  Config cfg = demo_config();
  cfg.ui.speech_volume = 3;
  const int step = core::SpeechMode::kVolumeStep;
  Speaking s(1280, 800, cfg);
  s.start_by_switch();
  for (int i = 0; i < 4; ++i) s.h.tap("speech.bar.volume_up");
  ASSERT_EQ(s.sink.volume(), 7 * step);
  s.act("speech.switch");
  ASSERT_FALSE(s.h.ui->speech().on());
  ASSERT_EQ(s.h.screen(), Screen::idle);
  EXPECT_EQ(s.sink.volume(), 3 * step);
  EXPECT_EQ(s.h.ui->speech().volume_level(), 3);
  s.start_by_switch();
  EXPECT_EQ(s.sink.volume(), 3 * step) << "the next listener starts at the configured level";
}

// EN 301 549 §5.1.5 (A18): what the idle screen says is shown while it is said, each part in its language and
// direction, in the frame that says it; gone when it is over or a touch ends it.
TEST(ui_speech_test, the_announcement_is_shown_while_it_is_said) {
  Config cfg = demo_config();
  cfg.ui.speech_announce_s = 120;
  Speaking s(1280, 800, cfg);
  const auto& langs = s.h.config.kiosk.languages;
  auto shown = [&]() -> const core::Widget* { return s.h.ui->registry().find("speech.announced"); };
  EXPECT_EQ(shown(), nullptr);
  run_for(s.h, 119000, 1000);
  std::set<std::string> seen;
  bool arabic_shot = false;
  // Frame by frame: whenever something is being said, its words are on screen; nothing is shown otherwise.
  for (int i = 0; i < 400 && (seen.size() < langs.size() || s.h.ui->speech().announcing()); ++i) {
    s.h.clock.advance(500);
    s.h.ui->request_frames(1);
    s.h.ui->frame();
    const core::Utterance* said = s.h.ui->speech().announced();
    if (!said) {
      EXPECT_EQ(shown(), nullptr) << "frame " << i;
      continue;
    }
    ASSERT_NE(shown(), nullptr) << "frame " << i << ": said but not shown: " << said->text;
    EXPECT_EQ(shown()->label, said->text);
    EXPECT_EQ(s.sink.last_spoken()->text, said->text) << "the words on screen are the words heard";
    EXPECT_EQ(said->text, s.h.catalogs.get(said->lang).get("speech.announce"));
    seen.insert(said->lang);
    if (said->lang == "ar" && !arabic_shot) {  // right to left on a Dutch screen (look at the picture)
      save_shot(s.h, "15-speech-announcement-idle-ar");
      arabic_shot = true;
    }
  }
  EXPECT_EQ(seen.size(), langs.size()) << "every language was shown";
  EXPECT_TRUE(arabic_shot);
  EXPECT_FALSE(s.h.ui->speech().announcing());
  EXPECT_EQ(shown(), nullptr) << "gone when it is over";
  EXPECT_EQ(s.h.screen(), Screen::idle);

  // A touch ends it, and its text: here on a reading-mode switch, so the idle screen stays.
  for (int i = 0; i < 200 && !shown(); ++i) run_for(s.h, 1000, 1000);
  ASSERT_NE(shown(), nullptr) << "said again after the interval";
  s.h.tap("mode.contrast");
  ASSERT_EQ(s.h.screen(), Screen::idle);
  EXPECT_FALSE(s.h.ui->speech().announcing());
  EXPECT_EQ(shown(), nullptr);
  EXPECT_EQ(s.sink.events.back().kind, Event::cancel);

  // Started by a finger on no control: shown in the frame of the touch.
  Speaking t;
  auto [x, y] = no_control_point(t.h);
  t.h.ui->press(x, y);
  t.h.clock.advance(16);
  t.h.ui->frame();
  const core::Widget* w = t.h.ui->registry().find("speech.announced");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->label, t.sink.last_spoken()->text);
  t.h.ui->release(x, y);
  t.h.settle();
  // The tap started a session; the announcement goes on on the next screen, and is shown there too.
  int other_screen_frames = 0;
  for (int i = 0; i < 400 && t.h.ui->speech().announcing(); ++i) {
    t.h.clock.advance(250);
    t.h.ui->request_frames(1);
    t.h.ui->frame();
    const core::Utterance* said = t.h.ui->speech().announced();
    if (!said || t.h.screen() == Screen::idle) continue;
    ++other_screen_frames;
    const core::Widget* cap = t.h.ui->registry().find("speech.announced");
    ASSERT_NE(cap, nullptr) << "said but not shown on " << static_cast<int>(t.h.screen()) << ": " << said->text;
    EXPECT_EQ(cap->label, said->text);
  }
  EXPECT_GT(other_screen_frames, 0) << "the announcement was heard on the screen the tap opened";
}

// A touch silences the announcement at once, but its box stays until the finger is lifted: a tap on a
// control while the announcement is shown under the header acts on that control, not on the one the layout
// would slide under the finger when the box went (CI found a tap on "report" opening the question topics).
TEST(ui_speech_test, a_tap_during_the_announcement_acts_on_the_control_pressed) {
  for (auto [w, hgt] : {std::pair{1280, 800}, std::pair{800, 480}, std::pair{1080, 1920}}) {
    SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(hgt));
    Speaking t(w, hgt);
    auto [x, y] = no_control_point(t.h);
    t.h.tap_at(x, y);  // heard how to start speech mode; the tap started a session
    ASSERT_EQ(t.h.screen(), Screen::choose);
    ASSERT_TRUE(t.h.ui->speech().announcing());
    ASSERT_NE(t.h.ui->registry().find("speech.announced"), nullptr) << "shown under the header";
    const ui::Target* r = t.h.target("choose.report");
    ASSERT_NE(r, nullptr);
    const float rx = (r->x0 + r->x1) / 2, ry = (r->y0 + r->y1) / 2, top = r->y0;
    t.h.ui->press(rx, ry);
    t.h.clock.advance(16);
    t.h.ui->frame();
    EXPECT_FALSE(t.h.ui->speech().announcing()) << "the touch silenced it";
    ASSERT_NE(t.h.target("choose.report"), nullptr);
    EXPECT_EQ(t.h.target("choose.report")->y0, top) << "nothing moved under the finger";
    t.h.ui->release(rx, ry);
    t.h.settle();
    EXPECT_EQ(t.h.screen(), Screen::report_category);
    EXPECT_EQ(t.h.ui->registry().find("speech.announced"), nullptr) << "gone once the finger was lifted";
  }
}

TEST(ui_speech_test, the_periodic_announcement_is_off_unless_configured) {
  Speaking quiet;  // the demo: a library is quiet
  run_for(quiet.h, 10 * 60000, 1000);
  EXPECT_TRUE(quiet.sink.spoken().empty()) << quiet.sink.all_text();

  Config cfg = demo_config();
  cfg.ui.speech_announce_s = 120;
  Speaking s(1280, 800, cfg);
  run_for(s.h, 110000, 1000);
  EXPECT_TRUE(s.sink.spoken().empty());
  EXPECT_LE(s.h.ui->ms_until_timed_frame(), 10000) << "the loop wakes for it";
  run_for(s.h, 80000, 500);
  const auto& langs = s.h.config.kiosk.languages;
  const auto said = s.sink.spoken();
  ASSERT_EQ(said.size(), langs.size()) << s.sink.all_text();
  for (std::size_t i = 0; i < langs.size(); ++i) EXPECT_EQ(said[i].lang, langs[i]);
  run_for(s.h, 120000, 1000);
  EXPECT_EQ(s.sink.spoken().size(), 2 * langs.size()) << "again after the interval";
  // Not while speech mode is on, nor in a session.
  s.start_by_switch();
  const std::size_t n = s.sink.spoken().size();
  run_for(s.h, 300000, 1000);
  EXPECT_EQ(s.sink.spoken().size(), n);
}

// "Read my details aloud": a warning first (shown and spoken), then the citizen's text and contact details
// are spoken, until the session ends.
TEST(ui_speech_test, read_my_details_aloud_after_a_warning_until_the_session_ends) {
  const std::string canary = "Kanariegeel7731";
  const std::string mail = "zwaluw@example.nl";
  auto to_review = [&](Speaking& s) {
    ASSERT_NO_FATAL_FAILURE(s.to_description());
    s.act("text");
    s.h.type(canary);
    s.act("key.hide");
    s.act("app.next");
    ASSERT_EQ(s.h.screen(), Screen::report_contact);
    EXPECT_NE(s.h.ui->registry().find("speech.personal"), nullptr) << "offered on the contact screen";
    s.act("contact.email");
    s.h.type(mail);
    s.act("key.hide");
    s.act("contact.consent");
    s.act("app.next");
    ASSERT_EQ(s.h.screen(), Screen::report_review);
  };
  auto said_canary = [&](const std::string& t) {
    return t.find(canary) != std::string::npos || t.find("zwaluw") != std::string::npos;
  };
  Speaking s;
  ASSERT_NO_FATAL_FAILURE(to_review(s));
  EXPECT_FALSE(said_canary(s.walk_screen())) << "before the opt-in";
  EXPECT_FALSE(said_canary(s.sink.all_text()));
  // The control is in the reading order; choosing it shows and speaks the warning, nothing more.
  s.bar_choose("speech.personal");
  const std::string& warning = s.cat().get("speech.personal.warning");
  EXPECT_EQ(s.sink.last_spoken()->text, warning);
  bool shown = false;
  for (const auto& w : s.h.ui->registry().items()) shown = shown || w.label == warning;
  EXPECT_TRUE(shown) << "the warning is on screen too";
  EXPECT_FALSE(s.h.ui->speech().read_personal());
  EXPECT_FALSE(said_canary(s.walk_screen())) << "a warning is not a yes";
  s.bar_choose("speech.personal.yes");
  EXPECT_TRUE(s.h.ui->speech().read_personal());
  const std::string after = s.walk_screen();
  EXPECT_NE(after.find(canary), std::string::npos) << after;
  EXPECT_NE(after.find(mail), std::string::npos) << after;
  // The session ends: the next one starts without the opt-in.
  s.act("review.send");
  ASSERT_EQ(s.h.screen(), Screen::receipt);
  s.act("receipt.done");
  ASSERT_EQ(s.h.screen(), Screen::idle);
  EXPECT_FALSE(s.h.ui->speech().read_personal());
  const std::size_t from = s.sink.events.size();
  ASSERT_NO_FATAL_FAILURE(to_review(s));
  EXPECT_NE(s.h.ui->registry().find("speech.personal"), nullptr) << "asked again";
  s.walk_screen();
  for (std::size_t i = from; i < s.sink.events.size(); ++i)
    EXPECT_FALSE(said_canary(s.sink.events[i].text)) << "after the session ended: " << s.sink.events[i].text;
  // "No" keeps it off.
  s.bar_choose("speech.personal");
  s.bar_choose("speech.personal.no");
  EXPECT_FALSE(s.h.ui->speech().read_personal());
  EXPECT_FALSE(said_canary(s.walk_screen()));
}

// Every screen of a report, a question and a look-up says its title and then its instructions (what the
// screen shows as such) on entry, in the screen's language.
TEST(ui_speech_test, every_screen_says_its_title_and_instructions_on_entry) {
  for (const std::string lang : {"nl", "ar"}) {
    Speaking s;
    std::set<std::string> with_instructions;
    auto check = [&](const char* what) {
      const std::string scr(core::screen_name(s.h.screen()));
      const Event* e = s.sink.last_spoken();
      ASSERT_NE(e, nullptr);
      EXPECT_EQ(e->lang, s.h.session->language()) << scr;
      const core::Widget* title = s.h.ui->registry().find("title");
      std::string t = title ? title->label : "";
      if (t.empty())
        for (const auto& w : s.h.ui->registry().items())
          if (t.empty() && w.role == core::Role::heading && !w.key.empty()) t = w.label;
      ASSERT_FALSE(t.empty()) << scr;
      EXPECT_NE(e->text.find(t), std::string::npos) << lang << " " << scr << " (" << what << "): '" << e->text << "'";
      if (const core::Widget* i = s.h.ui->registry().find("instructions")) {
        with_instructions.insert(scr);
        EXPECT_NE(e->text.find(i->label), std::string::npos) << lang << " " << scr << ": '" << e->text << "'";
        EXPECT_GT(e->text.find(i->label), e->text.find(t)) << "title first";
      }
    };
    s.start_by_switch();
    check("idle");
    s.act("lang." + lang);
    check("choose");
    s.act("choose.news");
    check("news");
    s.act("app.back");
    for (const char* id : {"choose.report", "tile.wegen-verkeer-straatmeubilair", "tile.bestrating"}) {
      s.act(id);
      check(id);
    }
    s.act("loc.place.1");
    s.act("app.next");
    check("description");
    s.act("text");
    s.h.type("Losse tegel");
    s.act("key.hide");
    s.act("app.next");
    check("contact");
    s.act("app.next");
    check("review");
    s.act("review.send");
    check("receipt");
    s.act("receipt.done");
    // A question.
    s.start_by_switch();
    s.act("lang." + lang);
    s.act("choose.question");
    check("topic");
    s.act("topic." + s.h.session->tree().question_topics.front().slug);
    check("question text");
    s.act("text");
    s.h.type("Wanneer is de markt?");
    s.act("key.hide");
    s.act("app.next");
    check("after text");
    // Contact details, publish (when offered), then the review.
    for (int i = 0; i < 3 && s.h.screen() != Screen::question_review; ++i) {
      if (s.h.screen() == Screen::question_publish) s.act("publish.no");
      s.act("app.next");
      check("on to the review");
    }
    ASSERT_EQ(s.h.screen(), Screen::question_review);
    s.act("app.stop");
    s.act("stop.yes");
    // The look-up.
    s.start_by_switch();
    s.act("lang." + lang);
    s.act("choose.lookup");
    check("lookup");
    for (const std::string scr :
         {"idle", "choose", "news", "report_category", "report_subcategory", "report_description", "report_contact",
          "report_review", "receipt", "question_topic", "question_text", "question_review", "lookup"})
      EXPECT_TRUE(with_instructions.count(scr)) << lang << ": " << scr << " has no instructions";
  }
}

// Next / previous to an element scrolled out of view scroll it into view (800x480, large text: the category
// list does not fit), and it is the one highlighted.
TEST(ui_speech_test, next_and_previous_scroll_the_focus_into_view) {
  Speaking s(800, 480);
  s.h.session->set_large_text(true);
  s.h.settle();
  s.start_by_switch();
  s.act("lang.nl");
  s.act("choose.report");
  ASSERT_EQ(s.h.screen(), Screen::report_category);
  auto page_offset = [&] {
    const core::Widget* r = s.h.ui->registry().find("##page");
    float offset = 0, limit = 0;
    if (r) std::sscanf(r->value.c_str(), "%f/%f", &offset, &limit);
    return std::pair{offset, limit};
  };
  ASSERT_GT(page_offset().second, 0) << "the list must not fit for this test";
  bool hidden_before = false;
  for (const auto* w : core::reading_order(s.h.ui->registry())) hidden_before = hidden_before || !w->visible;
  ASSERT_TRUE(hidden_before);
  const std::size_t n = core::reading_order(s.h.ui->registry()).size();
  float max_offset = 0, min_back = 1e9f;
  std::set<std::string> reached;
  for (int dir : {+1, -1})
    for (std::size_t i = 0; i < n; ++i) {
      if (dir > 0) s.h.tap("speech.bar.next");
      else s.h.tap("speech.bar.previous");
      const core::Widget* w = s.h.ui->speech().focus(s.h.ui->registry());
      ASSERT_NE(w, nullptr) << i;
      EXPECT_TRUE(w->visible) << (w->id.empty() ? w->label : w->id) << " is in focus but scrolled out of view";
      if (!w->id.empty()) reached.insert(w->id);
      max_offset = std::max(max_offset, page_offset().first);
      if (dir < 0) min_back = std::min(min_back, page_offset().first);
    }
  EXPECT_GT(max_offset, 0) << "the page scrolled down";
  EXPECT_LT(min_back, max_offset) << "and back up on the way back";
  for (const auto& c : s.h.session->tree().categories) EXPECT_TRUE(reached.count("tile." + c.slug)) << c.slug;
}

// The reference code is an element of the receipt's reading order: next reaches it, choosing it (or repeat)
// spells it; the same on the look-up screen.
TEST(ui_speech_test, the_reference_code_is_reachable_and_spelled_on_receipt_and_lookup) {
  Speaking s;
  ASSERT_NO_FATAL_FAILURE(s.to_contact());
  s.act("app.next");
  s.act("review.send");
  ASSERT_EQ(s.h.screen(), Screen::receipt);
  const std::string ref = s.h.session->receipt()->reference;
  const std::string spelled = core::SpeechMode::spell(ref, s.cat());
  const core::Widget* code = s.h.ui->registry().find("receipt.code");
  ASSERT_NE(code, nullptr);
  EXPECT_TRUE(code->spell);
  s.bar_choose("receipt.code");  // next to it (spoken), then Kiezen: spelled again
  EXPECT_EQ(s.focus(), "receipt.code");
  EXPECT_EQ(s.h.screen(), Screen::receipt);
  const auto said = s.sink.spoken();
  ASSERT_GE(said.size(), 2u);
  EXPECT_EQ(said[said.size() - 1].text, spelled);
  EXPECT_EQ(said[said.size() - 2].text, spelled) << "reached by next: spelled";
  s.h.tap("speech.bar.repeat");
  EXPECT_EQ(s.sink.last_spoken()->text, spelled);
  // A tap on the code (in focus) spells it again and does nothing else.
  const std::size_t n = s.sink.spoken().size();
  code = s.h.ui->registry().find("receipt.code");  // this frame's
  ASSERT_NE(code, nullptr);
  s.h.tap_at((code->x0 + code->x1) / 2, (std::max(code->y0, code->clip_y0) + std::min(code->y1, code->clip_y1)) / 2);
  EXPECT_EQ(s.sink.spoken().size(), n + 1);
  EXPECT_EQ(s.sink.last_spoken()->text, spelled);
  s.act("receipt.done");
  // Look it up: the code typed so far and the answer's code are spelled.
  s.start_by_switch();
  s.act("lang.nl");
  s.act("choose.lookup");
  for (char c : ref)
    if (c != '-') s.act(std::string("pad.") + c);
  s.bar_choose("lookup.code");
  EXPECT_EQ(s.sink.last_spoken()->text, spelled);
  s.act("lookup.search");
  ASSERT_TRUE(s.h.session->lookup_result().has_value());
  s.bar_choose("lookup.code");
  EXPECT_EQ(s.sink.last_spoken()->text, spelled);
}

// A blind walk: started by a long press, then only the speech bar (next, previous, choose): no coordinates of
// the screens' own elements. A whole report and a whole question, in Dutch and in Arabic, to the receipt.
struct BlindWalk {
  Speaking s;
  std::string lang;
  std::size_t from = 0;  // events since the language was chosen

  void start() {
    auto [x, y] = no_control_point(s.h);
    long_press(s.h, x, y);
    ASSERT_TRUE(s.h.ui->speech().on());
    s.h.tap("speech.bar.previous");  // back round to the end: the languages are the last elements
    ASSERT_NO_FATAL_FAILURE(s.bar_choose("lang." + lang));
    ASSERT_EQ(s.h.screen(), Screen::choose);
    from = s.sink.events.size();
  }
  // Types with the on-screen keyboard's keys, found by next and chosen: its first n letters.
  void type_letters(int n) {
    std::vector<std::string> keys;
    for (const auto* w : core::reading_order(s.h.ui->registry()))
      if (w->role == core::Role::key && w->id.starts_with("key.") && int(keys.size()) < n) {
        const std::string c = w->id.substr(4);
        if (c.size() > 1 && static_cast<unsigned char>(c[0]) < 0x80) continue;  // space, shift, hide, …
        if (c.size() == 1 && !std::isalpha(static_cast<unsigned char>(c[0]))) continue;
        keys.push_back(w->id);
      }
    ASSERT_EQ(int(keys.size()), n);
    for (const auto& k : keys) ASSERT_NO_FATAL_FAILURE(s.bar_choose(k));
  }
  void write_text() {
    ASSERT_NO_FATAL_FAILURE(s.bar_choose("text"));
    ASSERT_TRUE(s.h.ui->keyboard_visible());
    ASSERT_NO_FATAL_FAILURE(type_letters(4));
    ASSERT_NO_FATAL_FAILURE(s.bar_choose("key.hide"));
    ASSERT_NO_FATAL_FAILURE(s.bar_choose("app.next"));
  }
  void to_receipt() {
    // Contact details (none given) and, for a question, whether it may be public (no), then the review.
    for (int step = 0; step < 4; ++step) {
      const Screen scr = s.h.screen();
      if (scr == Screen::report_review || scr == Screen::question_review) break;
      if (scr == Screen::question_publish) {
        ASSERT_NO_FATAL_FAILURE(s.bar_choose("publish.no"));
      }
      ASSERT_TRUE(scr == Screen::report_contact || scr == Screen::question_contact || scr == Screen::question_publish)
          << core::screen_name(scr);
      ASSERT_NO_FATAL_FAILURE(s.bar_choose("app.next"));
    }
    ASSERT_TRUE(s.h.screen() == Screen::report_review || s.h.screen() == Screen::question_review)
        << core::screen_name(s.h.screen()) << ": " << s.sink.last_spoken()->text;
    ASSERT_NO_FATAL_FAILURE(s.bar_choose("review.send"));
    ASSERT_EQ(s.h.screen(), Screen::receipt);
  }
  void check_transcript() {
    const core::Catalog& c = s.h.catalogs.get(lang);
    const std::string code = core::SpeechMode::spell(s.h.session->receipt()->reference, c);
    std::string said;
    for (std::size_t i = from; i < s.sink.events.size(); ++i) {
      const Event& e = s.sink.events[i];
      if (e.kind != Event::speak) continue;
      EXPECT_EQ(e.lang, lang) << "'" << e.text << "'";
      said += e.text + "\n";
    }
    EXPECT_NE(said.find(c.get("receipt.title")), std::string::npos) << said;
    EXPECT_NE(said.find(code), std::string::npos) << "the spelled code:\n" << said;
  }
};

TEST(ui_speech_test, a_blind_walk_completes_a_report_and_a_question_in_dutch_and_arabic) {
  for (const std::string lang : {"nl", "ar"}) {
    {
      BlindWalk w{Speaking(), lang};
      ASSERT_NO_FATAL_FAILURE(w.start());
      for (const char* id :
           {"choose.report", "tile.wegen-verkeer-straatmeubilair", "tile.bestrating", "loc.place.1", "app.next"})
        ASSERT_NO_FATAL_FAILURE(w.s.bar_choose(id)) << lang;
      ASSERT_EQ(w.s.h.screen(), Screen::report_description);
      ASSERT_NO_FATAL_FAILURE(w.write_text());
      ASSERT_NO_FATAL_FAILURE(w.to_receipt());
      w.check_transcript();
    }
    {
      BlindWalk w{Speaking(), lang};
      ASSERT_NO_FATAL_FAILURE(w.start());
      ASSERT_NO_FATAL_FAILURE(w.s.bar_choose("choose.question"));
      ASSERT_NO_FATAL_FAILURE(w.s.bar_choose("topic." + w.s.h.session->tree().question_topics.front().slug));
      ASSERT_EQ(w.s.h.screen(), Screen::question_text);
      ASSERT_NO_FATAL_FAILURE(w.write_text());
      ASSERT_NO_FATAL_FAILURE(w.to_receipt());
      w.check_transcript();
    }
  }
}

// Screenshots of the speech bar with its volume controls (docs/screenshots with KIOSK_SCREENSHOT_DIR).
TEST(ui_speech_test, screenshots_of_the_speech_bar_with_volume) {
  {
    Speaking s(800, 480);
    s.h.session->set_large_text(true);
    s.h.settle();
    s.start_by_switch();
    s.act("lang.nl");
    s.act("choose.report");
    s.h.tap("speech.bar.next");
    for (const char* id : kBar) ASSERT_NE(s.h.target(id), nullptr) << id;
    save_shot(s.h, "13-speech-bar-800x480-large");
  }
  {
    Speaking s(1080, 1920);
    s.start_by_switch();
    s.act("lang.ar");
    s.act("choose.report");
    s.h.tap("speech.bar.volume_up");
    EXPECT_EQ(s.sink.last_spoken()->lang, "ar");
    for (const char* id : kBar) ASSERT_NE(s.h.target(id), nullptr) << id;
    save_shot(s.h, "14-speech-bar-1080x1920-ar");
  }
}

}  // namespace
}  // namespace kiosk::test
