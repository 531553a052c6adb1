// Screenshots of the key screens (idle, choose, text entry, review, receipt, answer) on the smallest panel
// (800x480 at 133 ppi) and the portrait floor kiosk (1080x1920 at 92 ppi), in normal, large text and high
// contrast, and in Arabic. With KIOSK_SCREENSHOT_DIR set they are written there (docs/screenshots/panels is made with
// `KIOSK_SCREENSHOT_DIR=docs/screenshots/panels build/dev/tests/kiosk/ui_screenshots_test`), else to a
// temporary directory; the test checks each file was written and each screen is the one named.
#include <cstdlib>

#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

struct Panel {
  const char* name;
  int w, h;
  double ppi;
};

void shoot(const Panel& panel, const std::string& mode, const std::string& lang, const std::filesystem::path& dir) {
  Config cfg = demo_config();
  cfg.ui.panel_dpi = panel.ppi;
  UiHarness h(cfg, panel.w, panel.h);
  core::Session& s = *h.session;
  auto set_mode = [&] {
    s.set_large_text(mode == "large");
    s.set_high_contrast(mode == "contrast");
    h.ui->request_frames();
    h.settle();
  };
  auto shot = [&](const std::string& screen) {
    auto file = dir / (std::string(panel.name) + "-" + mode + (lang == "nl" ? "" : "-" + lang) + "-" + screen + ".png");
    ASSERT_TRUE(h.screenshot(file)) << SDL_GetError();
    EXPECT_GT(std::filesystem::file_size(file), 1000u) << file;
  };
  // An answered question to look up at the end.
  s.start();
  s.choose(core::Flow::question);
  s.pick_topic(h.tree.question_topics[0].slug);
  s.question().text = "Wanneer wordt het grofvuil in de Kerkstraat opgehaald?";
  s.next();
  s.next();
  s.next();
  s.submit();
  ASSERT_TRUE(s.receipt());
  std::string ref = s.receipt()->reference;
  auto stored = h.outbox->find(ref);
  ASSERT_TRUE(stored.ok());
  std::string answer =
      "Beste inwoner, dank u voor uw vraag. Het grofvuil in de Kerkstraat wordt op de eerste dinsdag van de maand "
      "opgehaald. Zet het uiterlijk om 7.30 uur aan de straat, niet meer dan twee kubieke meter. Grote apparaten "
      "kunt u ook gratis naar de milieustraat aan de Havenweg brengen, open van maandag tot en met zaterdag. ";
  ASSERT_TRUE(h.outbox->add_answer(stored->row_id, Answer{"openklant", h.clock.now_ms(), answer + answer, "a1"}).ok());
  s.wipe();
  h.settle();

  set_mode();
  shot("1-idle");
  ASSERT_TRUE(s.set_language(lang));
  s.start();
  set_mode();
  shot("2-choose");
  s.choose(core::Flow::report);
  s.pick_category(h.tree.categories[0].slug);
  s.pick_subcategory(h.tree.categories[0].children[0].slug);
  s.next();
  ASSERT_EQ(s.screen(), Screen::report_description);
  h.settle();
  for (int i = 0; i < 20 && (!h.target("text") || !h.target("text")->visible); ++i) h.tap("scroll.down");
  h.tap("text");
  const std::string typed = lang == "ar"
                                ? "بلاطة رصيف مفكوكة أمام مدخل المكتبة، يتعثر بها الزوار."
                                : "Losse stoeptegel voor de ingang van de bibliotheek, bezoekers struikelen erover.";
  // On every panel and in every mode the field keeps a line above the keyboard (at 800x480 in large text
  // the bar folds away while typing).
  ASSERT_TRUE(h.ui->keyboard_visible()) << panel.name << " " << mode << ": the field lost focus";
  h.type(typed);
  ASSERT_TRUE(h.target("text") && h.target("text")->visible) << panel.name << " " << mode << " " << lang;
  shot("3-text-entry");
  h.tap("key.hide");
  s.next();
  s.next();
  ASSERT_EQ(s.screen(), Screen::report_review)
      << (s.errors().empty() ? "" : s.errors().front().field) << " '" << s.report().description.view() << "'";
  h.settle();
  shot("4-review");
  s.submit();
  ASSERT_EQ(s.screen(), Screen::receipt);
  h.settle();
  shot("5-receipt");
  s.finish();
  ASSERT_TRUE(s.set_language(lang));
  s.start();
  set_mode();
  s.choose(core::Flow::lookup);
  s.lookup_code() = ref;
  s.look_up();
  ASSERT_TRUE(s.lookup_result());
  h.settle();
  shot("6-answer");
}

TEST(ui_screenshots_test, key_screens_on_the_smallest_and_the_portrait_panel) {
  const char* env = std::getenv("KIOSK_SCREENSHOT_DIR");
  TempDir tmp;
  std::filesystem::path dir = env && *env ? std::filesystem::path(env) : tmp.path();
  for (const Panel& p : {Panel{"800x480", 800, 480, 133}, Panel{"1080x1920", 1080, 1920, 92}})
    for (const std::string mode : {"normal", "large", "contrast"}) shoot(p, mode, "nl", dir);
  // Arabic, right to left: on the Pi's display and large on the portrait kiosk.
  shoot(Panel{"800x480", 800, 480, 133}, "normal", "ar", dir);
  shoot(Panel{"1080x1920", 1080, 1920, 92}, "large", "ar", dir);
}

}  // namespace
}  // namespace kiosk::test
