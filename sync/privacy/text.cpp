// The scrubber's shared text unit: see text.hpp.
#include "text.hpp"

#include <algorithm>
#include <string>

namespace kiosk::privacy {

// ---------------------------------------------------------------------------------------------
// UTF-8 (utf8.hpp): invalid bytes decode as U+FFFD of length 1, so every byte belongs to exactly one
// "code point".

// The code point that ends at i; len 0 at the start of the text.
Cp before(std::string_view s, std::size_t i) noexcept {
  if (i == 0) return {};
  const std::size_t j = utf8_prev(s, i);
  Cp c = decode_utf8(s, j);
  c.len = i - j;
  return c;
}

// Copies s[b, e) and replaces invalid bytes by U+FFFD.
void append_valid(std::string& out, std::string_view s, std::size_t b, std::size_t e) {
  std::size_t i = b;
  while (i < e) {
    const Cp c = at(s, i);
    if (!c.valid || i + c.len > e) {
      out += "\xEF\xBF\xBD";
      i += 1;
    } else {
      out.append(s.substr(i, c.len));
      i += c.len;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes (only the scripts of the kiosk languages need to be right)

bool is_alnum(char32_t c) noexcept { return is_digit(c) || is_letter(c); }

void WordSet::add(std::string_view word) {
  std::string f = fold_str(word);
  if (f.empty() || set_.count(f)) return;
  set_.insert(f);
  if (is_alnum(at(f, 0).cp)) {
    by_first_[std::string(first_run(f, 0))].push_back(words_.size());
  } else {
    other_start_.push_back(words_.size());
  }
  words_.push_back(std::move(f));
}

std::string_view WordSet::first_run(std::string_view s, std::size_t i) {
  std::size_t e = i;
  while (e < s.size() && is_alnum(at(s, e).cp)) e += std::max<std::size_t>(at(s, e).len, 1);
  return s.substr(i, e - i);
}
bool WordSet::any_suffix_of(std::string_view folded) const {
  return std::any_of(words_.begin(), words_.end(), [&](const std::string& w) {
    return folded.size() >= w.size() && folded.substr(folded.size() - w.size()) == w;
  });
}
bool WordSet::any_inside(std::string_view folded) const {
  return std::any_of(words_.begin(), words_.end(), [&](const std::string& w) { return folded.find(w) != npos; });
}

// ---------------------------------------------------------------------------------------------
// Folded text with a map back to the original offsets (for the cue search)

Folded fold_text(std::string_view s) {
  Folded f;
  f.text.reserve(s.size());
  f.src.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    const Cp c = at(s, i);
    const char32_t x = fold_cp(c.cp);
    if (x != 0 && !(x == ' ' && !f.text.empty() && f.text.back() == ' ')) {
      const std::size_t before_len = f.text.size();
      append_utf8(f.text, x);
      f.src.insert(f.src.end(), f.text.size() - before_len, i);
    }
    i += c.len;
  }
  f.src.push_back(s.size());
  return f;
}

bool mostly_other_script(std::string_view s) noexcept {
  std::size_t latin = 0, other = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Cp c = at(s, i);
    if (is_latin_letter(c.cp)) ++latin;
    else if (is_letter(c.cp)) ++other;
    i += std::max<std::size_t>(c.len, 1);
  }
  return other > latin;
}

DigitView digit_view(std::string_view s) {
  DigitView v;
  v.text.reserve(s.size());
  v.src.reserve(s.size() + 1);
  const auto digit = [](char32_t c) { return is_digit(c) || arabic_indic_digit(c) >= 0; };
  for (std::size_t i = 0; i < s.size();) {
    const Cp c = at(s, i);
    int d = arabic_indic_digit(c.cp);
    // Letters typed for digits next to a digit: O (Latin or Cyrillic) for zero, I / l (Latin or Cyrillic І)
    // for one: "O6-12345678", "О6-77 31 22 09", "O6 3I 55 84 02", "O6 l9 44 O2 71".
    const auto lookalike = [](char32_t x) {
      if (x == 'O' || x == 'o' || x == 0x41E || x == 0x43E) return 0;
      if (x == 'I' || x == 'l' || x == 0x406 || x == 0x456) return 1;
      return -1;
    };
    if (d < 0 && lookalike(c.cp) >= 0) {
      const char32_t p = before(s, i).cp, n = at(s, i + c.len).cp;
      const char32_t nn = at(s, i + c.len + at(s, i + c.len).len).cp;
      const bool o_next = lookalike(n) >= 0 && digit(nn);
      if ((digit(p) && !is_letter(n) && !o_next) || ((digit(n) || o_next) && !is_letter(p))) d = lookalike(c.cp);
    }
    // A dash other than the hyphen between digits ("06–12345678", typed by autocorrect; also with spaces around
    // it: "06 – 19 44 03 72"): a hyphen.
    const auto digit_across_space = [&](bool forward) {
      std::size_t k = forward ? i + c.len : i;
      for (int n = 0; n < 2; ++n) {
        const Cp x = forward ? at(s, k) : before(s, k);
        if (x.cp != ' ') return digit(x.cp);
        k = forward ? k + x.len : k - x.len;
      }
      return false;
    };
    const bool dash = (c.cp == 0x2010 || c.cp == 0x2011 || c.cp == 0x2012 || c.cp == 0x2013 || c.cp == 0x2212) &&
                      digit_across_space(false) && digit_across_space(true);
    // A full-width or small "@" ("jan＠ziggo.nl"): the at sign.
    const bool at_sign = c.cp == 0xFF20 || c.cp == 0xFE6B;
    if (d >= 0 || dash || at_sign) {
      v.text += dash ? '-' : at_sign ? '@' : static_cast<char>('0' + d);
      v.src.push_back(i);
      v.identity = false;
    } else {
      for (std::size_t k = 0; k < c.len; ++k) v.src.push_back(i);
      v.text.append(s.substr(i, c.len));
    }
    i += c.len;
  }
  v.src.push_back(s.size());
  return v;
}

// ---------------------------------------------------------------------------------------------
// Words

std::size_t skip_hspace(std::string_view s, std::size_t i) {
  for (Cp c = at(s, i); c.len && is_hspace(c.cp); c = at(s, i)) i += c.len;
  return i;
}
std::size_t skip_hspace_back(std::string_view s, std::size_t i) {
  while (i > 0 && is_hspace(before(s, i).cp)) i -= before(s, i).len;
  return i;
}
std::size_t skip_space(std::string_view s, std::size_t i) {
  for (Cp c = at(s, i); c.len && is_space(c.cp); c = at(s, i)) i += c.len;
  return i;
}

// A word: letters, with single hyphens or apostrophes between letters ("Jan-Willem", "O'Brien").
std::optional<Word> read_word(std::string_view s, std::size_t i) {
  const Cp c = at(s, i);
  if (!c.len || !is_letter(c.cp) || is_mark(c.cp)) return std::nullopt;
  Word w;
  w.begin = i;
  w.upper = is_upper(c.cp);
  w.arabic = is_arabic_letter(c.cp);
  w.caseless = w.arabic || is_ethiopic(c.cp);
  w.cyrillic = is_cyrillic(c.cp);
  std::size_t j = i;
  for (;;) {
    const Cp d = at(s, j);
    if (d.len && is_letter(d.cp)) {
      j += d.len;
      continue;
    }
    if (d.len && (d.cp == '-' || is_apostrophe(d.cp))) {
      const Cp e = at(s, j + d.len);
      if (e.len && is_letter(e.cp) && !is_mark(e.cp)) {
        j += d.len;
        continue;
      }
    }
    break;
  }
  w.end = j;
  if (w.upper && j == i + c.len && at(s, j).cp == '.') {  // initials
    w.initial = true;
    ++j;
    for (;;) {
      const Cp x = at(s, j);
      if (x.len && is_upper(x.cp) && at(s, j + x.len).cp == '.') {
        j += x.len + 1;
      } else {
        break;
      }
    }
    w.end = j;
  }
  return w;
}

// The word that ends right at e (letters only), if any.
std::optional<Word> word_ending_at(std::string_view s, std::size_t e) {
  std::size_t b = e;
  while (b > 0) {
    const Cp c = before(s, b);
    if (is_letter(c.cp)) {
      b -= c.len;
      continue;
    }
    if ((c.cp == '-' || is_apostrophe(c.cp)) && b - c.len > 0 && b < e && is_letter(before(s, b - c.len).cp)) {
      b -= c.len;
      continue;
    }
    break;
  }
  if (b == e) return std::nullopt;
  auto w = read_word(s, b);
  if (!w || w->end != e) return std::nullopt;
  return w;
}

std::string fold_word(std::string_view s, const Word& w) { return fold_str(s.substr(w.begin, w.end - w.begin)); }

// Word boundary in the folded text (or in any text): no letter or digit on that side.
bool boundary_before(std::string_view s, std::size_t i) { return !is_alnum(before(s, i).cp); }
bool boundary_after(std::string_view s, std::size_t i) {
  const Cp c = at(s, i);
  return !c.len || !is_alnum(c.cp);
}

std::optional<Word> word_before(std::string_view s, std::size_t i) {
  std::size_t k = i;
  for (Cp c = before(s, k); c.len && (is_hspace(c.cp) || c.cp == ':' || c.cp == '#' || c.cp == '.'); c = before(s, k))
    k -= c.len;
  return word_ending_at(s, k);
}

std::size_t skip_after_cue(std::string_view s, std::size_t k, bool newline, std::u32string_view punct) {
  for (;;) {
    const std::size_t k0 = k;
    k = newline ? skip_space(s, k) : skip_hspace(s, k);
    const Cp c = at(s, k);
    if (c.len && punct.find(c.cp) != std::u32string_view::npos) k += c.len;
    if (k == k0) return k;
  }
}

bool all_capitals(std::string_view s, const Word& w) {
  if (w.initial || w.caseless) return false;
  std::size_t letters = 0;
  for (std::size_t i = w.begin; i < w.end; i += std::max<std::size_t>(at(s, i).len, 1)) {
    const char32_t c = at(s, i).cp;
    if (!is_letter(c)) continue;
    if (!is_upper(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

bool clause_break(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || is_line_break(c) || c == 0x61F || c == 0x60C ||
         c == 0x1362 || c == 0x1363;
}

bool sentence_break(char32_t c) {
  return c == '.' || c == '!' || c == '?' || is_line_break(c) || c == 0x61F || c == 0x6D4 || c == 0x1362 || c == 0x1367;
}

bool sentence_start(std::string_view s, std::size_t i) {
  std::size_t k = i;
  while (k > 0) {
    const Cp c = before(s, k);
    if (is_line_break(c.cp)) return true;
    if (!is_hspace(c.cp) && c.cp != '"' && c.cp != '(' && c.cp != '-') {
      return sentence_break(c.cp) || c.cp == ':';
    }
    k -= c.len;
  }
  return true;
}

}  // namespace kiosk::privacy
