// The scrubber's shared text unit (internal to sync/privacy/): words, cue search in a
// folded copy that maps back to the original offsets, and a "digit view" of the text in which
// Arabic-Indic digits read as ASCII digits. UTF-8 decoding is kiosk/sync/utf8.hpp's (the one decoder).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kiosk/sync/fold.hpp"  // letter classes, fold_cp, fold_str, arabic_indic_digit
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/utf8.hpp"

namespace kiosk::privacy {

inline constexpr std::size_t npos = std::string_view::npos;

using Cp = Utf8Char;
inline Cp at(std::string_view s, std::size_t i) noexcept { return decode_utf8(s, i); }
// The code point that ends at i; len 0 at the start of the text.
Cp before(std::string_view s, std::size_t i) noexcept;
// Copies s[b, e) and replaces invalid bytes by U+FFFD.
void append_valid(std::string& out, std::string_view s, std::size_t b, std::size_t e);

// Character classes; the letter classes and folding are kiosk/sync/fold.hpp's (shared with the address list).
constexpr bool is_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(char32_t c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(char32_t c) noexcept { return is_ascii_alpha(c) || is_digit(c); }
inline bool is_digit_at(std::string_view s, std::size_t i) {
  return i < s.size() && is_digit(static_cast<unsigned char>(s[i]));
}
// Whether most letters of the text are of another script than Latin (Arabic, Cyrillic, Ge'ez): a Latin word in it
// is a Dutch street, a town or a name.
bool mostly_other_script(std::string_view s) noexcept;
bool is_alnum(char32_t c) noexcept;

// A set of folded words or phrases. Looked up without a copy of the key; the phrases are also indexed by their first
// run of letters and digits, so that the cue search (for_each_cue) looks only at the phrases that can start at a word.
class WordSet {
 public:
  WordSet() = default;
  void add(std::string_view word);  // folds it
  bool contains(std::string_view folded) const { return set_.find(folded) != set_.end(); }
  bool any_suffix_of(std::string_view folded) const;
  bool any_inside(std::string_view folded) const;
  const std::vector<std::string>& items() const { return words_; }
  bool empty() const { return words_.empty(); }
  // The phrases whose first run of letters and digits is `run` (in the list's order), or nullptr.
  const std::vector<std::size_t>* starting_with(std::string_view run) const {
    const auto it = by_first_.find(run);
    return it == by_first_.end() ? nullptr : &it->second;
  }
  // The phrases that start with another character (searched for one by one).
  const std::vector<std::size_t>& other_start() const { return other_start_; }
  static std::string_view first_run(std::string_view s, std::size_t i);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const noexcept { return std::hash<std::string_view>{}(v); }
  };
  std::vector<std::string> words_;
  std::unordered_set<std::string, Hash, std::equal_to<>> set_;
  std::unordered_map<std::string, std::vector<std::size_t>, Hash, std::equal_to<>> by_first_;
  std::vector<std::size_t> other_start_;
};
using CueList = WordSet;

// Folded text with a map back to the original offsets (for the cue search).
struct Folded {
  std::string text;
  std::vector<std::size_t> src;  // src[k]: original offset of the code point behind folded byte k
};
Folded fold_text(std::string_view s);

// The text with Arabic-Indic digits as ASCII digits (same map back): the digit scanners run on it.
struct DigitView {
  std::string text;
  std::vector<std::size_t> src;  // src[k]: original offset of view byte k; src[size] = original size
  bool identity = true;          // no digit was replaced: text == original
};
DigitView digit_view(std::string_view s);

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool upper = false;     // starts with a capital (Latin, Cyrillic)
  bool caseless = false;  // Arabic or Ethiopic script (no case)
  bool arabic = false;
  bool cyrillic = false;
  bool initial = false;  // "J." or "J.P."
};

std::size_t skip_hspace(std::string_view s, std::size_t i);
std::size_t skip_space(std::string_view s, std::size_t i);
// Back over horizontal space before i: the position after the previous non-space character.
std::size_t skip_hspace_back(std::string_view s, std::size_t i);
// A word: letters, with single hyphens or apostrophes between letters ("Jan-Willem", "O'Brien").
std::optional<Word> read_word(std::string_view s, std::size_t i);
// The word that ends right at e (letters only), if any.
std::optional<Word> word_ending_at(std::string_view s, std::size_t e);
// The word before i, skipping spaces and ":#.".
std::optional<Word> word_before(std::string_view s, std::size_t i);
std::string fold_word(std::string_view s, const Word& w);
// Word boundary: no letter or digit on that side.
bool boundary_before(std::string_view s, std::size_t i);
bool boundary_after(std::string_view s, std::size_t i);
// Skips spaces (and line breaks when newline) and the given punctuation after a cue.
std::size_t skip_after_cue(std::string_view s, std::size_t k, bool newline, std::u32string_view punct);
// A word of two or more letters, all capitals, not an initial ("ABNA", "BRP", "MAASSTRAAT"; the name tagger's feature
// and the address connectors of a shouted text).
bool all_capitals(std::string_view s, const Word& w);
bool clause_break(char32_t c);
// A character that ends a sentence: . ! ? and the Arabic question mark and full stop (؟ ۔), the Ethiopic full stop
// and question mark (። ፧), a line break.
bool sentence_break(char32_t c);
// Whether i starts a sentence (start of text, or after . ! ? or a line break, skipping spaces).
bool sentence_start(std::string_view s, std::size_t i);

using Spans = std::vector<PiiSpan>;
inline void add(Spans& out, std::size_t b, std::size_t e, PiiKind k) {
  if (e > b) out.push_back(PiiSpan{b, e, k});
}

// Calls fn(word) for every word of s that starts on a word boundary, left to right; fn returns where the
// walk goes on (the word's end, or the end of what it took: never before the word's end).
template <class Fn>
void for_each_word(std::string_view s, Fn&& fn) {
  for (std::size_t i = 0; i < s.size();) {
    const auto w = boundary_before(s, i) ? read_word(s, i) : std::nullopt;
    if (!w) {
      i += std::max<std::size_t>(at(s, i).len, 1);
      continue;
    }
    i = std::max<std::size_t>(fn(*w), w->end);
  }
}

// Calls fn(original_begin, original_end) for every occurrence of a cue on word boundaries. An
// Arabic cue may carry the attached conjunction و ("واسمي"); with glued_ne a cue of Ge'ez letters (two or more) the
// attached Tigrinya "ን" (to, for: "ንጓለይ"; added after the fourteenth part was measured, for the relatives).
template <class Fn>
void for_each_cue(const Folded& f, const CueList& cues, Fn&& fn, bool glued_ne = false) {
  const std::string_view ft = f.text;
  const auto emit = [&](const std::string& p, std::size_t pos) {
    const std::size_t e = pos + p.size();
    bool ok_before = boundary_before(ft, pos);
    if (!ok_before && before(ft, pos).cp == 0x648) {
      const std::size_t w = pos - before(ft, pos).len;
      ok_before = is_arabic_letter(at(p, 0).cp) && boundary_before(ft, w);
    }
    if (!ok_before && glued_ne && before(ft, pos).cp == 0x1295) {
      const std::size_t w = pos - before(ft, pos).len;
      ok_before = is_ethiopic(at(p, 0).cp) && p.size() >= 6 && boundary_before(ft, w);  // two letters or more
    }
    if (!ok_before || (is_alnum(before(p, p.size()).cp) && !boundary_after(ft, e))) return;
    fn(f.src[pos], f.src[e]);
  };
  // Phrases that start with a letter or digit: only where a word starts (or after an attached "و"), only the phrases
  // with that word's first run.
  constexpr std::string_view kWaw = "\u0648";
  constexpr std::string_view kNe = "\u1295";
  const auto try_at = [&](std::size_t pos) {
    if (const auto* idx = cues.starting_with(WordSet::first_run(ft, pos)))
      for (std::size_t k : *idx)
        if (ft.compare(pos, cues.items()[k].size(), cues.items()[k]) == 0) emit(cues.items()[k], pos);
  };
  for (std::size_t i = 0; i < ft.size(); i += std::max<std::size_t>(at(ft, i).len, 1)) {
    if (!is_alnum(at(ft, i).cp) || !boundary_before(ft, i)) continue;
    try_at(i);
    if (ft.compare(i, kWaw.size(), kWaw) == 0 && i + kWaw.size() < ft.size()) try_at(i + kWaw.size());
    if (glued_ne && ft.compare(i, kNe.size(), kNe) == 0 && is_ethiopic(at(ft, i + kNe.size()).cp))
      try_at(i + kNe.size());
  }
  for (std::size_t k : cues.other_start()) {
    const std::string& p = cues.items()[k];
    for (std::size_t pos = ft.find(p); pos != npos; pos = ft.find(p, pos + 1)) emit(p, pos);
  }
}

}  // namespace kiosk::privacy
