// arabic_speech_bench: how espeak-ng reads the Arabic strings speech mode speaks, from the display text
// (assets/i18n/ar.json) and from their speech forms (assets/speech/ar.json, fully vowelled). Each word is
// read alone (espeak_TextToPhonemes, IPA) and its vowels counted:
//   no vowel     the word is read as consonants only ("زلت" [zlt]);
//   vowels lost  fewer vowels than the speech form read without its case ending (pausal);
//   vowels differ the vowels are not the pausal speech form's (a different word is heard).
// Run: build/<preset>/bench/ui/arabic_speech_bench [-v]   (-v: every word that differs)
#include <cstdio>
#include <cstring>
#include <string>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/speech_text.hpp"
#include "kiosk/sync/utf8.hpp"
#include "kiosk/ui/espeak_sink.hpp"

namespace {

std::string ipa(const std::string& text) {
  auto r = kiosk::ui::espeak_phonemes(text, "ar");
  if (!r) {
    std::fprintf(stderr, "arabic_speech_bench: %s\n", r.error().message.c_str());
    std::exit(1);
  }
  return *r;
}

// Without a final short vowel or tanween: the word as read at a pause.
std::string pausal(std::string w) {
  while (!w.empty()) {
    std::size_t at = kiosk::utf8_prev(w, w.size());
    char32_t c = kiosk::decode_utf8(w, at).cp;
    if (c < 0x064B || c > 0x0650) break;
    w.resize(at);
  }
  return w;
}

struct Count {
  int words = 0, no_vowel = 0, lost = 0, differ = 0, strings_with_no_vowel = 0;
};

void row(const char* name, const Count& c, int strings) {
  auto pct = [&](int n) { return c.words ? 100.0 * n / c.words : 0.0; };
  std::printf("%-22s %6d %9d (%4.1f %%) %9d (%4.1f %%) %9d (%4.1f %%) %8d of %d\n", name, c.words, c.no_vowel,
              pct(c.no_vowel), c.lost, pct(c.lost), c.differ, pct(c.differ), c.strings_with_no_vowel, strings);
}

}  // namespace

int main(int argc, char** argv) {
  const bool verbose = argc > 1 && std::strcmp(argv[1], "-v") == 0;
  auto cat = kiosk::core::Catalog::load(kiosk::core::catalog_dir() / "ar.json");
  auto speech = kiosk::core::SpeechText::load(kiosk::core::speech_text_dir() / "ar.json");
  if (!cat || !speech) {
    std::fprintf(stderr, "arabic_speech_bench: %s\n", (cat ? speech.error() : cat.error()).message.c_str());
    return 1;
  }
  Count shown, spoken, shown_names, spoken_names;
  int strings = 0, missing = 0;
  auto measure = [&](const std::string& key, const std::string& value, const std::string& form, Count& a, Count& b) {
    const auto plain = kiosk::core::arabic_words(value);
    const auto vowelled = kiosk::core::arabic_words(form);
    if (plain.size() != vowelled.size()) {
      std::fprintf(stderr, "arabic_speech_bench: %s: the speech form has other words\n", key.c_str());
      std::exit(1);
    }
    bool shown_none = false, spoken_none = false;
    for (std::size_t i = 0; i < plain.size(); ++i) {
      const std::string ta = ipa(plain[i]), tb = ipa(vowelled[i]), tp = ipa(pausal(vowelled[i]));
      const auto va = kiosk::ui::ipa_vowels(ta), vb = kiosk::ui::ipa_vowels(tb), vp = kiosk::ui::ipa_vowels(tp);
      ++a.words;
      ++b.words;
      if (va.empty()) ++a.no_vowel, shown_none = true;
      if (vb.empty()) ++b.no_vowel, spoken_none = true;
      if (va.size() < vp.size()) ++a.lost;
      if (vb.size() < vp.size()) ++b.lost;
      if (va != vp) ++a.differ;
      if (vb != vp && vb.size() != vp.size() + 1) ++b.differ;  // + its case ending: the same word
      if (verbose && va != vp)
        std::printf("  %-24s %-20s [%s]  ->  %s [%s]\n", key.c_str(), plain[i].c_str(), ta.c_str(), vowelled[i].c_str(),
                    tb.c_str());
    }
    a.strings_with_no_vowel += shown_none;
    b.strings_with_no_vowel += spoken_none;
  };
  for (const auto& [key, value] : cat->strings()) {
    if (!kiosk::core::spoken_key(key, value)) continue;
    ++strings;
    auto it = speech->strings().find(key);
    if (it == speech->strings().end()) {
      ++missing;
      continue;
    }
    measure(key, value, it->second, shown, spoken);
  }
  const int names = int(speech->category_names().size());
  for (const auto& form : speech->category_names())
    measure("category name", kiosk::core::strip_tashkeel(form), form, shown_names, spoken_names);
  std::printf("Arabic strings speech mode speaks: %d (%d without a speech form)\n", strings, missing);
  std::printf("%-22s %6s %20s %20s %20s %14s\n", "read from", "words", "no vowel", "vowels lost", "vowels differ",
              "strings with a vowelless word");
  row("display text", shown, strings);
  row("speech form", spoken, strings);
  std::printf("Arabic category names (assets/categories, the report's tiles): %d\n", names);
  row("display text", shown_names, names);
  row("speech form", spoken_names, names);
  return missing == 0 ? 0 : 1;
}
