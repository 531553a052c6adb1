// The speech forms of the Arabic catalog (assets/speech/ar.json): every string speech mode speaks has one,
// each is its catalog text with vowel marks added and nothing else, and speech mode's composed words
// ("label, role", "field: message", a spelled code) reach the voice vowelled, through SpeechTextSink.
// How much espeak-ng gains from them: ui_espeak_sink_test and bench/ui/arabic_speech_bench.
#include "kiosk/core/speech_text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "fake_speech_sink.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/speech_mode.hpp"
#include "kiosk/sync/categories.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

const std::vector<std::string> kLanguages = {"nl", "en", "tr", "pl", "uk", "ar"};

core::Catalog ar_catalog() {
  auto c = core::Catalog::load(core::catalog_dir() / "ar.json");
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(*c);
}

core::SpeechText ar_speech() {
  auto t = core::SpeechText::load(core::speech_text_dir() / "ar.json");
  if (!t) throw std::runtime_error(t.error().message);
  return std::move(*t);
}

// The word carries vowel marks (whether they make espeak-ng say vowels: ui_espeak_sink_test).
bool vowelled(const std::string& word) { return word != core::strip_tashkeel(word); }

TEST(speech_text_test, every_spoken_arabic_string_has_a_speech_form) {
  const auto cat = ar_catalog();
  const auto speech = ar_speech();
  int spoken = 0;
  for (const auto& [key, value] : cat.strings()) {
    if (!core::spoken_key(key, value)) continue;
    ++spoken;
    EXPECT_TRUE(speech.strings().count(key)) << key << " (\"" << value << "\") has no speech form";
  }
  // Speech mode speaks the citizen's screens: titles, instructions, buttons, errors, its own words.
  EXPECT_GT(spoken, 150);
  for (const char* key : {"choose.title", "app.next", "speech.started", "speech.role.button", "speech.spell.D",
                          "error.missing.text", "timeout.body"})
    EXPECT_TRUE(core::spoken_key(key, cat.get(key))) << key;
  for (const char* key :
       {"tech.title", "slip.title.report", "speech.bar.next_short", "language.name_visual", "keyboard.numbers"})
    EXPECT_FALSE(core::spoken_key(key, cat.get(key))) << key;
}

TEST(speech_text_test, each_speech_form_is_its_catalog_text_with_vowels_added) {
  const auto cat = ar_catalog();
  const auto speech = ar_speech();
  EXPECT_EQ(speech.language(), "ar");
  for (const auto& [key, text] : speech.strings()) {
    ASSERT_TRUE(cat.has(key)) << key << " is not in the ar catalog";
    EXPECT_EQ(core::strip_tashkeel(text), core::strip_tashkeel(cat.get(key))) << key;
    // Fully vowelled: every word carries marks (a word of one letter, "و", may not need them).
    for (const auto& w : core::arabic_words(text))
      EXPECT_TRUE(vowelled(w) || w.size() <= 2) << key << ": \"" << w << "\" has no vowel marks";
  }
}

// The report's tiles speak the category tree's names: each Arabic name has its vowelled form, and each
// form is a name of the tree with vowel marks added.
TEST(speech_text_test, every_arabic_category_name_has_a_speech_form) {
  auto tree = CategoryTree::load_default();
  ASSERT_TRUE(tree) << tree.error().message;
  std::set<std::string> names;
  std::function<void(const std::vector<CategoryNode>&)> walk = [&](const std::vector<CategoryNode>& nodes) {
    for (const auto& n : nodes) {
      if (auto it = n.name.find("ar"); it != n.name.end()) names.insert(it->second);
      walk(n.children);
    }
  };
  walk(tree->categories);
  walk(tree->question_topics);
  ASSERT_GT(names.size(), 40u);
  const auto speech = ar_speech();
  std::map<std::string, std::string> forms;  // name -> its speech form
  for (const auto& f : speech.category_names()) {
    forms.emplace(core::strip_tashkeel(f), f);
    EXPECT_TRUE(names.count(core::strip_tashkeel(f))) << "\"" << f << "\" is not a category name";
    for (const auto& w : core::arabic_words(f)) EXPECT_TRUE(vowelled(w)) << f << ": \"" << w << "\"";
  }
  for (const auto& n : names) {
    ASSERT_TRUE(forms.count(n)) << "\"" << n << "\" has no speech form";
    // A tile's words as speech mode says them ("name, button").
    EXPECT_EQ(speech.apply(n + ", زر"), forms.at(n) + ", زِرّ") << n;
  }
}

TEST(speech_text_test, strip_and_words) {
  EXPECT_EQ(core::strip_tashkeel("مُفَعَّلَة"), "مفعلة");
  EXPECT_EQ(core::strip_tashkeel("Verder, knop"), "Verder, knop");
  EXPECT_EQ(core::arabic_words("زِرّ، التالي: 5 ABC"), (std::vector<std::string>{"زِرّ", "التالي"}));
  EXPECT_TRUE(core::arabic_words("Verder, knop").empty());
}

TEST(speech_text_test, composed_utterances_are_vowelled_phrase_by_phrase) {
  const auto cat = ar_catalog();
  const auto speech = ar_speech();
  const auto& s = speech.strings();
  // "label, role" as speech mode describes a button.
  EXPECT_EQ(speech.apply(cat.get("app.next") + ", " + cat.get("speech.role.button")),
            s.at("app.next") + ", " + s.at("speech.role.button"));
  // A title after the intro, as said when speech mode starts.
  EXPECT_EQ(speech.apply(cat.get("speech.started") + " " + cat.get("choose.title")),
            s.at("speech.started") + " " + s.at("choose.title"));
  // A validation error with its field.
  EXPECT_EQ(speech.apply(core::SpeechMode::error_words("text", cat.get("error.missing.text"), cat)),
            s.at("speech.field.text") + ": " + s.at("error.missing.text"));
  // A spelled reference code: Latin letters and digits stay, the spelling words are vowelled.
  const std::string spelled = speech.apply(core::SpeechMode::spell("D7-X", cat));
  EXPECT_NE(spelled.find(s.at("speech.spell.D")), std::string::npos) << spelled;
  EXPECT_NE(spelled.find("7"), std::string::npos) << spelled;
  EXPECT_EQ(core::strip_tashkeel(spelled), core::SpeechMode::spell("D7-X", cat));
  // A placeholder filled: the words around the number are still vowelled (word by word).
  const std::string body = speech.apply(core::fill(cat.get("timeout.body"), {{"n", "20"}}));
  EXPECT_EQ(core::strip_tashkeel(body), core::fill(cat.get("timeout.body"), {{"n", "20"}}));
  for (const auto& w : core::arabic_words(body)) EXPECT_TRUE(vowelled(w)) << w << " in " << body;
}

TEST(speech_text_test, text_outside_the_catalog_is_left_as_it_is) {
  const auto speech = ar_speech();
  // The citizen's own words (read back after opting in), Latin text and unknown Arabic words.
  for (std::string t : {"Lindelaan 4, 1234 AB", "name@example.nl", "قطة سوداء", ""}) EXPECT_EQ(speech.apply(t), t);
  // A known word alone takes its pausal form (no case ending).
  const std::string alone = speech.apply("البلدية");
  EXPECT_EQ(core::strip_tashkeel(alone), "البلدية");
  EXPECT_NE(alone, "البلدية");
}

TEST(speech_text_test, the_sink_vowels_only_the_languages_that_have_speech_forms) {
  auto texts = core::load_speech_texts(core::speech_text_dir(), kLanguages);
  ASSERT_TRUE(texts) << texts.error().message;
  ASSERT_EQ(texts->size(), 1u);  // Arabic; the other five voices read their display text well
  const auto cat = ar_catalog();
  FakeSpeechSink fake;
  core::SpeechTextSink sink(fake, std::move(*texts));
  sink.speak(cat.get("app.back"), "ar");
  sink.speak("Terug, knop", "nl");
  sink.cancel();
  sink.set_volume(120);
  ASSERT_EQ(fake.spoken().size(), 2u);
  EXPECT_EQ(fake.spoken()[0].text, ar_speech().strings().at("app.back"));
  EXPECT_EQ(fake.spoken()[0].lang, "ar");
  EXPECT_EQ(fake.spoken()[1].text, "Terug, knop");
  EXPECT_EQ(fake.events.back().kind, FakeSpeechSink::Event::cancel);
  EXPECT_EQ(fake.volume(), 120);
}

TEST(speech_text_test, a_file_in_another_format_or_language_is_an_error) {
  EXPECT_FALSE(core::SpeechText::parse(R"({"format": 2, "language": "ar", "strings": {}})", "x"));
  EXPECT_FALSE(core::SpeechText::parse(R"({"format": 1, "strings": {}})", "x"));
  EXPECT_FALSE(core::SpeechText::parse(R"({"format": 1, "language": "ar", "strings": {"a": 1}})", "x"));
  TempDir dir;
  std::ofstream(dir.path() / "ar.json") << R"({"format": 1, "language": "tr", "strings": {}})";
  EXPECT_FALSE(core::load_speech_texts(dir.path(), {"ar"}));
}

}  // namespace
}  // namespace kiosk::test
