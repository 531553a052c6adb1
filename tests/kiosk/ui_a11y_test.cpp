// Automated accessibility checks over every screen and every language: each interactive item at least
// 11.6 mm at the configured panel DPI, no overlapping hit areas, everything on screen; theme colour
// pairs >= 4.5:1 (body text >= 7:1); body text at least the EN 301 549 §5.1.4 cap height for the viewing
// distance; every glyph of every catalog string in the loaded fonts.
#include <sstream>

#include "kiosk/core/a11y.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

// Checks the targets of the frame just drawn; returns problems as text (screen and label in each).
std::vector<std::string> check_targets(UiHarness& h, const std::string& where) {
  std::vector<std::string> problems;
  const auto& ts = h.ui->targets();
  const double min_px = core::mm_to_px(core::kMinTargetMm, h.config.ui.panel_dpi);
  for (const auto& t : ts) {
    double w = t.x1 - t.x0, ht = t.y1 - t.y0;
    // A control partly scrolled out of view is touched (and measured) once scrolled in.
    if (t.visible && (w + 1e-3 < min_px || ht + 1e-3 < min_px)) {
      std::ostringstream s;
      s << where << ": '" << t.id << "' (" << t.label << ") is " << core::px_to_mm(w, h.config.ui.panel_dpi) << " x "
        << core::px_to_mm(ht, h.config.ui.panel_dpi) << " mm";
      problems.push_back(s.str());
    }
    if (t.x0 < 0 || t.y0 < 0 || t.x1 > float(h.w) + 0.5f || t.y1 > float(h.h) + 0.5f)
      problems.push_back(where + ": '" + t.id + "' is (partly) off screen");
  }
  for (std::size_t i = 0; i < ts.size(); ++i)
    for (std::size_t j = i + 1; j < ts.size(); ++j) {
      const auto &a = ts[i], &b = ts[j];
      bool overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
      if (overlap) problems.push_back(where + ": '" + a.id + "' overlaps '" + b.id + "'");
    }
  return problems;
}

void check(UiHarness& h, const std::string& where, std::vector<std::string>& all, std::size_t* screens) {
  h.settle();
  EXPECT_FALSE(h.ui->targets().empty()) << where;
  auto p = check_targets(h, where);
  all.insert(all.end(), p.begin(), p.end());
  ++*screens;
}

// Visits every screen (and the keyboard, overlays and error states) in one language.
void walk_all_screens(UiHarness& h, const std::string& lang, std::vector<std::string>& problems, std::size_t* n) {
  core::Session& s = *h.session;
  auto w = [&](const std::string& what) { return lang + (s.large_text() ? "/large" : "") + "/" + what; };
  check(h, w("idle"), problems, n);
  s.start();
  ASSERT_TRUE(s.set_language(lang));
  bool large = s.large_text();
  check(h, w("choose"), problems, n);
  h.ui->request_frames();
  s.choose(core::Flow::report);
  check(h, w("report_category"), problems, n);
  for (const auto& main : h.tree.categories) {
    s.pick_category(main.slug);
    check(h, w("report_subcategory/" + main.slug), problems, n);
    s.back();
  }
  s.pick_category(h.tree.categories[0].slug);
  s.pick_subcategory(h.tree.categories[0].children[0].slug);
  check(h, w("report_location"), problems, n);
  s.next();  // kiosk location: valid
  check(h, w("report_description"), problems, n);
  s.next();  // empty: error under the field
  check(h, w("report_description+error"), problems, n);
  h.tap("text");
  EXPECT_TRUE(h.ui->keyboard_visible()) << w("keyboard");
  check(h, w("report_description+keyboard"), problems, n);
  h.tap("key.layout");
  check(h, w("report_description+keyboard+symbols"), problems, n);
  h.tap("key.layout");
  if (lang == "uk") {
    h.tap("key.latin");
    check(h, w("report_description+keyboard+latin"), problems, n);
  }
  h.type("Losse stoeptegel voor de deur van de bibliotheek.");
  h.tap("key.hide");
  s.next();
  ASSERT_EQ(s.screen(), Screen::report_contact) << w("");
  s.report().contact.email = "x@";
  s.next();
  check(h, w("report_contact+errors"), problems, n);
  h.tap("contact.phone");
  check(h, w("report_contact+keyboard"), problems, n);
  h.tap("key.hide");
  s.report().contact.email = "";
  s.next();
  ASSERT_EQ(s.screen(), Screen::report_review) << w("");
  check(h, w("report_review"), problems, n);
  s.back();
  s.back();
  s.back();
  core::LocationChoice typed;
  typed.kind = core::LocationChoice::typed_in;
  s.pick_location(typed);
  check(h, w("report_location+typed"), problems, n);
  s.wipe();
  h.settle();

  s.start();
  s.set_language(lang);
  s.set_large_text(large);
  s.choose(core::Flow::question);
  check(h, w("question_topic"), problems, n);
  s.pick_topic(h.tree.question_topics[0].slug);
  check(h, w("question_text"), problems, n);
  s.question().text = "Mijn naam is Jan. Wanneer wordt het grofvuil opgehaald? Bel 0612345678.";
  s.next();
  check(h, w("question_contact"), problems, n);
  s.next();
  check(h, w("question_publish"), problems, n);
  s.set_publish(true);
  s.next();
  check(h, w("question_review"), problems, n);
  s.submit();
  check(h, w("receipt"), problems, n);
  std::string ref = s.receipt() ? s.receipt()->reference : "";
  s.finish();
  h.settle();

  s.start();
  s.set_language(lang);
  s.set_large_text(large);
  s.choose(core::Flow::poll);
  check(h, w("poll"), problems, n);
  s.back();
  s.choose(core::Flow::news);
  check(h, w("news"), problems, n);
  s.back();
  s.choose(core::Flow::lookup);
  check(h, w("lookup"), problems, n);
  s.lookup_code() = "DM00000000";
  s.look_up();
  check(h, w("lookup+error"), problems, n);
  s.lookup_code() = ref;
  s.look_up();
  check(h, w("lookup+result"), problems, n);
  s.back();
  h.settle();
  h.tap("app.helper");
  check(h, w("help_panel"), problems, n);
  h.tap("help.close");
  h.clock.advance(std::int64_t(h.config.ui.idle_timeout_s - h.config.ui.idle_warning_s) * 1000 + 10);
  check(h, w("timeout_warning"), problems, n);
  s.wipe();
  h.settle();
  s.open_technician();
  check(h, w("technician_pin"), problems, n);
  s.wipe();
  h.settle();
}

TEST(ui_a11y_test, every_screen_every_language_targets_large_enough_and_apart) {
  UiHarness h;
  std::vector<std::string> problems;
  std::size_t screens = 0;
  for (const auto& lang : h.config.kiosk.languages) {
    if (!core::Session::language_ready(lang)) continue;  // Arabic: its button only, until RTL lands
    walk_all_screens(h, lang, problems, &screens);
  }
  EXPECT_GT(screens, 5u * 30u);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:\n" << all;
}

TEST(ui_a11y_test, large_text_mode_keeps_targets_apart) {
  UiHarness h;
  std::vector<std::string> problems;
  std::size_t screens = 0;
  for (const std::string lang : {"nl", "uk"}) {
    h.session->set_large_text(true);
    walk_all_screens(h, lang, problems, &screens);
  }
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:\n" << all;
}

TEST(ui_a11y_test, technician_screen_targets) {
  UiHarness h;
  h.session->open_technician();
  h.settle();
  for (char c : std::string("2468")) h.tap(std::string("pin.") + c);
  h.tap("pin.ok");
  ASSERT_EQ(h.screen(), Screen::technician);
  auto p = check_targets(h, "technician");
  EXPECT_TRUE(p.empty()) << (p.empty() ? "" : p.front());
}

TEST(ui_a11y_test, theme_contrast) {
  UiHarness h;
  auto lum = [](std::uint32_t c) {
    return core::relative_luminance(double((c >> 16) & 255) / 255, double((c >> 8) & 255) / 255, double(c & 255) / 255);
  };
  bool has_body = false;
  for (const auto& pair : h.ui->color_pairs()) {
    double r = core::contrast_ratio(lum(pair.fg), lum(pair.bg));
    EXPECT_GE(pair.min_ratio, pair.name.find("non-text") != std::string::npos ? 3.0 : 4.5) << pair.name;
    EXPECT_GE(r, pair.min_ratio) << pair.name << ": " << r << ":1";
    if (pair.name == "body text on background") {
      has_body = true;
      EXPECT_GE(r, 7.0);
    }
  }
  EXPECT_TRUE(has_body);
  // The contrast formula itself (WCAG's reference values).
  EXPECT_NEAR(core::contrast_ratio(lum(0x000000), lum(0xFFFFFF)), 21.0, 1e-9);
  EXPECT_NEAR(core::contrast_ratio(lum(0x777777), lum(0xFFFFFF)), 4.48, 0.01);
}

// Large text (switched on by the citizen) meets §5.1.4; normal text is large_text_scale times smaller.
TEST(ui_a11y_test, body_text_meets_en301549_5_1_4) {
  UiHarness h;
  float normal = h.ui->body_cap_height_px();
  h.session->set_large_text(true);
  h.ui->request_frames();
  h.settle();
  EXPECT_GT(h.ui->body_cap_height_px(), normal * 1.3f);
  double need_px = core::mm_to_px(core::min_cap_height_mm(h.config.ui.viewing_distance_mm), h.config.ui.panel_dpi);
  EXPECT_GE(h.ui->body_cap_height_px(), need_px) << "cap H " << h.ui->body_cap_height_px() << " px, need " << need_px;
  // A longer viewing distance needs bigger text; the UI follows the configuration.
  Config far = demo_config();
  far.ui.viewing_distance_mm = 700;
  h.ui.reset();
  UiHarness h2(far);
  h2.session->set_large_text(true);
  h2.ui->request_frames();
  h2.settle();
  double need_far = core::mm_to_px(core::min_cap_height_mm(700), far.ui.panel_dpi);
  EXPECT_GE(h2.ui->body_cap_height_px(), need_far);
  EXPECT_GT(h2.ui->body_cap_height_px(), need_px);
}

TEST(ui_a11y_test, every_glyph_of_every_catalog_string_is_in_the_fonts) {
  UiHarness h;
  auto texts = h.ui->all_display_texts();
  EXPECT_GT(texts.size(), 6u * 100u);
  auto missing = h.ui->missing_glyphs(texts);
  std::string all;
  for (const auto& m : missing) all += m + " ";
  EXPECT_TRUE(missing.empty()) << all;
  // The check can fail: a code point no loaded font has.
  EXPECT_FALSE(h.ui->missing_glyphs({"\xE1\x88\x80"}).empty());  // U+1200 ETHIOPIC SYLLABLE HA
}

}  // namespace
}  // namespace kiosk::test
