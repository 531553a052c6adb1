// KioskUi: the ImGui context, fonts, touch input and the frame. See kiosk_ui.hpp.
//
// Input: ImGui 1.86 has no input queue, so finger and mouse events become samples in our own queue and
// each frame applies exactly one (press -> release -> pointer off-screen), so a tap shorter than a frame
// is never lost and no widget stays hovered after the finger lifts. The SDL platform backend of
// libimgui-dev is not used: it re-reads SDL_GetMouseState every frame, which sees no touches on KMSDRM.
#include "kiosk/ui/kiosk_ui.hpp"

#include <SDL.h>
#include <imgui_internal.h>

#include <cmath>
#include <deque>
#include <filesystem>
#include <optional>
#include <set>

#include "kiosk/core/a11y.hpp"
#include "kiosk/sync/secure_memory.hpp"
#include "kiosk/sync/utf8.hpp"
#include "kiosk/ui/bidi.hpp"
#include "kiosk/ui/renderer.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

namespace {

const char* font_dir() {
  const char* env = std::getenv("KIOSK_FONT_DIR");
  return env && *env ? env : "/usr/share/fonts/truetype/dejavu";
}

std::filesystem::path arabic_font(bool bold) {
  return bold ? "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf"
              : "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
}
// Noto Sans Arabic's ascent - descent is 2.112 em, DejaVu Sans' 1.164 em: ImGui sizes a font by that
// span, so this factor gives Arabic letters the em of the Latin ones. Merged glyphs sit on the Latin
// font's baseline.
constexpr float kArabicScale = 2.112f / 1.164f;

std::vector<std::uint32_t> code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    out.push_back(c.cp);
    i += c.len;
  }
  return out;
}

// Clipboard: none. A citizen's text must not outlive the session, so copy does nothing and paste is empty.
const char* no_clipboard_get(void*) { return ""; }
void no_clipboard_set(void*, const char*) {}

struct Sample {
  float x = -FLT_MAX, y = -FLT_MAX;
  bool down = false;
  bool moved = false;  // a move while down (drag), not a press
};

}  // namespace

struct KioskUi::Impl {
  SDL_Renderer* sdl;
  core::Session& session;
  const core::Catalogs& catalogs;
  const Clock& clock;
  UiOptions options;
  ImGuiRenderer renderer;
  ImFontAtlas atlas;
  ImVector<ImWchar> ranges, arabic_ranges;  // glyphs from DejaVu; from Noto Sans Arabic
  Fonts fonts;
  Metrics metrics;
  float built_scale = 0;
  bool styled_high_contrast = false;
  ImGuiContext* ctx = nullptr;
  std::uint64_t generation = ~std::uint64_t{0};
  std::uint64_t contexts = 0;
  std::uint64_t frames = 0;
  int frames_left = 3;
  std::int64_t last_frame_ms = 0;

  std::deque<Sample> queue;
  Sample pointer;
  bool finger_on_keyboard = false;
  Keyboard keyboard;
  core::WidgetRegistry registry;  // everything drawn in the last frame
  // Speech mode: a touch it takes (explore, long press) is not seen by ImGui from press to release.
  core::SilentSpeechSink silent;
  core::SpeechMode speech{silent};
  bool speech_gesture = false;    // the finger that is down belongs to speech mode
  bool speech_ate_input = false;  // this frame's input was speech mode's: no tap may act (ui.dragging)
  bool finger_down = false;       // the last sample taken was a press or a move (whoever's finger it is)
  // The announcement's words as shown (ui.caption): a touch silences it at once, but its box, and the layout
  // under it, stay until that finger is lifted and its release drawn; a control slid under a finger would
  // otherwise take the release meant for the one the finger pressed.
  std::optional<core::Utterance> caption;
  std::int64_t press_ms = -1;  // when a finger that may become a long press came down (speech mode off)
  ImVec2 press_at;
  std::int64_t next_announce_ms = -1;  // the idle screen's next periodic announcement (ui.speech_announce_s)
  std::vector<Target> targets;         // its interactive, touchable entries
  MapView map;                         // the offline map of the location screen

  // Per-session UI state (wiped with the context).
  std::string pin, notice;
  std::optional<core::TechAction> tech_action;  // the technician's last action run as tech_job
  int print_state = 0;
  bool help_open = false;
  bool stop_open = false;
  bool tech_plot = false;
  bool personal_ask = false;  // "read my details aloud" asks first (speech_ui.cpp)
  core::Screen last_screen = core::Screen::idle;
  std::vector<std::int64_t> corner_taps;
  core::BackgroundCommand print_job, tech_job;
  std::vector<std::string> kioskctl;
  std::function<void()> wake;

  bool pointer_down() const { return queue.empty() ? pointer.down : queue.back().down; }

  Impl(SDL_Renderer* r, core::Session& s, const core::Catalogs& c, const Clock& cl, UiOptions o)
      : sdl(r), session(s), catalogs(c), clock(cl), options(o), renderer(r), map(r, s.config()) {
    speech.set_default_volume(s.config().ui.speech_volume);
    // With the citizen's opt-in, speech mode reads a field's text from the session's buffer.
    speech.set_field_text([this](const core::Widget& w) -> std::string {
      bool report = session.screen() == core::Screen::report_contact;
      core::ContactForm& form = report ? session.report().contact : session.question().contact;
      if (w.id == "contact.email") return std::string(form.email.view());
      if (w.id == "contact.phone") return std::string(form.phone.view());
      if (w.id == "loc.typed") return std::string(session.report().location.typed.view());
      if (w.id == "text")
        return std::string(session.screen() == core::Screen::report_description ? session.report().description.view()
                                                                                : session.question().text.view());
      return {};
    });
  }

  static constexpr std::int64_t kLongPressMs = 1500;
  const core::Catalog& catalog() const { return catalogs.get(session.language()); }
  void hide_pointer() {
    ImGuiIO& io = ImGui::GetIO();
    pointer = Sample{};
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = false;
    speech_ate_input = true;
  }

  double dpi() const { return session.config().ui.ppi(); }

  std::vector<std::string> display_texts() const {
    std::vector<std::string> out;
    for (const auto& cat : catalogs.all())
      for (const auto& [k, v] : cat.strings()) out.push_back(v);
    auto add_texts = [&](const Texts& t) {
      for (const auto& [k, v] : t) out.push_back(v);
    };
    for (const auto& c : session.tree().categories) {
      add_texts(c.name);
      for (const auto& s : c.children) {
        add_texts(s.name);
        add_texts(s.handling_message);
      }
    }
    for (const auto& t : session.tree().question_topics) add_texts(t.name);
    const Config& cfg = session.config();
    out.push_back(cfg.kiosk.municipality);
    out.push_back(cfg.kiosk.location.name);
    for (const auto& p : cfg.places) out.push_back(p.name);
    for (const auto& p : cfg.polls) {
      for (const auto& [k, v] : p.question.by_language) out.push_back(v);
      for (const auto& a : p.answers)
        for (const auto& [k, v] : a.text.by_language) out.push_back(v);
    }
    for (const auto& n : cfg.news)
      for (const auto& [k, v] : n.text.by_language) out.push_back(v);
    for (auto& s : keyboard.all_characters()) out.push_back(s);
    return out;
  }

  bool build_fonts(float scale, std::string* error) {
    std::filesystem::path dir = font_dir();
    std::filesystem::path regular = dir / "DejaVuSans.ttf", bold = dir / "DejaVuSans-Bold.ttf",
                          mono = dir / "DejaVuSansMono-Bold.ttf";
    for (const auto& f : {regular, bold, mono}) {
      // Debian's libimgui keeps IM_ASSERT on: a missing font file would abort the process.
      if (!std::filesystem::exists(f)) {
        if (error) *error = "font file missing: " + f.string() + " (install fonts-dejavu-core)";
        return false;
      }
    }
    ranges.clear();
    arabic_ranges.clear();
    bidi::clear_cache();  // its layouts hold advances of the fonts rebuilt here
    ImFontGlyphRangesBuilder b;
    static const ImWchar kBase[] =
        {0x0020, 0x00FF, 0x0100, 0x017F, 0x0400, 0x045F, 0x0490, 0x0491, 0x2010, 0x2027,
         0x20AC, 0x20AC, 0x25B2, 0x25B2, 0x25BC, 0x25BC, 0xFFFD, 0xFFFD, 0};  // ▲ ▼: the scroll buttons
    b.AddRanges(kBase);
    // Right-to-left letters are drawn as presentation forms (kiosk/ui/bidi): every form each letter of the
    // texts and keyboards can take, not the whole blocks (~1,100 glyphs per size).
    std::string rtl_letters;
    std::set<std::uint32_t> seen;
    for (const auto& t : display_texts()) {
      b.AddText(t.c_str());
      if (!bidi::has_rtl(t)) continue;
      for (std::uint32_t cp : code_points(t))
        if (cp >= 0x0600 && cp <= 0x06FF && seen.insert(cp).second) append_utf8(rtl_letters, cp);
    }
    b.AddText(bidi::presentation_forms(rtl_letters).c_str());
    // Arabic from Noto Sans Arabic (fonts-noto-core) when it is there, else from DejaVu (presentation forms B).
    const bool noto = std::filesystem::exists(arabic_font(false)) && std::filesystem::exists(arabic_font(true));
    ImFontGlyphRangesBuilder latin, arabic;
    for (unsigned cp = 1; cp <= 0xFFFF; ++cp) {
      if (!b.GetBit(cp)) continue;
      bool ar = (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
      (ar && noto ? arabic : latin).AddChar(static_cast<ImWchar>(cp));
    }
    latin.BuildRanges(&ranges);
    if (noto) arabic.BuildRanges(&arabic_ranges);
    // EN 301 549 §5.1.4: in large text the cap height is >= 2 D tan(0.35°) at the configured viewing
    // distance; normal text is large_text_scale times smaller (scale is 1 or large_text_scale). ImGui sizes
    // a font by ascent - descent (1.164 em for DejaVu Sans), whose cap height is 0.729 em: about 0.626 of
    // the pixel size. Measured after the build and corrected if the rasterised 'H' is short.
    const auto& ui = session.config().ui;
    const float requested = scale;
    scale /= float(ui.large_text_scale);
    double cap_px = core::mm_to_px(core::min_cap_height_mm(ui.viewing_distance_mm), dpi());
    float body_px = std::ceil(float(cap_px / 0.62) * scale);
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (!build_atlas(regular, bold, mono, body_px, error)) return false;
      const ImFontGlyph* h = fonts.body->FindGlyphNoFallback('H');
      if (!h || h->Y1 - h->Y0 >= cap_px * scale - 0.01) break;
      body_px = std::ceil(body_px * float(cap_px * scale / double(h->Y1 - h->Y0)));
    }
    if (!renderer.upload_fonts(atlas)) {
      if (error) *error = std::string("uploading the font texture failed: ") + SDL_GetError();
      return false;
    }
    // The glyphs are baked: the copies of the font files (~2.5 MiB with Arabic) go; the next build (large
    // text switched) reads the files again.
    atlas.ClearInputData();
    built_scale = requested;
    // Sizes in millimetres at the panel's density, growing with the text: targets at least 11.6 mm,
    // buttons about two lines of text; large text reflows grids into one column.
    auto mm = [&](double v) { return float(std::ceil(core::mm_to_px(v, dpi()))); };
    float target = mm(core::kMinTargetMm);
    metrics.target = target;
    metrics.gap = std::max(mm(1.5), std::round(body_px * 0.3f));
    metrics.pad = std::max(mm(3.0), std::round(body_px * 0.6f));
    metrics.button_h = std::max(target, std::round(body_px * 1.9f));
    metrics.bar_h = target + 2 * metrics.gap;
    metrics.drag = mm(2.5);
    metrics.one_column = requested > 1.0f;
    return true;
  }

  bool build_atlas(const std::filesystem::path& regular, const std::filesystem::path& bold,
                   const std::filesystem::path& mono, float body_px, std::string* error) {
    atlas.Clear();
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    atlas.TexDesiredWidth = 2048;
    ImFontConfig merge = cfg;
    merge.MergeMode = true;
    auto add_arabic = [&](bool is_bold, float px) {
      if (arabic_ranges.empty()) return;
      atlas.AddFontFromFileTTF(arabic_font(is_bold).c_str(), std::round(px * kArabicScale), &merge, arabic_ranges.Data);
    };
    fonts.body = atlas.AddFontFromFileTTF(regular.c_str(), body_px, &cfg, ranges.Data);
    add_arabic(false, body_px);
    fonts.heading = atlas.AddFontFromFileTTF(bold.c_str(), std::round(body_px * 1.25f), &cfg, ranges.Data);
    add_arabic(true, std::round(body_px * 1.25f));
    // The code font draws reference codes and the look-up keypad only (A-Z, 0-9, '-'): no Arabic.
    static const ImWchar kCode[] = {0x0020, 0x005A, 0};
    fonts.code = atlas.AddFontFromFileTTF(mono.c_str(), std::round(body_px * 2.0f), &cfg, kCode);
    if (!fonts.body || !fonts.heading || !fonts.code || !atlas.Build()) {
      if (error) *error = "building the font atlas failed";
      return false;
    }
    return true;
  }

  void new_context() {
    // ImGui's blocks (input queue, draw lists, storage) are zeroed when freed: the context of a wiped
    // session goes below, with what it held of the citizen's text.
    ImGui::SetAllocatorFunctions([](std::size_t n, void*) { return secure_malloc(n); },
                                 [](void* p, void*) { secure_free(p); });
    if (ctx) ImGui::DestroyContext(ctx);
    ctx = ImGui::CreateContext(&atlas);
    ImGui::SetCurrentContext(ctx);
    ++contexts;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: nothing of a session is written to disk
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // no timed redraws for a blinking cursor
    io.GetClipboardTextFn = no_clipboard_get;
    io.SetClipboardTextFn = no_clipboard_set;
    io.MouseDragThreshold = 1e9f;  // no ImGui drags: the scroll regions handle a moving finger
    static constexpr std::pair<ImGuiKey, int> kKeys[] = {{ImGuiKey_Tab, SDL_SCANCODE_TAB},
                                                         {ImGuiKey_LeftArrow, SDL_SCANCODE_LEFT},
                                                         {ImGuiKey_RightArrow, SDL_SCANCODE_RIGHT},
                                                         {ImGuiKey_UpArrow, SDL_SCANCODE_UP},
                                                         {ImGuiKey_DownArrow, SDL_SCANCODE_DOWN},
                                                         {ImGuiKey_Home, SDL_SCANCODE_HOME},
                                                         {ImGuiKey_End, SDL_SCANCODE_END},
                                                         {ImGuiKey_Delete, SDL_SCANCODE_DELETE},
                                                         {ImGuiKey_Backspace, SDL_SCANCODE_BACKSPACE},
                                                         {ImGuiKey_Enter, SDL_SCANCODE_RETURN},
                                                         {ImGuiKey_Escape, SDL_SCANCODE_ESCAPE},
                                                         {ImGuiKey_KeyPadEnter, SDL_SCANCODE_KP_ENTER}};
    for (auto [key, scancode] : kKeys) io.KeyMap[key] = scancode;
    theme::apply(ImGui::GetStyle(), 1.0f);
    io.FontDefault = fonts.body;
    keyboard.reset();
    bidi::clear_cache();  // layouts of what the last citizen saw (the review screen's text)
    pointer = Sample{};
    queue.clear();
    finger_on_keyboard = false;
    std::fill(pin.begin(), pin.end(), '\0');
    pin.clear();
    notice.clear();
    tech_action.reset();
    print_state = 0;
    help_open = false;
    stop_open = false;
    tech_plot = false;
    personal_ask = false;
    corner_taps.clear();
    speech.reset();  // speech mode and the opt-in end with the session
    speech_gesture = false;
    press_ms = -1;
    // Nothing of ours is on the system clipboard, but another program's copy is not left either.
    if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_SetClipboardText("");
  }

  void speech_control(std::string_view what) {
    if (what == "previous") speech.previous(registry, catalog());
    else if (what == "next") speech.next(registry, catalog());
    else if (what == "activate") speech_confirm();
    else if (what == "repeat") speech.repeat();
    else if (what == "stop") speech.silence();
    else if (what == "volume_up") speech.volume_up(catalog());
    else if (what == "volume_down") speech.volume_down(catalog());
  }
  // The idle screen says how to start speech mode, in every language in turn.
  void announce_speech(std::int64_t now) {
    speech.announce(core::SpeechMode::in_languages(catalogs, session.config().kiosk.languages, "speech.announce"), now);
  }
  // A tap in the middle of the element in focus (its visible part): it is the focus, so it acts. Text (a
  // reference code) does nothing when tapped: it is said again.
  void speech_confirm() {
    if (const core::Widget* w = speech.focus(registry)) {
      if (!core::interactive(w->role)) {
        speech.explore(w, catalog());
        return;
      }
      float y0 = std::max(w->y0, w->clip_y0), y1 = std::min(w->y1, w->clip_y1);
      if (y1 <= y0) return;
      const float x = (w->x0 + w->x1) * 0.5f, y = (y0 + y1) * 0.5f;
      queue.push_back(Sample{x, y, true});
      queue.push_back(Sample{x, y, false});
      queue.push_back(Sample{});
    }
  }

  void apply_input() {
    ImGuiIO& io = ImGui::GetIO();
    if (keyboard.pending_key_release >= 0) {
      io.KeysDown[keyboard.pending_key_release] = false;
      keyboard.pending_key_release = -1;
    }
    if (queue.empty()) {
      io.MousePos = ImVec2(pointer.x, pointer.y);
      io.MouseDown[0] = pointer.down;
      return;
    }
    Sample s = queue.front();
    queue.pop_front();
    finger_down = s.down;
    ImVec2 p(s.x, s.y);
    if (speech_gesture) {  // speech mode's finger: ImGui never sees it
      if (!s.down) speech_gesture = false;
      hide_pointer();
      return;
    }
    if (press_ms >= 0 && (!s.down || std::hypot(p.x - press_at.x, p.y - press_at.y) > metrics.drag)) press_ms = -1;
    if (s.down && !pointer.down) {
      session.activity();
      speech.touch();  // every touch silences (EN 301 549 §5.1.3.5)
      if (speech.on()) {
        // Touch to explore: an element not in focus is spoken and the touch ends there; the one in focus acts.
        // The speech controls act at once (explore first would take two taps for every step).
        const core::Widget* w = core::element_at(registry, p.x, p.y);
        if (w && core::speech_control(*w)) {
          speech_control(w->id.substr(core::kSpeechBarPrefix.size()));
          speech_gesture = true;
          hide_pointer();
          return;
        }
        // Text in focus is said again (a code, spelled); only controls act.
        if (!speech.is_focus(w) || !core::interactive(w->role)) {
          speech.explore(w, catalog());
          speech_gesture = true;
          hide_pointer();
          return;
        }
      } else {
        // Speech mode off. A finger on no control of the idle screen (someone feeling for the screen) hears,
        // in every language, how to start it; a long press does: anywhere on the idle screen, on no control
        // of the citizen's other screens (the announcement goes on after a tap started a session).
        const core::Widget* w = core::element_at(registry, p.x, p.y);
        const bool on_control = w && core::interactive(w->role);
        const core::Screen scr = session.screen();
        if (scr == core::Screen::idle && !on_control) announce_speech(clock.now_ms());
        if (scr == core::Screen::idle ||
            (!on_control && scr != core::Screen::technician_pin && scr != core::Screen::technician)) {
          press_ms = clock.now_ms();
          press_at = p;
        }
      }
      if (keyboard.contains(p)) {
        finger_on_keyboard = true;
        keyboard.pressed = keyboard.key_at(p);
        return;  // ImGui never sees it: the text field stays active
      }
    }
    if (finger_on_keyboard) {
      if (!s.down) {
        int k = keyboard.key_at(p);
        if (k >= 0 && k == keyboard.pressed) keyboard.activate(k, io);
        keyboard.pressed = -1;
        finger_on_keyboard = false;
        pointer = Sample{};
      }
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      io.MouseDown[0] = false;
      return;
    }
    pointer = s;
    io.MousePos = p;
    io.MouseDown[0] = s.down;
  }
};

KioskUi::KioskUi(SDL_Renderer* renderer, core::Session& session, const core::Catalogs& catalogs, const Clock& clock,
                 UiOptions options)
    : m(std::make_unique<Impl>(renderer, session, catalogs, clock, options)) {}

KioskUi::~KioskUi() {
  if (m->ctx) ImGui::DestroyContext(m->ctx);
}

bool KioskUi::init(std::string* error) {
  if (!m->build_fonts(1.0f, error)) return false;
  m->generation = m->session.generation();
  m->new_context();
  m->last_frame_ms = m->clock.now_ms();
  return true;
}

void KioskUi::set_wake(std::function<void()> wake) { m->wake = std::move(wake); }
void KioskUi::set_kioskctl(std::vector<std::string> argv) { m->kioskctl = std::move(argv); }
void KioskUi::request_frames(int n) { m->frames_left = std::max(m->frames_left, n); }
void KioskUi::set_size(int w, int h) {
  m->options.width = w;
  m->options.height = h;
  request_frames();
}

void KioskUi::press(float x, float y) {
  m->queue.push_back(Sample{x, y, true});
  request_frames();
}
void KioskUi::release(float x, float y) {
  m->queue.push_back(Sample{x, y, false});
  m->queue.push_back(Sample{});  // pointer off-screen: no hover left behind
  request_frames();
}
void KioskUi::move(float x, float y) {
  // Moves while down only; a run of moves collapses into the latest (scrolling follows the finger).
  if (!m->queue.empty() && m->queue.back().down && m->queue.back().moved) m->queue.pop_back();
  m->queue.push_back(Sample{x, y, true, true});
  request_frames();
}
void KioskUi::drag(float x, float y0, float y1, int steps) {
  press(x, y0);
  for (int i = 1; i <= steps; ++i) {
    m->queue.push_back(Sample{x, y0 + (y1 - y0) * float(i) / float(steps), true, true});
  }
  release(x, y1);
}
void KioskUi::tap(float x, float y) {
  press(x, y);
  release(x, y);
}
void KioskUi::type_text(const std::string& utf8) {
  ImGui::SetCurrentContext(m->ctx);
  m->session.activity();
  ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
  request_frames();
}

bool KioskUi::handle_event(const SDL_Event& e) {
  ImGui::SetCurrentContext(m->ctx);
  ImGuiIO& io = ImGui::GetIO();
  const float W = float(m->options.width), H = float(m->options.height);
  switch (e.type) {
    case SDL_FINGERDOWN: press(e.tfinger.x * W, e.tfinger.y * H); return true;
    case SDL_FINGERUP: release(e.tfinger.x * W, e.tfinger.y * H); return true;
    case SDL_FINGERMOTION:
      if (!m->pointer_down()) return false;
      move(e.tfinger.x * W, e.tfinger.y * H);
      return true;
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID || !(e.motion.state & SDL_BUTTON_LMASK)) return false;
      move(float(e.motion.x), float(e.motion.y));
      return true;
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return false;
      press(float(e.button.x), float(e.button.y));
      return true;
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return false;
      release(float(e.button.x), float(e.button.y));
      return true;
    case SDL_TEXTINPUT: type_text(e.text.text); return true;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
      int sc = e.key.keysym.scancode;
      if (sc >= 0 && sc < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[sc] = e.type == SDL_KEYDOWN;
      if (e.type == SDL_KEYDOWN) m->session.activity();
      request_frames();
      return true;
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) set_size(e.window.data1, e.window.data2);
      request_frames();
      return true;
    default: return false;
  }
}

bool KioskUi::wants_frame() const {
  return !m->queue.empty() || m->frames_left > 0 || m->keyboard.pending_key_release >= 0;
}

std::int64_t KioskUi::ms_until_timed_frame() const {
  if (m->press_ms >= 0) return std::max<std::int64_t>(0, m->press_ms + Impl::kLongPressMs - m->clock.now_ms());
  const std::int64_t now = m->clock.now_ms();
  std::int64_t t = -1;
  auto sooner = [&t](std::int64_t ms) {
    if (ms >= 0 && (t < 0 || ms < t)) t = ms;
  };
  // The idle screen shows hours and minutes: redraw when the minute changes.
  sooner(m->session.screen() != core::Screen::idle ? m->session.idle().ms_until_next_event() : 60000 - now % 60000);
  sooner(m->speech.ms_until_tick(now));  // the announcement's next language
  if (m->next_announce_ms >= 0) sooner(std::max<std::int64_t>(0, m->next_announce_ms - now));
  return t;
}

void KioskUi::frame() {
  Impl& d = *m;
  ImGui::SetCurrentContext(d.ctx);
  d.session.tick();
  // A wipe (timeout, Stop, Done, Back from choose) recreates the ImGui context: its text-input
  // buffers, window state and storage go with it.
  if (d.session.generation() != d.generation) {
    d.generation = d.session.generation();
    float want = 1.0f;
    if (d.built_scale != want) d.build_fonts(want, nullptr);
    d.new_context();
    d.map.reset();  // the next citizen's map starts at the kiosk again
    d.frames_left = std::max(d.frames_left, 3);
  }
  float want_scale = d.session.large_text() ? float(d.session.config().ui.large_text_scale) : 1.0f;
  theme::set_high_contrast(d.session.high_contrast());
  if (theme::high_contrast() != d.styled_high_contrast) {
    d.styled_high_contrast = theme::high_contrast();
    theme::apply(ImGui::GetStyle(), 1.0f);
  }
  if (want_scale != d.built_scale) {
    // Large text: the atlas is rebuilt at the larger size (1.86 bakes sizes into the atlas).
    d.build_fonts(want_scale, nullptr);
    ImGui::GetIO().FontDefault = d.fonts.body;
  }
  if (d.session.screen() != d.last_screen) {
    d.last_screen = d.session.screen();
    if (d.last_screen != core::Screen::technician_pin) d.notice.clear();
  }
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(d.options.width), float(d.options.height));
  std::int64_t now = d.clock.now_ms();
  io.DeltaTime = std::clamp(float(now - d.last_frame_ms) / 1000.f, 0.001f, 0.5f);
  d.last_frame_ms = now;
  d.speech_ate_input = false;
  const bool finger_was_down = d.finger_down;
  d.apply_input();
  if (d.press_ms >= 0 && d.pointer.down && now - d.press_ms >= Impl::kLongPressMs) {
    // A long press on the idle screen starts speech mode; the rest of that touch is its.
    d.press_ms = -1;
    d.speech.start(d.catalog());
    d.speech_gesture = true;
    d.hide_pointer();
  }
  // The announcement's next language; on the idle screen, the periodic announcement (ui.speech_announce_s).
  d.speech.tick(now);
  const int every_s = d.session.config().ui.speech_announce_s;
  if (every_s > 0 && d.session.screen() == core::Screen::idle && !d.speech.on()) {
    if (d.next_announce_ms < 0) {
      d.next_announce_ms = now + std::int64_t(every_s) * 1000;
    } else if (now >= d.next_announce_ms && !d.pointer.down) {
      d.announce_speech(now);
      d.next_announce_ms = now + std::int64_t(every_s) * 1000;
    }
  } else {
    d.next_announce_ms = -1;
  }
  if (const core::Utterance* said = d.speech.announced()) {
    d.caption = *said;
  } else if (!d.finger_down && !finger_was_down) {
    d.caption.reset();
  } else if (d.caption) {
    d.frames_left = std::max(d.frames_left, 2);  // the frame after the release drops it
  }
  d.keyboard.set_language(d.session.language());

  ImGui::NewFrame();
  if (d.keyboard.hide_requested) {
    d.keyboard.hide_requested = false;
    ImGui::ClearActiveID();
  }
  d.registry.clear();
  // While speech mode is on its controls take a bar at the bottom of the panel; everything else lays out above.
  const bool speech_bar_shown = d.speech.on();
  ImVec2 shown = io.DisplaySize;
  if (speech_bar_shown) shown.y -= speech_bar_height(d.metrics);
  Ui ui{d.session,
        d.catalogs,
        d.fonts,
        d.metrics,
        d.registry,
        d.keyboard,
        shown,
        d.keyboard.visible ? d.keyboard.height(d.metrics, shown.y) : 0.f,
        false,
        d.pin,
        d.notice,
        d.print_state,
        d.print_job,
        d.tech_job,
        d.tech_action,
        d.kioskctl,
        d.wake,
        d.help_open,
        now};
  ui.rtl = core::right_to_left(d.catalogs.get(d.session.language()));
  ui.speech = &d.speech;
  ui.caption = d.caption ? &*d.caption : nullptr;
  ui.map = &d.map;
  ui.stop_open = &d.stop_open;
  ui.tech_plot = &d.tech_plot;
  ui.personal_ask = &d.personal_ask;
  ui.dragging = d.speech_ate_input;  // a release ImGui sees after speech mode took the touch acts on nothing
  using core::Screen;
  const Screen drawn = d.session.screen();
  switch (drawn) {
    case Screen::idle: draw_idle(ui); break;
    case Screen::choose: draw_choose(ui); break;
    case Screen::report_category: draw_report_category(ui); break;
    case Screen::report_subcategory: draw_report_subcategory(ui); break;
    case Screen::report_location: draw_report_location(ui); break;
    case Screen::report_description: draw_report_description(ui); break;
    case Screen::report_contact:
    case Screen::question_contact: draw_contact(ui); break;
    case Screen::report_review:
    case Screen::question_review: draw_review(ui); break;
    case Screen::question_topic: draw_question_topic(ui); break;
    case Screen::question_text: draw_question_text(ui); break;
    case Screen::question_publish: draw_question_publish(ui); break;
    case Screen::poll: draw_poll(ui); break;
    case Screen::news: draw_news(ui); break;
    case Screen::receipt: draw_receipt(ui); break;
    case Screen::lookup: draw_lookup(ui); break;
    case Screen::technician_pin: draw_technician_pin(ui); break;
    case Screen::technician: draw_technician(ui); break;
  }
  if (ui.technician_corner) {
    d.corner_taps.push_back(now);
    std::erase_if(d.corner_taps, [&](std::int64_t t) { return now - t > 3000; });
    if (d.corner_taps.size() >= 3) {
      d.corner_taps.clear();
      d.session.open_technician();
    }
  }
  bool in_session = d.session.screen() != Screen::idle;
  if (in_session && d.session.idle().phase() == core::IdlePhase::warning) {
    draw_timeout_warning(ui);
  } else if (d.stop_open && in_session) {
    draw_stop_confirm(ui, &d.stop_open);
  } else if (d.help_open && in_session) {
    draw_help_panel(ui, &d.help_open);
  }
  if (!in_session) d.stop_open = false;
  d.keyboard.draw(ui);
  if (speech_bar_shown) speech_bar(ui, shown.y, io.DisplaySize.y);
  speech_highlight(ui);
  ImGui::Render();
  d.targets.clear();
  // What a finger can touch: the part of each control inside its scroll region (a partly scrolled-out
  // control keeps visible == false and its visible part).
  for (const auto& w : d.registry.items()) {
    if (!core::interactive(w.role)) continue;
    Target t = w;
    t.y0 = std::max(t.y0, t.clip_y0);
    t.y1 = std::min(t.y1, t.clip_y1);
    if (t.y1 - t.y0 > 0.5f) d.targets.push_back(std::move(t));
  }

  // A new screen (or language) speaks its title, from what this frame drew.
  d.speech.after_frame(d.registry, core::screen_name(drawn), d.catalogs.get(d.session.language()));

  std::uint32_t bg = theme::active(theme::kBackground);
  SDL_SetRenderDrawColor(d.sdl, Uint8(bg >> 16), Uint8(bg >> 8), Uint8(bg), 255);
  SDL_RenderClear(d.sdl);
  d.renderer.render(ImGui::GetDrawData());
  ++d.frames;

  bool want_kb = io.WantTextInput && !(in_session && d.session.idle().phase() == core::IdlePhase::warning) &&
                 !d.help_open && !d.stop_open;
  if (want_kb != d.keyboard.visible) {
    d.keyboard.visible = want_kb;
    if (!want_kb) d.keyboard.pressed = -1;
    request_frames();
  }
  if (d.frames_left > 0) --d.frames_left;
  if (d.session.generation() != d.generation) request_frames();
}

void KioskUi::set_speech_sink(core::SpeechSink* sink) {
  m->speech.set_sink(sink ? *sink : static_cast<core::SpeechSink&>(m->silent));
}
const core::SpeechMode& KioskUi::speech() const { return m->speech; }
void KioskUi::speech_next() {
  m->speech.next(m->registry, m->catalog());
  request_frames();
}
void KioskUi::speech_previous() {
  m->speech.previous(m->registry, m->catalog());
  request_frames();
}
void KioskUi::speech_silence() { m->speech.silence(); }
void KioskUi::speech_repeat() { m->speech.repeat(); }
void KioskUi::speech_confirm() {
  m->speech_confirm();
  request_frames();
}

const std::vector<Target>& KioskUi::targets() const { return m->targets; }
const core::WidgetRegistry& KioskUi::registry() const { return m->registry; }
const Target* KioskUi::find_target(const std::string& id) const {
  for (const auto& t : m->targets)
    if (t.id == id) return &t;
  return nullptr;
}
bool KioskUi::keyboard_visible() const { return m->keyboard.visible; }
std::uint64_t KioskUi::frames_drawn() const { return m->frames; }
std::uint64_t KioskUi::contexts_created() const { return m->contexts; }
std::vector<ColorPair> KioskUi::color_pairs() const { return theme::pairs(); }
double KioskUi::panel_dpi() const { return m->dpi(); }
float KioskUi::cap_height_px(bool heading) const {
  const ImFontGlyph* g = (heading ? m->fonts.heading : m->fonts.body)->FindGlyphNoFallback('H');
  return g ? g->Y1 - g->Y0 : 0.f;
}
std::size_t KioskUi::font_atlas_bytes() const {
  return std::size_t(m->atlas.TexWidth) * std::size_t(m->atlas.TexHeight) * 4;
}
std::pair<int, int> KioskUi::font_atlas_size() const { return {m->atlas.TexWidth, m->atlas.TexHeight}; }
float KioskUi::min_target_px() const { return m->metrics.target; }
std::vector<std::string> KioskUi::all_display_texts() const { return m->display_texts(); }

float KioskUi::body_cap_height_px() const {
  const ImFontGlyph* g = m->fonts.body->FindGlyphNoFallback('H');
  return g ? g->Y1 - g->Y0 : 0.f;
}

std::vector<std::string> KioskUi::missing_glyphs(const std::vector<std::string>& texts) const {
  std::set<std::uint32_t> missing;
  for (const auto& t : texts)
    for (std::uint32_t cp : code_points(t)) {
      if (cp < 0x20 || cp > 0xFFFF) continue;  // '\n'; 1.86's ImWchar is 16-bit
      for (ImFont* f : {m->fonts.body, m->fonts.heading})
        if (!f->FindGlyphNoFallback(static_cast<ImWchar>(cp))) missing.insert(cp);
    }
  std::vector<std::string> out;
  for (auto cp : missing) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", cp);
    out.emplace_back(buf);
  }
  return out;
}

std::string KioskUi::ui_text_buffers_dump() const {
  ImGuiContext& g = *m->ctx;
  std::string out;
  const ImGuiInputTextState& st = g.InputTextState;
  if (st.TextA.Data) out.append(st.TextA.Data);
  out += '\n';
  if (st.InitialTextA.Data) out.append(st.InitialTextA.Data);
  out += '\n';
  for (int i = 0; i < st.TextW.Size && st.TextW[i]; ++i) {
    char buf[5];
    ImTextCharToUtf8(buf, st.TextW[i]);
    out += buf;
  }
  return out;
}

}  // namespace kiosk::ui
