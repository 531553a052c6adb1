// The kiosk's voice for real: libespeak-ng synthesizes a sentence of each language's catalog in that
// language's voice, and the sink plays it through SDL audio (the "disk" driver writes what would be heard
// to a file, so the test needs no sound card).
#include "kiosk/ui/espeak_sink.hpp"

#include <SDL.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/speech_text.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

const std::vector<std::string> kLanguages = {"nl", "en", "tr", "pl", "uk", "ar"};

core::Catalogs catalogs() {
  auto c = core::Catalogs::load(core::catalog_dir(), kLanguages);
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(*c);
}

// Waits (bounded) for a condition of the worker thread; not a timing assertion.
template <class F>
bool eventually(F f) {
  for (int i = 0; i < 1000; ++i) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return f();
}

// The real sink playing into SDL's disk audio driver (a file), closed with SDL at the end of the test.
struct DiskAudio {
  TempDir dir;
  std::filesystem::path out = dir / "audio.raw";
  bool sdl = false;
  Result<std::unique_ptr<ui::EspeakSink>> sink = open();
  Result<std::unique_ptr<ui::EspeakSink>> open() {
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", out.c_str(), 1);
    setenv("SDL_DISKAUDIODELAY", "1", 1);
    sdl = SDL_Init(0) == 0;
    return ui::EspeakSink::open();
  }
  ~DiskAudio() {
    if (sink) sink->reset();
    if (sdl) SDL_Quit();
  }
};

// An utterance that plays for seconds: the catalog's "speech started" twenty times.
std::string long_dutch_text() {
  const auto cats = catalogs();
  std::string longer;
  for (int i = 0; i < 20; ++i) longer += cats.get("nl").get("speech.started") + " ";
  return longer;
}

TEST(ui_espeak_sink_test, a_sentence_in_each_of_the_six_voices) {
  auto cats = catalogs();
  for (const auto& lang : kLanguages) {
    const std::string& sentence = cats.get(lang).get("speech.started");
    auto pcm = ui::espeak_synthesize(sentence, lang);
    ASSERT_TRUE(pcm) << lang << ": " << pcm.error().message;
    EXPECT_GT(pcm->samples.size(), std::size_t(pcm->rate)) << lang << ": less than a second of speech";
    EXPECT_GT(pcm->rate, 0);
    // The voice of that language, not a fallback ("en" is espeak-ng's "en-gb").
    EXPECT_EQ(pcm->language.rfind(lang, 0), 0u) << lang << " spoken by " << pcm->voice << " (" << pcm->language << ")";
    std::int16_t peak = 0;
    for (auto s : pcm->samples) peak = std::max<std::int16_t>(peak, std::int16_t(std::abs(int(s))));
    EXPECT_GT(peak, 1000) << lang << ": silence";
  }
}

// Arabic is spoken from its speech forms (assets/speech/ar.json, kiosk/core/speech_text.hpp): with them
// espeak-ng says a vowel in every word of every string speech mode speaks (and of the category names). (Without them it says none in
// some, "زلت" [zlt]: the figures are printed by bench/ui/arabic_speech_bench, not asserted here.)
TEST(ui_espeak_sink_test, arabic_speech_forms_give_a_vowel_in_every_word) {
  auto speech = core::SpeechText::load(core::speech_text_dir() / "ar.json");
  ASSERT_TRUE(speech) << speech.error().message;
  int words = 0;
  std::vector<std::pair<std::string, std::string>> texts(speech->strings().begin(), speech->strings().end());
  for (const auto& name : speech->category_names()) texts.emplace_back("category name", name);
  for (const auto& [key, text] : texts) {
    for (const auto& w : core::arabic_words(text)) {
      auto ipa = ui::espeak_phonemes(w, "ar");
      ASSERT_TRUE(ipa) << ipa.error().message;
      ++words;
      EXPECT_FALSE(ui::ipa_vowels(*ipa).empty()) << key << ": \"" << w << "\" read [" << *ipa << "]";
    }
  }
  EXPECT_GT(words, 700);
}

// espeak-ng 1.51 drops a short vowel written before its shadda (Unicode's canonical order); the sink puts
// the shadda first, so both orders are read with the vowel. A doubled yeh is read as a consonant.
TEST(ui_espeak_sink_test, a_vowel_with_shadda_is_read_in_either_order) {
  const std::string nfc = "\u0627\u0644\u0634\u064e\u0651\u062e\u0652\u0635";           // sheen, fatha, shadda
  const std::string shadda_first = "\u0627\u0644\u0634\u0651\u064e\u062e\u0652\u0635";  // sheen, shadda, fatha
  ASSERT_NE(nfc, shadda_first);
  EXPECT_EQ(ui::espeak_spelling(nfc), shadda_first);
  auto a = ui::espeak_phonemes(nfc, "ar");
  auto b = ui::espeak_phonemes(shadda_first, "ar");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(ui::ipa_vowels(*a).size(), 2u) << *a;  // ʔa-ʃʃa-χs̪
  // "الْبَلَدِيَّة": al-ba-la-dij-ja, not al-ba-la-di-a.
  auto baladiyya =
      ui::espeak_phonemes("\u0627\u0644\u0652\u0628\u064e\u0644\u064e\u062f\u0650\u064a\u064e\u0651\u0629", "ar");
  ASSERT_TRUE(baladiyya);
  EXPECT_NE(baladiyya->find("j"), std::string::npos) << *baladiyya;
}

TEST(ui_espeak_sink_test, unknown_voice_is_an_error) {
  auto pcm = ui::espeak_synthesize("Selam", "ti");  // Tigrinya: no espeak-ng voice
  ASSERT_FALSE(pcm);
  EXPECT_EQ(pcm.error().code, Errc::invalid_value);
}

TEST(ui_espeak_sink_test, plays_to_the_default_sink_and_cancel_clears_the_queue) {
  DiskAudio audio;
  ASSERT_TRUE(audio.sdl) << SDL_GetError();
  ASSERT_TRUE(audio.sink) << audio.sink.error().message;
  auto& sink = audio.sink;
  const auto& out = audio.out;
  (*sink)->speak("Verder, knop", "nl");
  ASSERT_TRUE(eventually([&] { return (*sink)->finished() == 1; })) << (*sink)->last_error();
  ASSERT_TRUE(eventually([&] { return std::filesystem::file_size(out) > 0; }));

  // A long utterance, cancelled while it plays: nothing of it is left queued.
  const std::string longer = long_dutch_text();
  (*sink)->speak(longer, "nl");
  ASSERT_TRUE(eventually([&] { return (*sink)->queued_bytes() > 0; }));
  (*sink)->cancel();
  EXPECT_EQ((*sink)->queued_bytes(), 0u);
  EXPECT_TRUE(eventually([&] { return (*sink)->queued_bytes() == 0; }));
  EXPECT_EQ((*sink)->finished(), 1u) << "the cancelled utterance was synthesized to the end";
  EXPECT_EQ((*sink)->last_error(), "");
}

// Speech mode spaces an announcement's languages by this: speaking from speak() until the last sample has
// left SDL's queue, and not after cancel().
TEST(ui_espeak_sink_test, tells_when_it_has_finished_speaking) {
  DiskAudio audio;
  ASSERT_TRUE(audio.sdl) << SDL_GetError();
  ASSERT_TRUE(audio.sink) << audio.sink.error().message;
  auto& sink = audio.sink;
  const auto& out = audio.out;
  EXPECT_EQ((*sink)->speaking(), std::optional<bool>(false)) << "silent before anything is said";
  (*sink)->speak("Verder, knop", "nl");
  EXPECT_EQ((*sink)->speaking(), std::optional<bool>(true)) << "at once, before the worker has started";
  ASSERT_TRUE(eventually([&] { return (*sink)->finished() == 1; })) << (*sink)->last_error();
  ASSERT_TRUE(eventually([&] { return (*sink)->speaking() == std::optional<bool>(false); }));
  EXPECT_EQ((*sink)->queued_bytes(), 0u) << "finished: everything played";
  EXPECT_GT(std::filesystem::file_size(out), 0u);
  // Cancelled: done without playing to the end.
  const std::string longer = long_dutch_text();
  (*sink)->speak(longer, "nl");
  ASSERT_TRUE(eventually([&] { return (*sink)->queued_bytes() > 0; }));
  EXPECT_EQ((*sink)->speaking(), std::optional<bool>(true));
  (*sink)->cancel();
  EXPECT_TRUE(eventually([&] { return (*sink)->speaking() == std::optional<bool>(false); }));
  EXPECT_EQ((*sink)->finished(), 1u);
}

}  // namespace
}  // namespace kiosk::test
