// Speech mode in the real UI (headless harness, fake clock) with a sink that records what would be said:
// started from the idle screen's corner switch or a long press; every screen speaks its title on entry in
// the screen's language; a touch silences before anything new is said; first tap speaks, second acts;
// next/previous reach every element in reading order; the citizen's text and contact details are not
// spoken; a wipe ends speech mode.
#include <algorithm>

#include "fake_speech_sink.hpp"
#include "kiosk/core/a11y.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;
using Event = FakeSpeechSink::Event;

struct Speaking {
  explicit Speaking(int width = 1280, int height = 800) : h(demo_config(), width, height) {
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
    EXPECT_EQ(s.sink.spoken().front().text, s.cat().get("speech.started") + " " + s.cat().get("idle.touch"));
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

const char* const kBar[] = {"speech.bar.previous", "speech.bar.next", "speech.bar.activate", "speech.bar.repeat",
                            "speech.bar.stop"};

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

}  // namespace
}  // namespace kiosk::test
