// The kiosk's voice: espeak-ng (libespeak-ng, Debian) synthesizes on a worker thread, in the voice of the
// screen's language, straight into SDL audio on the default sink (a headset when one is plugged in, EN
// 301 549 §5.1.3.2). cancel() drops what is queued and aborts the synthesis under way (§5.1.3.5);
// speaking() tells when what was said has been played to the end.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/speech_sink.hpp"
#include "kiosk/sync/error.hpp"

namespace kiosk::ui {

// A synthesized utterance: 16-bit mono PCM at `rate`, and the voice espeak-ng chose.
struct SpeechPcm {
  std::vector<std::int16_t> samples;
  int rate = 0;
  std::string voice;     // espeak-ng's voice name ("Dutch")
  std::string language;  // the voice's language ("nl")
};

// Synthesizes text (UTF-8) in the voice of lang, on the calling thread (espeak-ng's synchronous mode).
// An unknown voice is an error (invalid_value), not another language's voice. volume: percent.
Result<SpeechPcm> espeak_synthesize(std::string_view text, std::string_view lang, int volume = 100);
// What espeak-ng would say for text in the voice of lang: its phonemes in IPA, clause by clause (spaces
// between words, stress marks). For measuring how a text is read (arabic_speech_bench), not for speaking.
Result<std::string> espeak_phonemes(std::string_view text, std::string_view lang);
// Arabic respelled for espeak-ng 1.51 (both calls above apply it; the text shown is not changed):
// - a shadda before the short vowel on the same letter. Unicode's canonical order (NFC) puts the vowel
//   first, and espeak-ng then drops the vowel ("الشَّخْص" read [ʔaʃʃχs̪]; shadda first: [ʔaʃʃˈaχs̪]);
// - a doubled yeh with a vowel written out, yeh sukun yeh vowel: espeak-ng reads "يَّ" as the vowels
//   [iːa] ("الْبَلَدِيَّة" [albaladiːat]; written out: [albaladiːjat]).
std::string espeak_spelling(std::string_view text);
// The vowels of an IPA phoneme string, in order (a long vowel as one, "aː"; stress marks left out).
std::vector<std::string> ipa_vowels(std::string_view ipa);

class EspeakSink final : public core::SpeechSink {
 public:
  // Opens the default audio output (SDL audio subsystem) and starts the synthesis thread.
  static Result<std::unique_ptr<EspeakSink>> open();
  ~EspeakSink() override;
  EspeakSink(const EspeakSink&) = delete;
  EspeakSink& operator=(const EspeakSink&) = delete;

  void speak(std::string_view text, std::string_view lang) override;
  void cancel() override;
  void set_volume(int percent) override;
  int volume() const override;
  // Cheap (a lock and SDL's queue size): polled by speech mode between the parts of an announcement.
  std::optional<bool> speaking() const override;

  // For tests: utterances synthesized to the end (not cancelled), and bytes SDL has queued to play.
  std::uint64_t finished() const;
  std::uint32_t queued_bytes() const;
  // The last error of the synthesis thread ("" none), e.g. a language without a voice.
  std::string last_error() const;

 private:
  struct Impl;
  explicit EspeakSink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m;
};

}  // namespace kiosk::ui
