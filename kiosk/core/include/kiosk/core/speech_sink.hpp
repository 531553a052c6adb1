// The speech seam: where speech mode's words go. The kiosk's sink synthesizes with espeak-ng into SDL
// audio (kiosk/ui/espeak_sink.hpp); tests record the calls (tests/support/fake_speech_sink.hpp).
// Display-free: speech mode (kiosk/core/speech_mode.hpp) talks only to this.
#pragma once

#include <optional>
#include <string_view>

namespace kiosk::core {

class SpeechSink {
 public:
  virtual ~SpeechSink() = default;
  // Speaks text in a language ("nl", "ar", …: the screen's); what was still playing is cut off first.
  virtual void speak(std::string_view text, std::string_view lang) = 0;
  // Silences at once: drops what is playing and what is still being synthesized (EN 301 549 §5.1.3.5).
  virtual void cancel() = 0;
  // Loudness in percent of the calibrated default (100).
  virtual void set_volume(int percent) = 0;
  virtual int volume() const = 0;
  // Whether what speak() was last given is still being said (synthesized or queued to play): false once it
  // has been heard to the end or cancelled. nullopt: this sink cannot tell (speech mode then estimates
  // how long an utterance takes).
  virtual std::optional<bool> speaking() const { return std::nullopt; }
};

// Says nothing: the kiosk without a sound device (speech mode still works on screen).
class SilentSpeechSink final : public SpeechSink {
 public:
  void speak(std::string_view, std::string_view) override {}
  void cancel() override {}
  void set_volume(int percent) override { m_volume = percent; }
  int volume() const override { return m_volume; }

 private:
  int m_volume = 100;
};

}  // namespace kiosk::core
