// What speech mode's words sound like, where a language's display text is not enough for the voice.
// espeak-ng reads Arabic from its letters: without the short vowels (tashkeel), which Arabic display text
// leaves out, it guesses, and for one word in fifteen of the catalog it guesses no vowel at all ("زلت" is
// read [zlt]; figures: bench/ui/README.md, arabic_speech_bench). So the strings speech mode speaks have a
// fully vowelled twin in assets/speech/<lang>.json, used in place of the display text when speaking.
//
// File format (versioned, keys of assets/i18n/<lang>.json):
//   { "format": 1, "language": "ar", "strings": { "app.back": "رُجُوع", … },
//     "category_names": [ "النُّفَايَات", … ] }
// Each value is its catalog text with diacritics added and nothing else changed: stripped of them it is
// the catalog's text (speech_text_test checks that, and that every spoken key has one). category_names
// (optional): the same for the names of the category tree (assets/categories), read on the report's tiles.
//
// Speech mode composes its words ("label, role, state", "field: message"), so the lookup works on any
// utterance: the longest run of words that is a catalog string is replaced by its vowelled form; a word
// outside every run takes its most frequent vowelled form in the file, without a case ending (the pausal
// form, as a word is read alone). Everything else (digits, Latin text, the citizen's words) stays.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/speech_sink.hpp"
#include "kiosk/sync/error.hpp"

namespace kiosk::core {

inline constexpr int kSpeechTextFormatVersion = 1;

// The Arabic short vowels, tanween, shadda, sukun and the dagger alif (U+064B-U+0652, U+0670) removed.
std::string strip_tashkeel(std::string_view text);
// The Arabic words of text (runs of Arabic letters and their marks), in order.
std::vector<std::string> arabic_words(std::string_view text);
// Catalog strings speech mode speaks: text with letters of a script that needs a speech form (Arabic),
// except the technician's screen (tech.*: a sighted technician), the printed slip (slip.*), and symbols
// or visual-order forms drawn in place of a label (*_short, *_symbol, *_visual).
bool spoken_key(std::string_view key, std::string_view value);

class SpeechText {
 public:
  static Result<SpeechText> parse(std::string_view json_text, std::string_view source_name);
  static Result<SpeechText> load(const std::filesystem::path& file);

  const std::string& language() const { return m_language; }
  const std::map<std::string, std::string>& strings() const { return m_strings; }
  const std::vector<std::string>& category_names() const { return m_category_names; }
  // The utterance with the catalog's words in their speech form (see above).
  std::string apply(std::string_view utterance) const;

 private:
  struct Phrase {
    std::vector<std::string> plain, spoken;  // words, the same number
  };
  std::string m_language;
  std::map<std::string, std::string> m_strings;
  std::vector<std::string> m_category_names;
  std::map<std::string, std::vector<Phrase>> m_phrases;  // by first plain word, longest first
  std::map<std::string, std::string> m_words;            // plain word -> pausal vowelled form
};

// The directory of the speech forms: <assets_dir>/speech.
std::filesystem::path speech_text_dir();
// The speech forms of those languages that have a file in dir (a language without one is spoken as shown);
// a file in a bad format is an error.
Result<std::vector<SpeechText>> load_speech_texts(const std::filesystem::path& dir,
                                                  const std::vector<std::string>& languages);

// A sink that speaks through another with the speech forms applied to the languages that have them.
class SpeechTextSink final : public SpeechSink {
 public:
  SpeechTextSink(SpeechSink& inner, std::vector<SpeechText> texts) : m_inner(&inner), m_texts(std::move(texts)) {}
  void speak(std::string_view text, std::string_view lang) override;
  void cancel() override { m_inner->cancel(); }
  void set_volume(int percent) override { m_inner->set_volume(percent); }
  int volume() const override { return m_inner->volume(); }
  std::optional<bool> speaking() const override { return m_inner->speaking(); }

 private:
  SpeechSink* m_inner;
  std::vector<SpeechText> m_texts;
};

}  // namespace kiosk::core
