// The kiosk's user interface: owns the Dear ImGui context, fonts, on-screen keyboard and touch input, and
// draws the screen the core Session is on. The app (and the headless tests) feed it SDL events and call
// frame() when wants_frame() says so (render on demand).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/speech_mode.hpp"
#include "kiosk/core/widget_registry.hpp"

union SDL_Event;
struct SDL_Renderer;
struct ImFontAtlas;
struct ImFont;

namespace kiosk::ui {

// An interactive item drawn in the last frame (for the accessibility checks and tests): an entry of the
// widget registry whose role takes a touch.
using Target = core::Widget;

// Text and colours measured for the checks.
struct ColorPair {
  std::string name;
  std::uint32_t fg = 0, bg = 0;  // 0xRRGGBB
  double min_ratio = 4.5;
};

struct UiOptions {
  int width = 1280;
  int height = 800;
};

class KioskUi {
 public:
  KioskUi(SDL_Renderer* renderer, core::Session& session, const core::Catalogs& catalogs, const Clock& clock,
          UiOptions options = {});
  ~KioskUi();
  KioskUi(const KioskUi&) = delete;
  KioskUi& operator=(const KioskUi&) = delete;

  // Builds fonts and the context. False with a message when a font file is missing or upload fails.
  bool init(std::string* error);

  // Queue an SDL event (finger, mouse, keyboard, text, window). Returns true when it needs frames.
  bool handle_event(const SDL_Event& e);
  // Touch injection without SDL (tests): a press and release at window pixel (x, y).
  void tap(float x, float y);
  // A finger moving while down (SDL_FINGERMOTION), and a whole drag from y0 to y1 in `steps` moves.
  void move(float x, float y);
  void drag(float x, float y0, float y1, int steps = 8);
  void press(float x, float y);
  void release(float x, float y);
  // Characters as a physical keyboard would send them (SDL_TEXTINPUT).
  void type_text(const std::string& utf8);

  // Draws one frame into the renderer (the caller presents). Consumes one queued input sample.
  void frame();
  // True while input is queued or the last changes still need frames to settle.
  bool wants_frame() const;
  // Milliseconds until a timed change must be drawn (countdown, clock); -1: none.
  std::int64_t ms_until_timed_frame() const;
  void request_frames(int n = 3);
  void set_size(int width, int height);

  // State for tests and checks.
  // The interactive items of the last frame that can be touched (not scrolled out of view).
  const std::vector<Target>& targets() const;
  // Everything drawn in the last frame, in reading order (text, headings, scroll regions too).
  const core::WidgetRegistry& registry() const;
  const Target* find_target(const std::string& id) const;
  bool keyboard_visible() const;
  std::uint64_t frames_drawn() const;
  std::uint64_t contexts_created() const;
  std::vector<ColorPair> color_pairs() const;
  // Code points of text that the loaded fonts lack (FindGlyphNoFallback), for the catalogs and category
  // tree of every enabled language plus the keyboard layouts.
  std::vector<std::string> missing_glyphs(const std::vector<std::string>& texts) const;
  std::vector<std::string> all_display_texts() const;
  float body_cap_height_px() const;  // measured height of 'H' in the body font
  float cap_height_px(bool heading) const;
  std::size_t font_atlas_bytes() const;         // RGBA32 texture of the atlas
  std::pair<int, int> font_atlas_size() const;  // its width and height, px
  float min_target_px() const;
  double panel_dpi() const;
  std::string ui_text_buffers_dump() const;  // what ImGui holds in its text-input state (privacy test)
  // Speech mode (kiosk/core/speech_mode.hpp): its words go to this sink (not owned; default: silent). While
  // it is on, a touch explores (speaks) and a second touch on the same element acts; a long press on the
  // idle screen or its speech switch starts it; a session wipe ends it.
  void set_speech_sink(core::SpeechSink* sink);
  const core::SpeechMode& speech() const;
  // Its controls without coordinates: next / previous element, silence, repeat, and confirm (the element
  // in focus acts, as a second tap on it would).
  void speech_next();
  void speech_previous();
  void speech_silence();
  void speech_repeat();
  void speech_confirm();
  // Callbacks the app wires to its loop (wake up from another thread) and to the technician actions.
  void set_wake(std::function<void()> wake);
  void set_kioskctl(std::vector<std::string> base_argv);  // e.g. {"/usr/bin/kioskctl", "--config", "/etc/…"}

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace kiosk::ui
