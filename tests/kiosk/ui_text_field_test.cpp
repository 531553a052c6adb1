// The kiosk's text field (kiosk/ui/text_field.cpp), headless (SDL dummy driver + software renderer) on the
// 10.1" panel (1280x800, 149 ppi): 1,000 characters typed through the on-screen keyboard in every language
// stay visible line by line, with the caret, after every keystroke (from the draw commands and from the
// pixels); a tap places the caret; Arabic comes out shaped and right to left. (800x480 at 133 ppi: the top
// bar, the title and an 11.6 mm keyboard leave no line for the field yet; the layout's part.)
#include <imgui.h>

#include <map>
#include <set>
#include <sstream>

#include "kiosk/ui/bidi.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

constexpr ImU32 kCaret = IM_COL32(0x0B, 0x4F, 0x8A, 255);  // theme::kPrimary

constexpr int kW = 1280, kH = 800;
Config panel_config() {
  Config c = demo_config();
  c.ui.panel_dpi = 149;
  return c;
}

struct Glyph {
  char32_t cp = 0;
  float pen_x = 0, pen_y = 0;  // where the pen was: the line's top
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0, advance = 0;
};

// What the field drew in the last frame: the glyphs and the caret of the draw commands clipped to it.
struct Drawn {
  std::vector<Glyph> glyphs;  // in drawing order
  bool caret = false;
  float cx0 = 1e9f, cy0 = 1e9f, cx1 = -1e9f, cy1 = -1e9f;
  std::vector<float> lines() const {
    std::set<float> ys;
    for (const auto& g : glyphs) ys.insert(g.pen_y);
    return {ys.begin(), ys.end()};
  }
  // Glyphs of one line, left to right.
  std::vector<Glyph> line(float y) const {
    std::vector<Glyph> out;
    for (const auto& g : glyphs)
      if (g.pen_y == y) out.push_back(g);
    std::sort(out.begin(), out.end(), [](const Glyph& a, const Glyph& b) { return a.x0 < b.x0; });
    return out;
  }
};

Drawn drawn_in(const ui::Target& t) {
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];  // the body font (Arabic merged into it)
  std::map<std::pair<float, float>, const ImFontGlyph*> by_uv;
  for (const ImFontGlyph& g : font->Glyphs)
    if (g.Visible) by_uv[{g.U0, g.V0}] = &g;
  Drawn d;
  ImDrawData* dd = ImGui::GetDrawData();
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* dl = dd->CmdLists[n];
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
      const ImVec4& c = cmd.ClipRect;
      if (std::abs(c.x - (t.x0 + 2)) > 0.5f || std::abs(c.y - (t.y0 + 2)) > 0.5f || std::abs(c.z - (t.x1 - 2)) > 0.5f ||
          std::abs(c.w - (t.y1 - 2)) > 0.5f)
        continue;
      std::set<unsigned> seen;
      for (unsigned e = 0; e < cmd.ElemCount; ++e) {
        unsigned vi = cmd.VtxOffset + dl->IdxBuffer[int(cmd.IdxOffset + e)];
        if (!seen.insert(vi).second) continue;
        const ImDrawVert& v = dl->VtxBuffer[int(vi)];
        auto it = by_uv.find({v.uv.x, v.uv.y});
        if (it != by_uv.end()) {
          const ImFontGlyph& g = *it->second;
          d.glyphs.push_back(Glyph{g.Codepoint, v.pos.x - g.X0, v.pos.y - g.Y0, v.pos.x, v.pos.y, v.pos.x + g.X1 - g.X0,
                                   v.pos.y + g.Y1 - g.Y0, g.AdvanceX});
        } else if (v.col == kCaret) {
          d.caret = true;
          d.cx0 = std::min(d.cx0, v.pos.x), d.cy0 = std::min(d.cy0, v.pos.y);
          d.cx1 = std::max(d.cx1, v.pos.x), d.cy1 = std::max(d.cy1, v.pos.y);
        }
      }
    }
  }
  return d;
}

struct Pixels {
  int w = 0, h = 0;
  std::vector<unsigned char> px;  // RGBA
  const unsigned char* at(int x, int y) const { return &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4]; }
};

Pixels read_pixels(UiHarness& h) {
  Pixels p{h.w, h.h, std::vector<unsigned char>(std::size_t(h.w) * std::size_t(h.h) * 4)};
  if (SDL_RenderReadPixels(h.renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, p.px.data(), h.w * 4) != 0)
    ADD_FAILURE() << SDL_GetError();
  return p;
}

int count_pixels(const Pixels& p, float x0, float y0, float x1, float y1,
                 const std::function<bool(const unsigned char*)>& f) {
  int n = 0;
  for (int y = std::max(0, int(y0)); y < std::min(p.h, int(y1)); ++y)
    for (int x = std::max(0, int(x0)); x < std::min(p.w, int(x1)); ++x)
      if (f(p.at(x, y))) ++n;
  return n;
}

bool caret_colour(const unsigned char* c) {
  return std::abs(c[0] - 0x0B) <= 2 && std::abs(c[1] - 0x4F) <= 2 && std::abs(c[2] - 0x8A) <= 2;
}
bool ink(const unsigned char* c) { return c[0] + c[1] + c[2] < 3 * 128 && !caret_colour(c); }

// Opens the question text step in `lang` with the keyboard up.
void open_text_step(UiHarness& h, const std::string& lang) {
  h.tap("lang." + lang);
  ASSERT_EQ(h.screen(), core::Screen::choose);
  ASSERT_EQ(h.session->language(), lang);
  h.tap("choose.question");
  h.tap("topic." + h.tree.question_topics[0].slug);
  ASSERT_EQ(h.screen(), core::Screen::question_text);
  h.tap("text");
  ASSERT_TRUE(h.ui->keyboard_visible());
}

// The character keys of the keyboard shown now (id "key.<what it types>").
std::vector<std::string> character_keys(UiHarness& h) {
  static const std::set<std::string> special = {"shift", "backspace", "enter", "layout", "latin", "space", "hide"};
  std::vector<std::string> out;
  for (const auto& t : h.ui->targets())
    if (t.id.rfind("key.", 0) == 0 && !special.count(t.id.substr(4))) out.push_back(t.id.substr(4));
  return out;
}

// Top of the on-screen keyboard (its highest key).
float keyboard_top(UiHarness& h) {
  float top = float(h.h);
  for (const auto& t : h.ui->targets())
    if (t.id.rfind("key.", 0) == 0) top = std::min(top, t.y0);
  return top;
}

// Every check of one keystroke; returns the problems found.
std::string check_field(UiHarness& h, bool rtl, bool typed_space) {
  std::ostringstream out;
  const ui::Target* field = h.target("text");
  if (!field) return "no field on screen";
  // What can be seen of the field: above the keyboard.
  ui::Target visible = *field;
  visible.y1 = std::min(visible.y1, keyboard_top(h));
  const ui::Target* t = &visible;
  if (t->y1 - t->y0 < 20) out << "field covered by the keyboard (" << field->y0 << ".." << field->y1 << "); ";
  if (t->role != core::Role::field) out << "role " << core::role_name(t->role) << "; ";
  Drawn d = drawn_in(*field);
  const float lh = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
  // Geometry: every glyph and every line inside the field, whole.
  for (const auto& g : d.glyphs)
    if (g.x0 < t->x0 || g.x1 > t->x1 || g.y0 < t->y0 || g.y1 > t->y1) {
      out << "glyph U+" << std::hex << unsigned(g.cp) << std::dec << " at " << g.x0 << "," << g.y0 << " outside; ";
      break;
    }
  for (float y : d.lines())
    if (y < t->y0 || y + lh > t->y1) out << "line at y " << y << " outside " << t->y0 << ".." << t->y1 << "; ";
  if (!d.caret) return out.str() + "no caret drawn";
  if (d.cx0 < t->x0 || d.cx1 > t->x1 || d.cy0 < t->y0 || d.cy1 > t->y1) out << "caret outside the field; ";
  // The caret is on a drawn line (the last typed one) and next to what was typed last.
  float caret_line = d.cy0;
  auto lines = d.lines();
  if (!typed_space) {
    if (std::none_of(lines.begin(), lines.end(), [&](float y) { return std::abs(y - caret_line) <= 1; })) {
      out << "caret line " << caret_line << " has no text; ";
    } else {
      float cx = d.cx0 + 1;
      bool next_to = false;
      for (const auto& g : d.glyphs) {
        if (std::abs(g.pen_y - caret_line) > 1) continue;
        float edge = rtl ? g.pen_x : g.pen_x + g.advance;
        next_to = next_to || std::abs(edge - cx) <= 2.5f;
      }
      if (!next_to) out << "nothing typed next to the caret at x " << cx << "; ";
    }
  }
  // Pixels: the caret and ink on every drawn line, inside the field.
  Pixels p = read_pixels(h);
  int caret_px = count_pixels(p, d.cx0 - 1, d.cy0, d.cx1 + 1, d.cy1, caret_colour);
  if (caret_px < int(lh * 0.8f)) out << "caret: " << caret_px << " pixels; ";
  for (float y : lines)
    if (count_pixels(p, t->x0 + 2, y, t->x1 - 2, y + lh, ink) == 0) out << "line at y " << y << " has no ink; ";
  return out.str();
}

class TypeThousand : public ::testing::TestWithParam<std::string> {};

// The sanitizer build (Debug, ASan + UBSan: many times slower frames) types the first 300 characters,
// about four lines: the field grows to three and then scrolls. The 1,000 and the limit are the dev build's.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kKeystrokes = 300;
#else
constexpr int kKeystrokes = 1000;
#endif

TEST_P(TypeThousand, every_keystroke_leaves_the_last_line_and_the_caret_visible) {
  const std::string lang = GetParam();
  UiHarness h(panel_config(), kW, kH);
  open_text_step(h, lang);
  std::vector<std::string> keys = character_keys(h);
  ASSERT_GE(keys.size(), 20u);
  std::string expected;
  std::size_t lines_seen = 0;
  for (int i = 0; i < kKeystrokes; ++i) {
    bool space = i % 7 == 6;
    std::string k = space ? std::string(" ") : keys[std::size_t(i * 5 + i / 7) % keys.size()];
    ASSERT_TRUE(h.tap(space ? "key.space" : "key." + k)) << lang << " keystroke " << i;
    expected += k;
    std::string problems = check_field(h, lang == "ar", space);
    ASSERT_EQ(problems, "") << lang << ", keystroke " << i + 1 << " ('" << k << "')";
    const ui::Target* t = h.target("text");
    ASSERT_EQ(t->value_length, i + 1);
    ASSERT_EQ(t->caret, i + 1);
    lines_seen = std::max(lines_seen, drawn_in(*t).lines().size());
  }
  EXPECT_EQ(h.session->question().text, expected);
  EXPECT_GE(lines_seen, 2u);  // it wrapped and scrolled, it did not run off to the side
  if (kKeystrokes == 1000) {  // at the limit: a further key adds nothing, the count says so
    h.tap("key." + keys[0]);
    EXPECT_EQ(h.session->question().text.length(), 1000u);
  }
  if (lang == "ar") {
    // Everything drawn is shaped: no Arabic letter in its logical (unshaped) code point (hamza, U+0621,
    // joins nothing and has no other form).
    for (const auto& g : drawn_in(*h.target("text")).glyphs)
      EXPECT_FALSE(g.cp >= 0x0622 && g.cp <= 0x064A) << "unshaped U+" << std::hex << unsigned(g.cp);
  }
}

INSTANTIATE_TEST_SUITE_P(ui_text_field_test, TypeThousand, ::testing::Values("nl", "en", "tr", "pl", "uk", "ar"),
                         [](const auto& p) { return p.param; });

TEST(ui_text_field_test, arabic_typed_text_is_shaped_and_right_to_left) {
  UiHarness h(panel_config(), kW, kH);
  open_text_step(h, "ar");
  for (const char* k : {"ب", "ت", "ث"}) h.tap(std::string("key.") + k);
  EXPECT_EQ(h.session->question().text, "بتث");
  Drawn d = drawn_in(*h.target("text"));
  ASSERT_EQ(d.lines().size(), 1u);
  std::u32string order;
  for (const auto& g : d.line(d.lines()[0])) order += g.cp;
  // Drawn left to right: theh (final), teh (medial), beh (initial).
  EXPECT_EQ(order, U"\uFE9A\uFE98\uFE91");
  // Right-aligned: the first letter typed is at the field's right, the caret at the left end of the text.
  const ui::Target* t = h.target("text");
  auto line = d.line(d.lines()[0]);
  EXPECT_GT(line.back().x1, t->x1 - (t->x1 - t->x0) * 0.2f);
  EXPECT_NEAR(d.cx0 + 1, line.front().pen_x, 2.5f);
  // A reference code typed on the Latin layout stays left to right inside the Arabic.
  h.tap("key.space");
  h.tap("key.latin");
  for (const char* k : {"k", "layout", "7", "layout"}) h.tap(std::string("key.") + k);
  d = drawn_in(*h.target("text"));
  order.clear();
  for (const auto& g : d.line(d.lines()[0])) order += g.cp;
  EXPECT_EQ(order, U"k7\uFE9A\uFE98\uFE91");
}

TEST(ui_text_field_test, a_tap_places_the_caret) {
  UiHarness h(panel_config(), kW, kH);
  open_text_step(h, "nl");
  h.type("abc def");
  const ui::Target* t = h.target("text");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->caret, 7);
  Drawn d = drawn_in(*t);
  auto line = d.line(d.lines().at(0));
  ASSERT_EQ(line.size(), 6u);  // the space draws nothing
  const Glyph& c = line[2];
  ASSERT_EQ(c.cp, U'c');
  h.tap_at(c.pen_x + c.advance * 0.8f, c.pen_y + 4);
  EXPECT_EQ(h.target("text")->caret, 3);
  EXPECT_TRUE(h.ui->keyboard_visible());
  h.tap("key.x");
  EXPECT_EQ(h.session->question().text, "abcx def");
  h.tap_at(line[0].pen_x + 1, line[0].pen_y + 4);
  EXPECT_EQ(h.target("text")->caret, 0);
  h.tap("key.backspace");  // nothing before the caret
  h.tap("key.q");
  EXPECT_EQ(h.session->question().text, "qabcx def");
  EXPECT_NE(check_field(h, false, false).find("nothing typed next to"), 0u);

  // Right to left: the right half of the rightmost letter is before it (logically first).
  h.tap("key.hide");
  h.session->question().text = "";
  h.session->set_language("ar");
  h.settle();
  h.tap("text");
  h.type("بتث");
  t = h.target("text");
  d = drawn_in(*t);
  line = d.line(d.lines().at(0));
  ASSERT_EQ(line.size(), 3u);
  h.tap_at(line[2].pen_x + line[2].advance * 0.8f, line[2].pen_y + 4);
  EXPECT_EQ(h.target("text")->caret, 0);
  h.type("ج");
  EXPECT_EQ(h.session->question().text, "جبتث");
  d = drawn_in(*h.target("text"));
  line = d.line(d.lines().at(0));
  ASSERT_EQ(line.size(), 4u);
  h.tap_at(line[0].pen_x + 1, line[0].pen_y + 4);  // left end: after the last letter
  EXPECT_EQ(h.target("text")->caret, 4);
}

TEST(ui_text_field_test, the_field_registers_length_and_caret_not_text) {
  UiHarness h(panel_config(), kW, kH);
  open_text_step(h, "uk");
  h.type("Привіт");
  const ui::Target* t = h.target("text");
  EXPECT_EQ(t->role, core::Role::field);
  EXPECT_EQ(t->value_length, 6);
  EXPECT_EQ(t->caret, 6);
  for (const auto& target : h.ui->targets()) EXPECT_EQ(target.label.find("Привіт"), std::string::npos);
}

// Forgiveness (issue 16): the phone field opens a number pad (digits, '+', erase), not the letter keyboard;
// the e-mail field beside it brings the letters back.
TEST(ui_text_field_test, phone_field_opens_a_number_pad) {
  for (auto [w, hh] : {std::pair{800, 480}, std::pair{1080, 1920}}) {
    UiHarness h(demo_config(), w, hh);
    h.session->start();
    h.session->choose(core::Flow::question);
    h.session->pick_topic(h.tree.question_topics[0].slug);
    h.session->question().text = "Wanneer komt de grofvuilwagen?";
    h.session->next();
    h.settle();
    ASSERT_EQ(h.screen(), core::Screen::question_contact);
    ASSERT_TRUE(h.tap("contact.phone"));
    ASSERT_TRUE(h.ui->keyboard_visible());
    EXPECT_EQ(h.target("key.q"), nullptr) << "letters on the phone field's keyboard";
    EXPECT_EQ(h.target("key.shift"), nullptr);
    ASSERT_NE(h.target("key.+"), nullptr);
    const ui::Target* five = h.target("key.5");
    const ui::Target* hide = h.target("key.hide");
    ASSERT_NE(five, nullptr);
    ASSERT_NE(hide, nullptr);
    // Digit keys far larger than a letter key (a quarter of the width, not a tenth).
    EXPECT_GT(five->x1 - five->x0, float(w) / 5);
    h.type_keys("0612345678");
    h.tap("key.backspace");
    h.type_keys("9");
    EXPECT_EQ(h.session->question().contact.phone, "0612345679");
    ASSERT_TRUE(h.tap("contact.email"));
    EXPECT_NE(h.target("key.q"), nullptr) << "the e-mail field has the letters again";
  }
}

}  // namespace
}  // namespace kiosk::test
