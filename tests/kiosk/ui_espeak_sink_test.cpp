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

TEST(ui_espeak_sink_test, unknown_voice_is_an_error) {
  auto pcm = ui::espeak_synthesize("Selam", "ti");  // Tigrinya: no espeak-ng voice
  ASSERT_FALSE(pcm);
  EXPECT_EQ(pcm.error().code, Errc::invalid_value);
}

TEST(ui_espeak_sink_test, plays_to_the_default_sink_and_cancel_clears_the_queue) {
  TempDir dir;
  const auto out = dir / "audio.raw";
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", out.c_str(), 1);
  setenv("SDL_DISKAUDIODELAY", "1", 1);
  ASSERT_EQ(SDL_Init(0), 0);
  auto sink = ui::EspeakSink::open();
  ASSERT_TRUE(sink) << sink.error().message;
  (*sink)->speak("Verder, knop", "nl");
  ASSERT_TRUE(eventually([&] { return (*sink)->finished() == 1; })) << (*sink)->last_error();
  ASSERT_TRUE(eventually([&] { return std::filesystem::file_size(out) > 0; }));

  // A long utterance, cancelled while it plays: nothing of it is left queued.
  const auto cats = catalogs();
  std::string longer;
  for (int i = 0; i < 20; ++i) longer += cats.get("nl").get("speech.started") + " ";
  (*sink)->speak(longer, "nl");
  ASSERT_TRUE(eventually([&] { return (*sink)->queued_bytes() > 0; }));
  (*sink)->cancel();
  EXPECT_EQ((*sink)->queued_bytes(), 0u);
  EXPECT_TRUE(eventually([&] { return (*sink)->queued_bytes() == 0; }));
  EXPECT_EQ((*sink)->finished(), 1u) << "the cancelled utterance was synthesized to the end";
  EXPECT_EQ((*sink)->last_error(), "");
  sink->reset();
  SDL_Quit();
}

}  // namespace
}  // namespace kiosk::test
