// A speech sink for tests: records every speak and cancel in order (text and language), nothing is heard.
#pragma once

#include <string>
#include <vector>

#include "kiosk/core/speech_sink.hpp"

namespace kiosk::test {

class FakeSpeechSink final : public core::SpeechSink {
 public:
  struct Event {
    enum Kind { speak, cancel } kind;
    std::string text, lang;
  };
  void speak(std::string_view text, std::string_view lang) override {
    events.push_back({Event::speak, std::string(text), std::string(lang)});
  }
  void cancel() override { events.push_back({Event::cancel, {}, {}}); }
  void set_volume(int percent) override { m_volume = percent; }
  int volume() const override { return m_volume; }
  std::optional<bool> speaking() const override { return playing; }

  std::vector<Event> spoken() const {
    std::vector<Event> out;
    for (const auto& e : events)
      if (e.kind == Event::speak) out.push_back(e);
    return out;
  }
  const Event* last_spoken() const {
    for (auto it = events.rbegin(); it != events.rend(); ++it)
      if (it->kind == Event::speak) return &*it;
    return nullptr;
  }
  std::string all_text() const {
    std::string out;
    for (const auto& e : spoken()) out += e.text + "\n";
    return out;
  }

  std::vector<Event> events;
  std::optional<bool> playing;  // what speaking() answers (nullopt: a sink that cannot tell)

 private:
  int m_volume = 100;
};

}  // namespace kiosk::test
