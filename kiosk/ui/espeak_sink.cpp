// espeak-ng into SDL audio. See espeak_sink.hpp.
//
// espeak-ng keeps one global synthesizer per process, so every call goes through one mutex. Synthesis runs
// in AUDIO_OUTPUT_SYNCHRONOUS mode on the sink's worker thread; each chunk of samples the callback
// receives goes to SDL_QueueAudio at once (the first words play while the rest is synthesized). A
// generation counter makes cancel() cheap on the UI thread: it bumps the counter and clears SDL's queue;
// the callback sees the new generation and aborts, and no chunk of the old one is queued after the clear.
#include "kiosk/ui/espeak_sink.hpp"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

#include "kiosk/sync/utf8.hpp"

namespace kiosk::ui {

std::string espeak_spelling(std::string_view text) {
  constexpr char32_t kShadda = 0x0651, kSukun = 0x0652, kYeh = 0x064A;
  auto vowel = [](char32_t c) { return c >= 0x064B && c <= 0x0650; };  // tanween, fatha, damma, kasra
  std::u32string in;
  for (std::size_t i = 0; i < text.size();) {
    Utf8Char c = decode_utf8(text, i);
    in.push_back(c.cp);
    i += c.len ? c.len : 1;
  }
  for (std::size_t i = 0; i + 1 < in.size(); ++i)
    if (vowel(in[i]) && in[i + 1] == kShadda) std::swap(in[i], in[i + 1]);
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == kYeh && i + 2 < in.size() && in[i + 1] == kShadda && vowel(in[i + 2]) && in[i + 2] >= 0x064E) {
      append_utf8(out, kYeh);
      append_utf8(out, kSukun);
      append_utf8(out, kYeh);
      ++i;  // the shadda; the vowel follows on the second yeh
      continue;
    }
    append_utf8(out, in[i]);
  }
  return out;
}

std::vector<std::string> ipa_vowels(std::string_view ipa) {
  // The IPA vowel letters espeak-ng's voices use (its Arabic: a, i, u, and their long forms).
  static const std::u32string kVowels = U"aeiouyæɑɐɒɔəɛɜɪʊʌɨøœɯɤ";
  std::vector<std::string> out;
  bool after_vowel = false;
  for (std::size_t i = 0; i < ipa.size();) {
    Utf8Char c = decode_utf8(ipa, i);
    if (kVowels.find(c.cp) != std::u32string::npos) {
      out.emplace_back(ipa.substr(i, c.len));
      after_vowel = true;
    } else if (c.cp == U'ː' && after_vowel) {
      out.back() += "ː";
    } else {
      after_vowel = false;
    }
    i += c.len ? c.len : 1;
  }
  return out;
}

namespace {

std::mutex g_espeak;  // espeak-ng's global state
int g_rate = 0;       // sample rate of espeak_Initialize (0: not initialized)

using Chunk = std::function<bool(const short*, int)>;  // false: abort

int on_synth(short* wav, int n, espeak_EVENT* events) {
  auto* chunk = events ? static_cast<Chunk*>(events->user_data) : nullptr;
  if (!chunk || !wav || n <= 0) return 0;
  return (*chunk)(wav, n) ? 0 : 1;
}

// Synthesizes with g_espeak held; calls chunk for every block of samples.
Result<int> synthesize(std::string_view text, std::string_view lang, int volume, const Chunk& chunk, std::string* voice,
                       std::string* voice_lang) {
  std::lock_guard lock(g_espeak);
  if (g_rate <= 0) {
    // 100 ms blocks; DONT_EXIT: a missing data directory is our error to report, not an exit().
    g_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (g_rate <= 0) {
      g_rate = 0;
      return make_error(Errc::io, "espeak-ng: initialization failed (espeak-ng-data installed?)");
    }
    espeak_SetSynthCallback(on_synth);
  }
  const std::string name(lang);
  if (espeak_SetVoiceByName(name.c_str()) != EE_OK)
    return make_error(Errc::invalid_value, "espeak-ng: no voice for language '" + name + "'", "lang");
  if (const espeak_VOICE* v = espeak_GetCurrentVoice()) {
    if (voice) *voice = v->name ? v->name : "";
    // languages: a priority byte, then the language name (several, each NUL-terminated).
    if (voice_lang) *voice_lang = v->languages && v->languages[0] ? v->languages + 1 : "";
  }
  espeak_SetParameter(espeakVOLUME, std::clamp(volume, 0, 200), 0);
  const std::string utf8 = espeak_spelling(text);
  Chunk c = chunk;
  espeak_ERROR err = espeak_Synth(utf8.c_str(), utf8.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &c);
  if (err == EE_INTERNAL_ERROR) return make_error(Errc::io, "espeak-ng: synthesis failed");
  return g_rate;
}

}  // namespace

Result<std::string> espeak_phonemes(std::string_view text, std::string_view lang) {
  // Initializes espeak-ng (and checks the voice) as synthesis does, with nothing to say.
  auto probe = synthesize(
      "", lang, 100, [](const short*, int) { return true; }, nullptr, nullptr);
  if (!probe) return probe.error();
  std::lock_guard lock(g_espeak);
  const std::string name(lang);
  if (espeak_SetVoiceByName(name.c_str()) != EE_OK)
    return make_error(Errc::invalid_value, "espeak-ng: no voice for language '" + name + "'", "lang");
  const std::string utf8 = espeak_spelling(text);
  const void* p = utf8.c_str();
  std::string out;
  // Clause by clause, in IPA rather than espeak-ng's ASCII mnemonics.
  while (p) {
    const char* clause = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, espeakPHONEMES_IPA);
    if (clause && *clause) out += (out.empty() ? "" : " ") + std::string(clause);
  }
  return out;
}

Result<SpeechPcm> espeak_synthesize(std::string_view text, std::string_view lang, int volume) {
  SpeechPcm pcm;
  auto rate = synthesize(
      text, lang, volume,
      [&](const short* wav, int n) {
        pcm.samples.insert(pcm.samples.end(), wav, wav + n);
        return true;
      },
      &pcm.voice, &pcm.language);
  if (!rate) return rate.error();
  pcm.rate = *rate;
  return pcm;
}

struct EspeakSink::Impl {
  SDL_AudioDeviceID dev = 0;
  std::thread worker;
  std::mutex mu;  // the job, and SDL's queue against a clear
  std::condition_variable cv;
  bool quit = false;
  bool has_job = false;
  bool busy = false;  // the worker is synthesizing a job
  std::string text, lang;
  std::atomic<std::uint64_t> generation{0};
  std::atomic<std::uint64_t> finished{0};
  std::atomic<int> volume{100};
  std::string error;

  void run() {
    for (;;) {
      std::string t, l;
      std::uint64_t gen = 0;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return quit || has_job; });
        if (quit) return;
        has_job = false;
        busy = true;
        t = std::move(text);
        l = std::move(lang);
        gen = generation.load();
      }
      bool aborted = false;
      auto r = synthesize(
          t, l, volume.load(),
          [&](const short* wav, int n) {
            std::lock_guard lock(mu);
            if (generation.load() != gen || quit) {
              aborted = true;
              return false;
            }
            SDL_QueueAudio(dev, wav, Uint32(n) * sizeof(short));
            return true;
          },
          nullptr, nullptr);
      std::lock_guard lock(mu);
      busy = false;
      if (!r) error = r.error().message;
      else if (!aborted) ++finished;
    }
  }
};

EspeakSink::EspeakSink(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}

Result<std::unique_ptr<EspeakSink>> EspeakSink::open() {
  // The synthesizer first: its sample rate is the device's.
  auto probe = espeak_synthesize("", "nl");
  if (!probe) return probe.error();
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return make_error(Errc::io, std::string("SDL audio: ") + SDL_GetError());
  auto impl = std::make_unique<Impl>();
  SDL_AudioSpec want{}, have{};
  want.freq = probe->rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;  // ~46 ms at 22050 Hz: short enough for the first word to start at once
  impl->dev = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // the default sink; SDL converts
  if (impl->dev == 0) {
    std::string e = std::string("SDL audio: no output device: ") + SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return make_error(Errc::io, e);
  }
  SDL_PauseAudioDevice(impl->dev, 0);
  Impl* raw = impl.get();
  impl->worker = std::thread([raw] { raw->run(); });
  return std::unique_ptr<EspeakSink>(new EspeakSink(std::move(impl)));
}

EspeakSink::~EspeakSink() {
  {
    std::lock_guard lock(m->mu);
    m->quit = true;
    ++m->generation;
  }
  m->cv.notify_all();
  if (m->worker.joinable()) m->worker.join();
  SDL_CloseAudioDevice(m->dev);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void EspeakSink::speak(std::string_view text, std::string_view lang) {
  std::lock_guard lock(m->mu);
  ++m->generation;  // aborts the synthesis under way
  SDL_ClearQueuedAudio(m->dev);
  m->text = std::string(text);
  m->lang = std::string(lang);
  m->has_job = true;
  m->cv.notify_one();
}

void EspeakSink::cancel() {
  std::lock_guard lock(m->mu);
  ++m->generation;
  m->has_job = false;
  SDL_ClearQueuedAudio(m->dev);
}

void EspeakSink::set_volume(int percent) { m->volume = std::clamp(percent, 0, 200); }
int EspeakSink::volume() const { return m->volume; }
std::optional<bool> EspeakSink::speaking() const {
  // Waiting for the worker, being synthesized, or samples SDL has still to play (the device's own buffer,
  // ~46 ms, is not counted).
  std::lock_guard lock(m->mu);
  return m->has_job || m->busy || SDL_GetQueuedAudioSize(m->dev) > 0;
}
std::uint64_t EspeakSink::finished() const { return m->finished; }
std::uint32_t EspeakSink::queued_bytes() const { return SDL_GetQueuedAudioSize(m->dev); }
std::string EspeakSink::last_error() const {
  std::lock_guard lock(m->mu);
  return m->error;
}

}  // namespace kiosk::ui
