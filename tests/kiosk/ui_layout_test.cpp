// Layout over every supported panel: every screen x every panel x every screen language x {normal, large
// text, high contrast}, headless (SDL dummy driver + software renderer), checked from the widget registry
// and the pixels: no text clipped by its widget or the screen, no overlapping targets, every target at least
// 11.6 mm at the panel's density, every glyph present, text contrast (4.5:1, 7:1 in high contrast), and
// content that does not fit reachable by scrolling. Each problem names panel, language, mode, screen and
// element. Also: a 3,000-character answer read to its end in large text at 800x480, by dragging and by the
// buttons alone; a drag never activates the tile it started on.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

#include "kiosk/core/a11y.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Role;
using core::Screen;
using core::Widget;

struct Panel {
  const char* name;
  int w, h;
  double ppi;
};
const Panel kPanels[] = {{"800x480@133", 800, 480, 133},
                         {"1024x600@170", 1024, 600, 170},
                         {"1280x800@149", 1280, 800, 149},
                         {"1920x1080@92", 1920, 1080, 92},
                         {"1080x1920-portrait@92", 1080, 1920, 92}};

enum class Mode { normal, large, contrast };
const char* mode_name(Mode m) {
  return m == Mode::normal ? "normal" : m == Mode::large ? "large text" : "high contrast";
}

Config panel_config(const Panel& p) {
  Config c = demo_config();
  c.ui.panel_dpi = p.ppi;
  c.ui.panel_width = p.w;
  c.ui.panel_height = p.h;
  c.ui.orientation = p.h > p.w ? "portrait" : "landscape";
  return c;
}

// The frame as drawn (before present), RGBA.
struct Pixels {
  int w = 0, h = 0;
  std::vector<unsigned char> px;
  std::uint32_t at(int x, int y) const {
    const unsigned char* p = &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4];
    return (std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | p[2];
  }
};

Pixels draw_and_read(UiHarness& h) {
  h.clock.advance(16);
  h.ui->request_frames(1);
  h.ui->frame();
  Pixels p{h.w, h.h, std::vector<unsigned char>(std::size_t(h.w) * std::size_t(h.h) * 4)};
  if (SDL_RenderReadPixels(h.renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, p.px.data(), h.w * 4) != 0) p.px.clear();
  return p;
}

double luminance(std::uint32_t c) {
  return core::relative_luminance(double((c >> 16) & 255) / 255, double((c >> 8) & 255) / 255, double(c & 255) / 255);
}

// Text contrast in a rectangle: the most frequent colour is the background; the text colour is the one
// farthest from it in contrast among colours covering at least a few pixels (glyph cores are drawn at
// full colour, their edges blended).
double text_contrast(const Pixels& p, int x0, int y0, int x1, int y1) {
  std::map<std::uint32_t, int> count;
  x0 = std::max(0, x0), y0 = std::max(0, y0), x1 = std::min(p.w, x1), y1 = std::min(p.h, y1);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) ++count[p.at(x, y)];
  if (count.size() < 2) return 0;
  std::uint32_t bg = 0;
  int best = -1;
  for (auto [c, n] : count)
    if (n > best) best = n, bg = c;
  double lb = luminance(bg), ratio = 0;
  for (auto [c, n] : count)
    if (n >= 4) ratio = std::max(ratio, core::contrast_ratio(luminance(c), lb));
  return ratio;
}

struct Checker {
  UiHarness& h;
  const Panel& panel;
  std::string lang;
  Mode mode;
  std::vector<std::string>& problems;
  std::vector<std::string>& below_fold;  // the first control out of view on opening, where not yet a problem
  std::size_t screens = 0;

  void check(const std::string& screen) {
    h.settle();
    Pixels px = draw_and_read(h);
    ++screens;
    const std::string where = std::string(panel.name) + " / " + lang + " / " + mode_name(mode) + " / " + screen;
    // KIOSK_LAYOUT_SHOTS=<dir>: every screen of the walk as a picture, to look at what a problem means.
    if (const char* dir = std::getenv("KIOSK_LAYOUT_SHOTS"); dir && *dir && !px.px.empty()) {
      std::filesystem::create_directories(dir);
      std::string file = std::string(dir) + "/" + std::to_string(h.w) + "x" + std::to_string(h.h) + "-" + lang + "-" +
                         mode_name(mode) + "-" + screen + ".png";
      std::replace(file.begin() + std::ptrdiff_t(std::strlen(dir)), file.end(), ' ', '-');
      stbi_write_png(file.c_str(), h.w, h.h, 4, px.px.data(), h.w * 4);
    }
    const auto& items = h.ui->registry().items();
    if (items.empty()) problems.push_back(where + ": nothing registered");
    const bool rtl = core::right_to_left(h.catalogs.get(h.session->language()));  // the language on screen
    const double min_px = core::mm_to_px(core::kMinTargetMm, panel.ppi);
    auto name = [](const Widget& w) {
      std::string s = w.id.empty() ? std::string(core::role_name(w.role)) : w.id;
      std::string l = w.label.size() > 40 ? w.label.substr(0, 40) + "..." : w.label;
      return "'" + s + "' (" + l + ")";
    };
    std::map<int, const Widget*> regions;
    for (const auto& w : items)
      if (w.role == Role::scroll_region) regions[w.order] = &w;
    std::vector<std::string> labels;
    for (const auto& w : items) {
      if (!w.label.empty()) labels.push_back(w.label);
      if (w.role == Role::scroll_region) continue;
      const float tol = 1.0f;
      // Clipped by its widget: the text needs more room than the widget has.
      if (w.need_w > w.x1 - w.x0 + tol || w.need_h > w.y1 - w.y0 + tol) {
        std::ostringstream s;
        s << where << ": " << core::role_name(w.role) << " " << name(w) << " clipped: needs " << w.need_w << "x"
          << w.need_h << " px, has " << (w.x1 - w.x0) << "x" << (w.y1 - w.y0);
        problems.push_back(s.str());
      }
      // Clipped by the screen (or, across, by its scroll region).
      if (w.x0 < -tol || w.x1 > float(h.w) + tol || (w.region < 0 && (w.y0 < -tol || w.y1 > float(h.h) + tol)))
        problems.push_back(where + ": " + std::string(core::role_name(w.role)) + " " + name(w) + " off screen");
      // In a scroll region: reachable when scrolled to the end.
      if (w.region >= 0 && regions.count(w.region)) {
        const Widget& r = *regions[w.region];
        float offset = 0, limit = 0;
        std::sscanf(r.value.c_str(), "%f/%f", &offset, &limit);
        if (w.y1 + offset - limit > r.y1 + tol)
          problems.push_back(where + ": " + name(w) + " below the end of its scroll region (not reachable)");
      }
      // Contrast of visible text drawn on the screen's own background or a tile.
      if ((w.role == Role::text || w.role == Role::heading) && w.visible && !w.label.empty() && !px.px.empty()) {
        // Text starts at the widget's start side: its right edge in a right-to-left language.
        const float need_w = std::max(w.need_w, 1.f);
        int x0 = int(rtl ? w.x1 - need_w : w.x0), x1 = int(rtl ? w.x1 : w.x0 + need_w),
            y0 = int(std::max(w.y0, w.clip_y0)), y1 = int(std::min(w.y1, w.clip_y1));
        if (x1 > x0 + 2 && y1 > y0 + 2) {
          double r = text_contrast(px, x0, y0, x1, y1);
          double need = mode == Mode::contrast ? 7.0 : 4.5;
          if (r + 1e-9 < need) {
            std::ostringstream s;
            s << where << ": text " << name(w) << " contrast " << r << ":1, needs " << need << ":1";
            problems.push_back(s.str());
          }
        }
      }
    }
    // Opened (its page not scrolled), a screen shows the first control after its title (the reading-mode
    // switches and Staff, a row of the content on narrow panels, aside): what the citizen came to do is in
    // view without a scroll, at least WCAG 2.5.8's minimum target of it (24 CSS px, 6.35 mm) to see and
    // touch. Held by the screens that ask to pick one (choose, categories, topics, poll) on the panels 800 px
    // high and more. Not yet on the short ones (800x480, 1024x600: the bar's controls and the bottom row of
    // scroll buttons leave too little), nor by the screens that explain before they ask (publish: the text
    // that would go public comes first; contact; look-up): counted, printed by the test, for the work that
    // fixes it (KIOSK_LAYOUT_SHOTS shows each case).
    const Widget* page = nullptr;
    for (const auto& w : items)
      if (w.role == Role::scroll_region && w.id == "##page") page = &w;
    if (page && page->value.rfind("0/", 0) == 0) {
      const float seen_px = float(core::mm_to_px(6.35, panel.ppi));
      bool after_title = false;
      for (const auto& w : items) {
        if (w.region != page->order) continue;
        if (w.role == Role::heading) after_title = true;
        if (!after_title || !core::interactive(w.role) || w.id.rfind("mode.", 0) == 0 || w.id == "app.helper") continue;
        if (w.y0 + seen_px > page->y1 + 1.0f) {
          const std::string p = where + ": the first control after the title, " + name(w) + ", is not in view";
          const bool pick_one = screen == "choose" || screen == "report_category" || screen == "report_subcategory" ||
                                screen == "question_topic" || screen == "idea_topic" || screen == "poll";
          (pick_one && panel.h >= 800 ? problems : below_fold).push_back(p);
        }
        break;
      }
    }
    // Targets: size (when fully in view) and no overlap of what a finger can touch.
    const auto& ts = h.ui->targets();
    for (const auto& t : ts)
      if (t.visible && (t.x1 - t.x0 + 1e-3 < min_px || t.y1 - t.y0 + 1e-3 < min_px)) {
        std::ostringstream s;
        s << where << ": target " << name(t) << " is " << core::px_to_mm(t.x1 - t.x0, panel.ppi) << " x "
          << core::px_to_mm(t.y1 - t.y0, panel.ppi) << " mm (< 11.6)";
        problems.push_back(s.str());
      }
    for (std::size_t i = 0; i < ts.size(); ++i)
      for (std::size_t j = i + 1; j < ts.size(); ++j) {
        const auto &a = ts[i], &b = ts[j];
        if (a.x0 < b.x1 - 0.5f && b.x0 < a.x1 - 0.5f && a.y0 < b.y1 - 0.5f && b.y0 < a.y1 - 0.5f)
          problems.push_back(where + ": target " + name(a) + " overlaps " + name(b));
      }
    for (const auto& m : h.ui->missing_glyphs(labels)) problems.push_back(where + ": glyph " + m + " missing");
    // EN 301 549 5.1.4 in large text: capital H >= 0.7 degrees at the viewing distance.
    if (mode == Mode::large) {
      double need = core::mm_to_px(core::min_cap_height_mm(h.config.ui.viewing_distance_mm), panel.ppi);
      if (h.ui->body_cap_height_px() + 1e-6 < need) {
        std::ostringstream s;
        s << where << ": capital H " << h.ui->body_cap_height_px() << " px, needs " << need << " px";
        problems.push_back(s.str());
      }
    }
  }
};

void set_mode(core::Session& s, Mode m) {
  s.set_large_text(m == Mode::large);
  s.set_high_contrast(m == Mode::contrast);
}

// Starts a session in `lang` and `mode` (both reset when a session ends).
void start(UiHarness& h, const std::string& lang, Mode mode) {
  h.session->wipe();
  h.settle();
  h.session->start();
  ASSERT_TRUE(h.session->set_language(lang));
  set_mode(*h.session, mode);
}

const std::string kLong =
    "Er ligt al drie weken een losse stoeptegel voor de ingang van de bibliotheek aan de Markt. Oudere bezoekers "
    "met een rollator struikelen erover en gisteren is er iemand gevallen. Wilt u de tegel zo snel mogelijk "
    "laten herstellen? Ook de verlichting bij de fietsenstalling doet het 's avonds niet meer. ";

// Crisis news in Dutch only: its band is under every header (marked "(in Dutch)" on the other screens).
const std::string kCrisis =
    "Drink geen water uit de kraan in de wijken Noord en Oost. Kook het water eerst drie minuten. Flessen water "
    "zijn af te halen bij het gemeentehuis.";

void walk(Checker& c) {
  UiHarness& h = c.h;
  core::Session& s = *h.session;
  ASSERT_TRUE(h.outbox->upsert_news(NewsItem{"mastodon", "crisis-1", h.clock.now_ms(), "nl", kCrisis, "", true}).ok());
  h.session->wipe();
  set_mode(s, c.mode);  // the idle screen's switches
  c.check("idle");
  start(h, c.lang, c.mode);
  c.check("choose");
  s.choose(core::Flow::report);
  c.check("report_category");
  s.pick_category(h.tree.categories[0].slug);
  c.check("report_subcategory");
  s.pick_subcategory(h.tree.categories[0].children[0].slug);
  c.check("report_location");
  // Its other views: the offline map with a marker, and an address typed in part with its suggestions.
  s.pick_on_map(GeoPoint{52.0912, 5.1222});
  c.check("report_location_map");
  core::LocationChoice typed;
  typed.kind = core::LocationChoice::typed_in;
  s.pick_location(std::move(typed));
  s.report().location.typed = "kerkstr 1";
  c.check("report_location_address");
  s.pick_location(core::LocationChoice{});
  s.next();
  s.report().description = kLong + kLong + kLong;
  c.check("report_description");
  s.next();
  c.check("report_contact");
  s.next();
  ASSERT_EQ(s.screen(), Screen::report_review) << c.lang;
  c.check("report_review");
  // The review shows exactly the whole text that will be sent.
  bool whole = false;
  for (const auto& w : h.ui->registry().items()) whole = whole || (w.role == Role::text && w.label == s.draft().text);
  if (!whole)
    c.problems.push_back(std::string(c.panel.name) + " / " + c.lang + " / " + mode_name(c.mode) +
                         " / report_review: the text to be sent is not shown whole");

  // A question or an idea: its topic and text screens.
  auto topic_and_text = [&](core::Flow flow, const std::string& name) {
    start(h, c.lang, c.mode);
    s.choose(flow);
    c.check(name + "_topic");
    s.pick_topic(h.tree.question_topics[0].slug);
    s.question().text = kLong;
    c.check(name + "_text");
    s.next();
  };
  topic_and_text(core::Flow::question, "question");
  s.next();
  c.check("question_publish");
  s.set_publish(true);
  s.next();
  c.check("question_review");
  s.submit();
  c.check("receipt");
  // The question's history for the look-up below: sent, answered by two channels, the last one long.
  const std::string question_ref = s.receipt()->reference;
  if (auto stored = h.outbox->find(question_ref); stored.ok() && stored->answers.empty()) {
    (void)h.outbox->mark_delivered(stored->row_id, "openklant", "k1", "");
    (void)h.outbox->add_answer(stored->row_id,
                               Answer{"openklant", h.clock.now_ms(), "Het grofvuil komt op dinsdag.", "a1"});
    (void)h.outbox->add_answer(stored->row_id, Answer{"mastodon", h.clock.now_ms() + 60'000, kLong, "s1"});
  }

  // The idea flow (the question screens in the idea's words), the number pad of the phone field and the
  // question before Stop.
  topic_and_text(core::Flow::idea, "idea");
  h.settle();
  // (On a short panel in large text the phone field is below the fold: reachable by scrolling, checked above.)
  if (h.target("contact.phone") && h.tap("contact.phone")) {
    c.check("contact_number_pad");
    h.tap("key.hide");
  }
  s.next();
  c.check("idea_publish");
  if (h.tap("app.stop")) {
    c.check("stop_confirm");
    h.tap("stop.no");
  }

  start(h, c.lang, c.mode);
  s.choose(core::Flow::poll);
  c.check("poll");
  s.back();
  s.choose(core::Flow::news);
  c.check("news");
  s.back();
  s.choose(core::Flow::lookup);
  c.check("lookup");
  s.lookup_code() = question_ref;
  s.look_up();
  c.check("lookup_answer");

  // The technician screen (staff, in the kiosk's own language; it was left out of this walk, and its
  // actions, drawn under the page's edge, went unseen): its rows and its 7-day plot.
  if (c.lang == h.config.kiosk.default_language) {
    RunRecord run{.started_ms = h.clock.now_ms() - 2000, .ended_ms = h.clock.now_ms() - 1000};
    run.channels = {ChannelRun{.channel = "openklant", .delivered = 3},
                    ChannelRun{.channel = "signalen", .wait = Wait::paced, .wait_until_ms = h.clock.now_ms() + 60'000}};
    (void)h.outbox->record_run(run);
    // On the appliance: the image's version and the longest update line (a fallback).
    h.set_update_status(
        "kiosk-update-status 1\nevent=fallback\nversion=1.4.0+abtest3-broken\nrunning=1.4.0+abtest2\nslot=B\n"
        "time=2026-12-04T10:15:02Z\n");
    h.session->wipe();
    h.settle();
    s.open_technician();
    set_mode(s, c.mode);
    c.check("technician_pin");
    if (s.enter_pin("2468") != core::PinResult::ok) {
      c.problems.push_back(std::string(c.panel.name) + " / technician: the demo PIN was refused");
    } else {
      c.check("technician");
      for (int i = 0; i < 8 && !h.target("tech.plot") && h.target("scroll.down"); ++i) h.tap("scroll.down");
      if (!h.tap("tech.plot")) {
        c.problems.push_back(std::string(c.panel.name) + " / " + mode_name(c.mode) +
                             " / technician: the plot button cannot be tapped");
      } else {
        c.check("technician_plot");
        h.tap("tech.plot");
      }
    }
    s.leave_technician();
  }
  h.session->wipe();
  h.settle();
}

TEST(ui_layout_test, every_screen_every_panel_language_and_mode) {
  std::vector<std::string> problems, below_fold;
  std::size_t screens = 0;
  std::vector<std::string> skipped;
  for (const Panel& panel : kPanels) {
    UiHarness h(panel_config(panel), panel.w, panel.h);
    for (Mode mode : {Mode::normal, Mode::large, Mode::contrast})
      for (const auto& lang : h.config.kiosk.languages) {
        if (!core::Session::language_ready(lang)) {  // Arabic: selectable once its text path lands
          if (mode == Mode::normal && &panel == &kPanels[0]) skipped.push_back(lang);
          continue;
        }
        Checker c{h, panel, lang, mode, problems, below_fold};
        walk(c);
        screens += c.screens;
      }
  }
  std::string all;
  for (std::size_t i = 0; i < problems.size() && i < 80; ++i) all += problems[i] + "\n";
  EXPECT_GT(screens, 5u * 3u * 5u * 15u);
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems in " << screens << " screens (first 80):\n" << all;
  if (!skipped.empty()) std::printf("not selectable yet, skipped: %s\n", skipped.front().c_str());
  std::printf("first control under the fold on opening (not yet a problem): %zu screens\n", below_fold.size());
  for (std::size_t i = 0; i < below_fold.size() && i < 10; ++i) std::printf("  %s\n", below_fold[i].c_str());
}

// A long municipal answer (3,000 characters) is readable to its end in large text at 800x480: by
// dragging, and by the "more below" button alone.
// The screen's instruction line ("Tap one of the buttons below") gives way on a short page: on the Pi's
// panel in large text it pushed every choice of the choose screen under the fold. It stays on larger
// panels, and in speech mode (which says it on entry and scrolls it into view). (A two-line title still
// leaves the report categories' first tile under the fold there: counted by the walk above.)
TEST(ui_layout_test, instruction_line_gives_way_to_the_choices_on_a_short_panel) {
  auto opened = [](const Panel& panel, bool speech) {
    auto h = std::make_unique<UiHarness>(panel_config(panel), panel.w, panel.h);
    if (speech) h->tap("speech.switch");  // on the idle screen
    h->session->start();
    EXPECT_TRUE(h->session->set_language("nl"));
    set_mode(*h->session, Mode::large);
    EXPECT_EQ(h->ui->speech().on(), speech);
    h->settle();  // the choose screen
    return h;
  };
  auto first_tile_top = [](UiHarness& h) {
    const ui::Target* t = h.target("choose.question");
    return t ? t->y0 : -1.f;
  };
  auto page_bottom = [](UiHarness& h) {
    for (const auto& w : h.ui->registry().items())
      if (w.id == "##page") return w.y1;
    return -1.f;
  };
  auto small = opened(kPanels[0], false);  // 800x480
  EXPECT_EQ(small->ui->registry().find("instructions"), nullptr);
  ASSERT_GE(first_tile_top(*small), 0.f);
  EXPECT_LT(first_tile_top(*small) + core::mm_to_px(6.35, kPanels[0].ppi), page_bottom(*small))
      << "the first choice in view";
  auto big = opened(kPanels[2], false);  // 1280x800
  EXPECT_NE(big->ui->registry().find("instructions"), nullptr);
  auto spoken = opened(kPanels[0], true);
  EXPECT_NE(spoken->ui->registry().find("instructions"), nullptr);
}

TEST(ui_layout_test, long_answer_readable_to_the_end_in_large_text_at_800x480) {
  const Panel& panel = kPanels[0];
  UiHarness h(panel_config(panel), panel.w, panel.h);
  core::Session& s = *h.session;
  s.start();
  s.choose(core::Flow::poll);
  s.pick_poll_answer(h.config.polls[0].answers[0].id);
  s.submit();
  std::string ref = s.receipt()->reference;
  auto stored = h.outbox->find(ref);
  ASSERT_TRUE(stored.ok());
  std::string answer;
  while (answer.size() < 2990) answer += kLong;
  answer = answer.substr(0, 2990) + " EINDE.";
  ASSERT_TRUE(h.outbox->add_answer(stored->row_id, Answer{"openklant", h.clock.now_ms(), answer, "a1"}).ok());
  s.finish();
  h.settle();

  auto open_answer = [&] {
    s.start();
    s.set_large_text(true);
    s.choose(core::Flow::lookup);
    s.lookup_code() = ref;
    s.look_up();
    h.settle();
    ASSERT_TRUE(s.lookup_result());
  };
  auto answer_widget = [&]() -> const Widget* {
    for (const auto& w : h.ui->registry().items())
      if (w.role == Role::text && w.label == answer) return &w;
    return nullptr;
  };
  auto region_h = [&] {
    const Widget* r = h.ui->registry().find("##page");
    return r ? r->y1 : 0.f;
  };
  open_answer();
  const Widget* a = answer_widget();
  ASSERT_NE(a, nullptr);
  EXPECT_GT(a->need_h, float(panel.h) * 3) << "the answer is long in large text";
  EXPECT_GT(a->y1, region_h()) << "it does not fit: it must scroll";

  // The buttons alone.
  int taps = 0;
  while (h.target("scroll.down") && h.target("scroll.down")->enabled && taps < 200) {
    ASSERT_TRUE(h.tap("scroll.down"));
    ++taps;
  }
  a = answer_widget();
  ASSERT_NE(a, nullptr);
  EXPECT_GT(taps, 2);
  EXPECT_LE(a->y1, region_h() + 1) << "the end of the answer is in view after " << taps << " taps";
  ASSERT_TRUE(h.target("scroll.up"));
  EXPECT_TRUE(h.target("scroll.up")->enabled);

  // Dragging: the content follows the finger, back to the top.
  float y_before = a->y0;
  const Widget* page = h.ui->registry().find("##page");
  ASSERT_NE(page, nullptr);
  float mid = (page->y0 + page->y1) / 2;
  h.ui->drag(float(panel.w) / 2, page->y0 + 10, page->y1 - 10);
  h.settle();
  a = answer_widget();
  ASSERT_NE(a, nullptr);
  EXPECT_NEAR(a->y0 - y_before, (page->y1 - 10) - (page->y0 + 10), 2.0) << "moves 1:1 with the finger";
  (void)mid;
  s.wipe();
  h.settle();

  // Dragging only, to the end.
  open_answer();
  for (int i = 0; i < 200; ++i) {
    page = h.ui->registry().find("##page");
    ASSERT_NE(page, nullptr);
    h.ui->drag(float(panel.w) / 2, page->y1 - 10, page->y0 + 10);
    h.settle();
    a = answer_widget();
    ASSERT_NE(a, nullptr);
    if (a->y1 <= region_h() + 1) break;
  }
  EXPECT_LE(a->y1, region_h() + 1) << "the end of the answer is reachable by dragging";
}

// A drag that starts on a tile scrolls and does not pick the tile; a tap still does.
TEST(ui_layout_test, drag_never_activates_the_control_it_started_on) {
  const Panel& panel = kPanels[0];
  UiHarness h(panel_config(panel), panel.w, panel.h);
  core::Session& s = *h.session;
  s.start();
  s.set_large_text(true);
  s.choose(core::Flow::report);
  h.settle();
  const Widget* page = h.ui->registry().find("##page");
  ASSERT_NE(page, nullptr);
  ASSERT_NE(page->value, "0/0") << "report categories scroll in large text at 800x480";
  // The first tile a finger can touch (the title and the instructions fill the page above the tiles in large
  // text: scrolled by its button until one is in view).
  auto first_tile = [&]() -> const ui::Target* {
    for (const auto& c : h.tree.categories)
      if (const ui::Target* t = h.target("tile." + c.slug)) return t;
    return nullptr;
  };
  for (int i = 0; i < 5 && !first_tile(); ++i) ASSERT_TRUE(h.tap("scroll.down"));
  const ui::Target* t = first_tile();
  ASSERT_NE(t, nullptr);
  page = h.ui->registry().find("##page");
  const std::string before = page->value;
  float x = (t->x0 + t->x1) / 2, y = (t->y0 + t->y1) / 2;
  h.ui->drag(x, y, y - (page->y1 - page->y0) * 0.5f);
  h.settle();
  EXPECT_EQ(s.screen(), Screen::report_category) << "the drag picked the tile";
  EXPECT_NE(h.ui->registry().find("##page")->value, before) << "the page scrolled";
  // The same gesture without moving is a tap (on a tile in view now).
  std::string id;
  for (const auto& w : h.ui->targets())
    if (w.id.rfind("tile.", 0) == 0) id = w.id;
  ASSERT_FALSE(id.empty());
  h.tap(id);
  EXPECT_EQ(s.screen(), Screen::report_subcategory);
}

// The reading modes are a citizen's: switched from the idle screen and from a screen's header, reset
// when the session ends; high contrast draws white text on black.
TEST(ui_layout_test, citizen_switches_reading_modes_reset_at_session_end) {
  UiHarness h(panel_config(kPanels[2]), kPanels[2].w, kPanels[2].h);
  ASSERT_TRUE(h.tap("mode.large_text"));
  EXPECT_TRUE(h.session->large_text());
  const Widget* sw = h.ui->registry().find("mode.large_text");
  ASSERT_NE(sw, nullptr);
  EXPECT_EQ(sw->key, "mode.large_text");
  EXPECT_EQ(sw->value, "on");
  EXPECT_TRUE(sw->selected);
  h.session->start();
  h.settle();
  ASSERT_TRUE(h.tap("mode.contrast"));
  EXPECT_TRUE(h.session->high_contrast());
  Pixels px = draw_and_read(h);
  EXPECT_EQ(px.at(px.w / 2, px.h - 3), 0x000000u) << "high contrast background";
  ASSERT_TRUE(h.tap("app.stop"));
  ASSERT_TRUE(h.tap("stop.yes"));  // Stop asks first
  EXPECT_FALSE(h.session->large_text());
  EXPECT_FALSE(h.session->high_contrast());
  px = draw_and_read(h);
  EXPECT_EQ(px.at(px.w / 2, px.h - 3), 0xFFFFFFu);
}

// The registry carries what speech will need: roles, catalog keys, states, reading order.
TEST(ui_layout_test, registry_has_roles_keys_states_and_order) {
  UiHarness h;
  h.session->start();
  h.settle();
  const auto& items = h.ui->registry().items();
  ASSERT_FALSE(items.empty());
  for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].order, int(i));
  const Widget* back = h.ui->registry().find("app.back");
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->role, Role::button);
  EXPECT_EQ(back->key, "app.back");
  EXPECT_EQ(back->label, h.catalogs.get("nl").get("app.back"));
  const Widget* title = nullptr;
  for (const auto& w : items)
    if (w.role == Role::heading && w.key == "choose.title") title = &w;
  ASSERT_NE(title, nullptr) << "the title is a heading with its catalog key";
  EXPECT_LT(back->order, h.ui->registry().find("choose.report")->order);
  EXPECT_EQ(h.ui->registry().find("##page")->role, Role::scroll_region);
}

}  // namespace
}  // namespace kiosk::test
