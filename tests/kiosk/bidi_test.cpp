// bidi (kiosk/ui/bidi): Arabic shaped into presentation forms and drawn right to left, Latin, numbers and
// reference codes kept left to right inside it, wrapping on the logical order and each line reordered.
// Display-free: advances are given, no font.
#include "kiosk/ui/bidi.hpp"

#include <gtest/gtest.h>

#include "kiosk/core/text_buffer.hpp"

namespace kiosk::ui {
namespace {

std::u32string cps(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    out += c.cp;
    i += c.len;
  }
  return out;
}

bool presentation_form(char32_t c) { return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC); }

bidi::Layout lay_out(std::string_view text, float wrap, float advance = 10) {
  bidi::Layout l;
  bidi::lay_out(
      text, wrap, [advance](char32_t) { return advance; }, l);
  return l;
}

TEST(bidi_test, arabic_is_shaped_and_drawn_right_to_left) {
  // beh teh theh: initial, medial, final; drawn left to right as theh(final) teh(medial) beh(initial).
  EXPECT_EQ(cps(bidi::visual("بتث")), U"\uFE9A\uFE98\uFE91");
  // A letter alone takes its isolated form.
  EXPECT_EQ(cps(bidi::visual("ب")), U"\uFE8F");
  // Lam + alef is one ligature glyph (no filler left in what is drawn).
  std::u32string sala = cps(bidi::visual("سلام"));  // seen, lam-alef, meem
  EXPECT_EQ(sala, U"\uFEE1\uFEFC\uFEB3");
}

TEST(bidi_test, reference_code_stays_left_to_right_inside_arabic) {
  std::string v = bidi::visual("رمزك هو K7-3QX9 شكرا");
  EXPECT_NE(v.find("K7-3QX9"), std::string::npos) << v;
  std::u32string c = cps(v);
  // The first Arabic word (logical) is drawn at the right end, the last one at the left.
  std::u32string first = cps(bidi::visual("رمزك")), last = cps(bidi::visual("شكرا"));
  EXPECT_EQ(c.substr(c.size() - first.size()), first);
  EXPECT_EQ(c.substr(0, last.size()), last);
  for (char32_t ch : c)
    if (ch >= 0x0600 && ch <= 0x06FF) ADD_FAILURE() << "unshaped U+" << std::hex << unsigned(ch);
}

TEST(bidi_test, numbers_and_street_names_keep_their_order) {
  std::string v = bidi::visual("الرقم 1234 في Kerkstraat 12");
  EXPECT_NE(v.find("1234"), std::string::npos) << v;
  EXPECT_NE(v.find("Kerkstraat 12"), std::string::npos) << v;
  // Right-to-left paragraph: "Kerkstraat 12" (logically last) is drawn leftmost.
  EXPECT_EQ(v.rfind("Kerkstraat 12", 0), 0u) << v;
  // A left-to-right paragraph (first strong letter Latin) with an Arabic word and a number after it: the
  // number belongs to the Arabic run (UBA W2, N1), which is reversed in place.
  std::string l = bidi::visual("Straat بت 5");
  EXPECT_EQ(l.rfind("Straat ", 0), 0u);
  EXPECT_EQ(cps(l).substr(7), U"5 \uFE96\uFE91");
  EXPECT_EQ(bidi::visual("Straat بت, nr 5").substr(0, 7), "Straat ");
  EXPECT_EQ(bidi::visual("Straat بت, nr 5").substr(bidi::visual("Straat بت, nr 5").size() - 6), ", nr 5");
}

TEST(bidi_test, latin_text_is_untouched) {
  EXPECT_EQ(bidi::visual("Losse tegel, Kerkstraat 3 (bij de bushalte)"), "Losse tegel, Kerkstraat 3 (bij de bushalte)");
  EXPECT_FALSE(bidi::has_rtl("Україна ğüş"));
  EXPECT_TRUE(bidi::has_rtl("abc ب"));
  auto l = lay_out("een twee drie", 0);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_FALSE(l.lines[0].rtl);
  EXPECT_EQ(l.lines[0].cells.front().x0, 0.f);
}

TEST(bidi_test, wraps_on_the_logical_order_then_reorders_each_line) {
  // Three Arabic words of 3 letters at 10 px a letter, 75 px wide: one word and a space fit... two words
  // are 70 px: "w1 w2" on the first line, "w3" on the second.
  const std::string w1 = "بتث", w2 = "جحخ", w3 = "سشص";
  auto l = lay_out(w1 + " " + w2 + " " + w3, 75);
  ASSERT_EQ(l.lines.size(), 2u);
  EXPECT_TRUE(l.lines[0].rtl);
  EXPECT_EQ(l.lines[0].begin, 0u);
  EXPECT_EQ(l.lines[1].begin, (w1 + " " + w2 + " ").size());
  EXPECT_TRUE(l.lines[1].hard_end);
  EXPECT_FALSE(l.lines[0].hard_end);
  // First line drawn: w2 on the left, w1 on the right (its trailing blank, hanging, at the far left).
  std::u32string first = cps(l.lines[0].visual);
  std::u32string v1 = cps(bidi::visual(w1)), v2 = cps(bidi::visual(w2));
  EXPECT_EQ(first.substr(first.size() - 3), v1);
  EXPECT_NE(first.find(v2), std::u32string::npos);
  EXPECT_LT(first.find(v2), first.size() - 3);
  EXPECT_EQ(cps(l.lines[1].visual), cps(bidi::visual(w3)));
  EXPECT_FLOAT_EQ(l.lines[0].width, 70.f);
}

TEST(bidi_test, cells_map_back_to_the_logical_bytes) {
  std::string t = "بت ab";
  auto l = lay_out(t, 0);
  ASSERT_EQ(l.lines.size(), 1u);
  const auto& cells = l.lines[0].cells;
  ASSERT_EQ(cells.size(), 5u);
  // Drawn: "ab", space, teh, beh (right-to-left paragraph: the Latin word logically last is leftmost).
  EXPECT_EQ(cells[0].begin, 5u);
  EXPECT_FALSE(cells[0].rtl);
  EXPECT_EQ(cells[4].begin, 0u);  // beh, the first letter, at the right end
  EXPECT_EQ(cells[4].end, 2u);
  EXPECT_TRUE(cells[4].rtl);
  for (std::size_t i = 1; i < cells.size(); ++i) EXPECT_FLOAT_EQ(cells[i].x0, cells[i - 1].x1);
  // A lam-alef ligature stands for both letters' bytes.
  auto la = lay_out("لا", 0);
  ASSERT_EQ(la.lines[0].cells.size(), 1u);
  EXPECT_EQ(la.lines[0].cells[0].begin, 0u);
  EXPECT_EQ(la.lines[0].cells[0].end, 4u);
}

TEST(bidi_test, presentation_forms_cover_every_joining_form) {
  std::u32string f = cps(bidi::presentation_forms("ب"));
  for (char32_t c : {U'\uFE8F', U'\uFE90', U'\uFE91', U'\uFE92'}) EXPECT_NE(f.find(c), std::u32string::npos);
  std::u32string lam = cps(bidi::presentation_forms("ا"));
  EXPECT_NE(lam.find(U'\uFEFB'), std::u32string::npos);  // lam-alef isolated
  EXPECT_NE(lam.find(U'\uFEFC'), std::u32string::npos);  // lam-alef final
  for (char32_t c : f) {
    EXPECT_TRUE(c == 0x0640 || presentation_form(c)) << std::hex << unsigned(c);
  }
}

}  // namespace
}  // namespace kiosk::ui
