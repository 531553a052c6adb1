// Letter classes and folding of the kiosk's scripts: see kiosk/sync/fold.hpp.
#include "kiosk/sync/fold.hpp"

#include <string>

#include "kiosk/sync/utf8.hpp"

namespace kiosk {

bool is_mark(char32_t c) noexcept {
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x610 && c <= 0x61A) || (c >= 0x64B && c <= 0x65F) || c == 0x670 ||
         (c >= 0x6D6 && c <= 0x6ED) || c == 0x640;
}
bool is_arabic_letter(char32_t c) noexcept {
  return (c >= 0x620 && c <= 0x63F) || (c >= 0x641 && c <= 0x64A) || (c >= 0x66E && c <= 0x6D3) || c == 0x6D5 ||
         (c >= 0x6FA && c <= 0x6FC) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFB) ||
         (c >= 0xFE70 && c <= 0xFEFC);
}
bool is_ethiopic(char32_t c) noexcept {
  return (c >= 0x1200 && c <= 0x135A) || (c >= 0x1380 && c <= 0x139F) || (c >= 0x2D80 && c <= 0x2DDF);
}
bool is_cyrillic(char32_t c) noexcept { return c >= 0x400 && c <= 0x52F && !(c >= 0x482 && c <= 0x489); }
bool is_latin_letter(char32_t c) noexcept {
  return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}
bool is_letter(char32_t c) noexcept {
  return is_latin_letter(c) || is_cyrillic(c) || is_arabic_letter(c) || is_mark(c) || is_ethiopic(c) ||
         (c >= 0x386 && c <= 0x3FF);
}

bool is_upper(char32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return true;
  if (c < 0x80) return false;
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130 || c == 0x178) return true;
    if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return false;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
    return c % 2 == 0;
  }
  if (c >= 0x400 && c <= 0x42F) return true;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c % 2 == 0;
  if (c == 0x4C0) return true;
  if (c >= 0x4C1 && c <= 0x4CE) return c % 2 == 1;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  if (c >= 0x391 && c <= 0x3AB) return true;
  return false;
}

// White space: is_space, is_hspace and is_line_break (utf8.hpp).
bool is_apostrophe(char32_t c) noexcept {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x2BC || c == '`' || c == 0xB4;
}

// Latin-1 and Latin Extended-A letters without diacritics, lower case.
constexpr std::string_view kFoldLatin1 = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
                                         "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
constexpr std::string_view kFoldLatinA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kFoldLatin1.size() == 64);
static_assert(kFoldLatinA.size() == 128);

// Folding for matching: lower case, no diacritics, one apostrophe, one alef; 0 = drop.
char32_t fold_cp(char32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0x80) return c;
  if (c >= 0xC0 && c <= 0xFF) return (c == 0xD7 || c == 0xF7) ? c : char32_t(kFoldLatin1[c - 0xC0]);
  if (c >= 0x100 && c <= 0x17F) return char32_t(kFoldLatinA[c - 0x100]);
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x460 && c <= 0x52F) return is_upper(c) ? c + 1 : c;
  if (is_apostrophe(c)) return '\'';
  if (c == 0x622 || c == 0x623 || c == 0x625 || c == 0x671) return 0x627;
  if (c == 0x649) return 0x64A;
  if (is_space(c)) return ' ';
  if (is_mark(c)) return 0;
  return c;
}

std::string fold_str(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    i += c.len;
    const char32_t f = fold_cp(c.cp);
    if (f == 0) continue;
    if (f == ' ' && (out.empty() || out.back() == ' ')) continue;
    append_utf8(out, f);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace kiosk
