// Internal to kiosk_ui: the drawing context every screen receives, the touch-sized widgets, the theme
// and the on-screen keyboard. Screens read core::Session state and call its commands; nothing here
// stores citizen data: typed text lives in the session's core::TextBuffers.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/mbtiles.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/speech_mode.hpp"
#include "kiosk/core/technician.hpp"
#include "kiosk/core/widget_registry.hpp"
#include "kiosk/core/text_buffer.hpp"
#include "kiosk/ui/kiosk_ui.hpp"

struct SDL_Texture;

namespace kiosk::ui {

// --- theme ------------------------------------------------------------------------------------------------
namespace theme {
inline constexpr std::uint32_t kBackground = 0xFFFFFF;
inline constexpr std::uint32_t kText = 0x1A1A1A;
inline constexpr std::uint32_t kMuted = 0x404040;    // hints, secondary text (10:1 on white)
inline constexpr std::uint32_t kPrimary = 0x0B4F8A;  // primary buttons, selected tiles, borders
inline constexpr std::uint32_t kOnPrimary = 0xFFFFFF;
inline constexpr std::uint32_t kPrimaryPressed = 0x083A66;
inline constexpr std::uint32_t kTile = 0xE8EEF4;  // secondary buttons and tiles
inline constexpr std::uint32_t kTilePressed = 0xC9D6E3;
inline constexpr std::uint32_t kError = 0xA30012;
inline constexpr std::uint32_t kErrorBg = 0xFCEDEE;
inline constexpr std::uint32_t kBar = 0x0B4F8A;       // top bar
inline constexpr std::uint32_t kAssisted = 0x7A3E00;  // help-mode badge (on kAssistedBg)
inline constexpr std::uint32_t kAssistedBg = 0xFFF1D6;
inline constexpr std::uint32_t kKeyboard = 0xD5DCE3;
inline constexpr std::uint32_t kKey = 0xFFFFFF;
inline constexpr std::uint32_t kField = 0xFFFFFF;
inline constexpr std::uint32_t kFieldBorder = 0x4A4A4A;
inline constexpr std::uint32_t kDim = 0x000000;

// col() and vec() draw a colour of the palette above in the active palette: the high-contrast palette maps
// each of them to its own (white on black, yellow actions), so every drawing path follows the mode.
ImU32 col(std::uint32_t rgb, int alpha = 255);
ImVec4 vec(std::uint32_t rgb, float alpha = 1.0f);
void set_high_contrast(bool on);
bool high_contrast();
std::uint32_t active(std::uint32_t rgb);  // the colour as drawn in the active palette
void apply(ImGuiStyle& style, float scale);
std::vector<ColorPair> pairs();  // pairs of the active palette
}  // namespace theme

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  ImFont* code = nullptr;  // reference codes on the receipt and the look-up keypad
};

// Every size in pixels, derived from millimetres at the panel's density (and the text size of the mode).
struct Metrics {
  float target = 44;        // minimum touch target, px (11.6 mm)
  float gap = 12;           // space between targets
  float pad = 24;           // screen margin
  float button_h = 80;      // standard button height
  float bar_h = 96;         // top bar height
  float drag = 8;           // a finger moving this far is a drag (scroll), not a tap
  bool one_column = false;  // large text: grids reflow into one column
};

// A region that scrolls by dragging and by its "more above / more below" buttons (WCAG 2.5.7). Content is
// drawn at y - offset and clipped to the region; the drawn extent sets how far it scrolls next frame.
struct ScrollRegion {
  ImGuiID id = 0;
  ImVec2 min, max;                  // the visible region
  float offset = 0;                 // px scrolled
  float limit = 0;                  // largest offset (from the last frame's extent)
  float extent = 0;                 // bottom of what was drawn, in unscrolled coordinates
  int index = -1;                   // its entry in the registry
  float keep_y0 = 0, keep_y1 = -1;  // unscrolled span to bring into view (the field being typed in)
  float show_y0 = 0, show_y1 = -1;  // unscrolled span to scroll into view (speech mode's focus)
  bool side_buttons = false;        // buttons in a column at the region's end side (else in the bottom bar)
};

class Keyboard;

// What a screen draws with.
class MapView;

struct Ui {
  core::Session& s;
  const core::Catalogs& catalogs;
  Fonts fonts;
  Metrics m;
  core::WidgetRegistry& registry;  // every element drawn this frame (role, label, rectangle, state, order)
  Keyboard& keyboard;
  ImVec2 display;
  float keyboard_h = 0;            // height the keyboard takes at the bottom (0: hidden)
  bool technician_corner = false;  // set by the idle screen's hidden corner
  std::string& pin;                // technician PIN being typed (UI state, wiped with the session)
  std::string& notice;             // one-line notice (e.g. "Arabic coming soon"), cleared on screen change
  int& print_state;                // 0 none, 1 printing, 2 failed, 3 printed
  core::BackgroundCommand& print_job;
  core::BackgroundCommand& tech_job;
  std::optional<core::TechAction>& tech_action;
  std::vector<std::string>& kioskctl;
  std::function<void()>& wake;
  bool& help_open;                 // the staff panel is shown
  std::int64_t now_ms = 0;         // wall-clock time of this frame (the Clock seam: fake in tests)
  bool rtl = false;                // right-to-left screen language: x positions mirrored by the widgets
  ScrollRegion* scroll = nullptr;  // the region being drawn into (nullptr: the fixed part of the screen)
  ScrollRegion page;               // the screen's content region (begin_screen .. end_screen)
  float bottom_bar_left = 0;       // left edge of the bottom action (the scroll buttons stay left of it)
  bool dragging = false;           // a finger is scrolling: no tap this gesture
  // Speech mode (kiosk/core/speech_mode.hpp).
  core::SpeechMode* speech = nullptr;
  const core::Utterance* caption = nullptr;  // the announcement's words shown (held while a finger is down)
  MapView* map = nullptr;                    // the offline map of the location screen (map_view.cpp)
  bool* stop_open = nullptr;                 // "Stop?" is asked (draw_stop_confirm); UI state, reset with the session
  bool* tech_plot = nullptr;                 // the technician screen shows its 7-day plot instead of its rows
  bool* personal_ask = nullptr;  // "read my details aloud" shows its warning (UI state, reset with the session)

  const std::string& t(std::string_view key) const { return catalogs.get(s.language()).get(key); }
  const std::string& lang() const { return s.language(); }
};

// --- widgets (widgets.cpp) --------------------------------------------------------------------------------
enum class Style { primary, secondary, selected, quiet };
// A button with wrapped, left-aligned or centred text; activation on release. Registers a Target.
bool button(Ui& ui, const char* id, std::string_view label, ImVec2 pos, ImVec2 size, Style style = Style::secondary,
            bool enabled = true, bool centered = true);
// A button named by the catalog's `key`: its name, or its symbol ("<key>_short") when the name does not fit
// on one line (a key of a small pad); the registry keeps the name and the key either way (speech reads them).
bool named_button(Ui& ui, const char* id, const std::string& key, ImVec2 pos, ImVec2 size,
                  Style style = Style::secondary, bool enabled = true);
// A tick box as a wide tile (label wraps).
bool checkbox(Ui& ui, const char* id, std::string_view label, bool* value, ImVec2 pos, ImVec2 size);
// The kiosk's text field (text_field.cpp): edits a core::TextBuffer, word-wrapped and shaped, growing up to
// `height` then scrolling; the on-screen keyboard appears while it is active. Shows the count against the
// buffer's limit and the error of `error_field` under it. flags: ImGuiInputTextFlags_CharsNoBlank and
// kNumberPad (a numeric field: phone, house number, code).
// Returns the bottom y of what it drew.
inline constexpr int kNumberPad = 1 << 28;  // text_field flag: the keyboard is a number pad while it is active
float text_field(Ui& ui, const char* id, std::string_view label, core::TextBuffer* value, ImVec2 pos, float width,
                 float height, bool multiline, const char* error_field, int flags = 0, bool error_below = true);
// Registers a field: role "field", its label, value length and caret (code points), never its text.
void register_field(Ui& ui, const char* id, std::string_view label, ImVec2 min, ImVec2 max,
                    const core::TextBuffer& buf);
// Wrapped text; returns the height used.
float text(Ui& ui, std::string_view s, ImVec2 pos, float wrap_width, std::uint32_t color = theme::kText,
           ImFont* font = nullptr);
float text_height(ImFont* font, std::string_view s, float wrap_width);
// Width of its widest line as drawn (shaped and reordered when right to left).
float text_width(ImFont* font, std::string_view s, float wrap_width = 0);
// The validation error of a field in the session, under a widget; returns the height used.
float field_error(Ui& ui, const char* field, ImVec2 pos, float width);
void register_target(Ui& ui, const char* id, std::string_view label, ImVec2 min, ImVec2 max, bool enabled = true);
// Registers any element (role, label, state) in the frame's registry: its catalog key is found from the
// label's storage, its scroll region and clipping from the drawing state. Returns the entry.
core::Widget& register_widget(Ui& ui, core::Role role, const char* id, std::string_view label, ImVec2 min, ImVec2 max,
                              bool enabled = true, bool selected = false);
// When w (just registered) is speech mode's focus and scrolled out of view, its scroll region brings it in
// from the next frame. register_widget() does this; call it again after giving an entry its id.
void show_focus(Ui& ui, const core::Widget& w);
// The x of a rectangle of width w at x in the screen's direction (mirrored when right-to-left).
float flip_x(const Ui& ui, float x, float w);
// The single text-drawing path: wrapped lines, aligned at the start side of the screen language (right
// for right-to-left). Registers nothing; text() does.
void draw_text(Ui& ui, ImDrawList* dl, ImFont* font, ImVec2 pos, float wrap_width, ImU32 color, std::string_view s,
               bool centered = false);
// Switches of the reading modes (large text, high contrast) for the idle screen and every header.
float mode_switches(Ui& ui, float right, float y, float h);

// --- urgent news (urgent_banner.cpp) ---------------------------------------------------------------------
// The band with the newest urgent item under a bar at y (every screen's header, the idle screen); returns
// its height (0: no urgent news).
float urgent_banner(Ui& ui, float y);
// A warning triangle with "!" (shapes, no glyph) of this size at `at`.
void warning_sign(ImDrawList* dl, ImVec2 at, float size, std::uint32_t fill, std::uint32_t mark);
// An item's text, led by "Important message:" when urgent, with "(in Dutch)" when it is in another language
// than the screen's ("Important message (in Dutch): …").
std::string news_text(const Ui& ui, const NewsItem& n);

// --- speech mode (speech_ui.cpp) --------------------------------------------------------------------------
// The switch that starts speech mode (idle screen, top end corner); returns the new right edge.
float speech_switch(Ui& ui, float right, float y, float h);
// The bar of speech controls ("speech.bar.*") from top to bottom of the panel, and its height.
void speech_bar(Ui& ui, float top, float bottom);
float speech_bar_height(const Metrics& m);
// Outlines the element speech mode has in focus.
void speech_highlight(Ui& ui);
// "Read my details aloud" (contact and review screens, speech mode on): a warning that others may hear,
// then the citizen's choice; the opt-in lasts until the session ends. Returns the height used.
float read_details_control(Ui& ui, ImVec2 pos, float width);
// The part of the announcement being said (how to start speech mode, each language in turn) as text in a
// box at pos, in its language's direction (EN 301 549 §5.1.5: nothing only heard); its registry entry is
// "speech.announced". Returns the height used (0: nothing is being said). It shows ui.caption: what is
// being said, kept from a touch that silenced it until that finger's release is drawn (kiosk_ui.cpp).
float announcement_caption(Ui& ui, ImVec2 pos, float width);
// Marks the element just registered as the screen's instructions (spoken after its title).
void mark_instructions(Ui& ui);
// The screen's instructions (the catalog's `key`) across the content width at pos, marked as above;
// returns the height used. Left out (0) when speech mode is off and the line would push the screen's first
// control out of view on opening (a short page: 800x480 in large text).
float instructions(Ui& ui, const char* key, ImVec2 pos);

// --- frame layout (layout.cpp) ----------------------------------------------------------------------------
// Starts the full-screen window of a screen; draws the top bar with title, Back, Staff and Stop.
// Returns the content rectangle's top-left; content_bottom() is where the bottom bar starts.
ImVec2 begin_screen(Ui& ui, const char* name, std::string_view title, bool with_bar = true);
void end_screen(Ui& ui);
float content_bottom(const Ui& ui);  // y above the bottom action bar (and the keyboard)
// The primary action at the bottom right; returns true when tapped.
bool bottom_action(Ui& ui, const char* id, std::string_view label, Style style = Style::primary, bool enabled = true);
// A grid of equal tiles inside the content area: returns the rectangle of tile i.
struct Grid {
  ImVec2 origin;
  float w, h, gap;
  int cols;
  ImVec2 pos(int i) const { return {origin.x + float(i % cols) * (w + gap), origin.y + float(i / cols) * (h + gap)}; }
};
Grid make_grid(const Ui& ui, ImVec2 origin, int count, int cols, float bottom);
// A grid whose tiles are tall enough for the longest of these labels (one column in large text); what
// does not fit above `bottom` scrolls.
Grid make_grid(const Ui& ui, ImVec2 origin, const std::vector<std::string_view>& labels, int cols, float bottom,
               bool reflow = true);
// Width to keep free at the end side of a scroll region with side buttons of this height.
float scroll_side_width(const Ui& ui, float view_h);
// A scroll region of its own (the screen's content is one already): begin at min..max, draw at y - offset.
void begin_scroll(Ui& ui, ScrollRegion& r, const char* id, ImVec2 min, ImVec2 max, bool side_buttons);
void end_scroll(Ui& ui, ScrollRegion& r);
// Keeps y0..y1 (window px, as drawn this frame) in view of the current scroll region from the next frame:
// the field being typed in stays visible when the keyboard takes the lower part of the screen.
void keep_in_view(Ui& ui, float y0, float y1);
// Draws in the fixed part of the screen (bottom bar, overlays) while inside a scroll region.
struct Fixed {
  explicit Fixed(Ui& ui);
  ~Fixed();
  Fixed(const Fixed&) = delete;
  Fixed& operator=(const Fixed&) = delete;
  Ui& ui;
  ScrollRegion* saved;
};

// Category-tree nodes (or question topics) as tiles, `cols` wide (one column in large text), the one whose
// slug is `selected` highlighted; returns the node tapped, if any. Ids are "<prefix><slug>".
const CategoryNode* node_tiles(Ui& ui, ImVec2 origin, const std::vector<CategoryNode>& nodes, std::string_view selected,
                               const char* prefix, int cols = 2);

// --- screens (one file each) ------------------------------------------------------------------------------
void draw_idle(Ui& ui);
void draw_choose(Ui& ui);
void draw_report_category(Ui& ui);
void draw_report_subcategory(Ui& ui);
void draw_report_location(Ui& ui);
void draw_report_description(Ui& ui);
void draw_contact(Ui& ui);
void draw_review(Ui& ui);
void draw_question_topic(Ui& ui);
void draw_question_text(Ui& ui);
void draw_question_publish(Ui& ui);
void draw_poll(Ui& ui);
void draw_news(Ui& ui);
void draw_receipt(Ui& ui);
void draw_lookup(Ui& ui);
void draw_technician_pin(Ui& ui);
void draw_technician(Ui& ui);
// Overlays.
void draw_help_panel(Ui& ui, bool* open);
void draw_timeout_warning(Ui& ui);
// "Do you want to stop?": the session is wiped only on yes.
void draw_stop_confirm(Ui& ui, bool* open);

// --- offline map (map_view.cpp) ---------------------------------------------------------------------------
// The municipality's MBTiles map as textures: opened once at start, moved by buttons, centred on the kiosk
// again for every session (reset()).
class MapView {
 public:
  MapView(SDL_Renderer* renderer, const Config& config);
  ~MapView();
  MapView(const MapView&) = delete;
  MapView& operator=(const MapView&) = delete;
  bool available() const { return m_map != nullptr; }
  const std::string& error() const { return m_error; }  // why there is no map ("" when none is configured)
  void reset();                                         // centred on the kiosk, at map.zoom
  void zoom_by(int steps);
  bool can_zoom(int steps) const;
  void pan(float dx, float dy);  // screen pixels
  void draw(ImDrawList* dl, ImVec2 min, ImVec2 max);
  GeoPoint at(ImVec2 p, ImVec2 min, ImVec2 max) const;  // the point under p
  ImVec2 screen_of(GeoPoint g, ImVec2 min, ImVec2 max) const;

 private:
  struct Tile {
    SDL_Texture* texture = nullptr;
    std::uint64_t used = 0;
  };
  SDL_Texture* texture(int x, int y);
  void clear_textures();
  SDL_Renderer* m_sdl;
  const Config* m_config;
  std::unique_ptr<core::MbTiles> m_map;
  std::string m_error;
  int m_zoom = 0;
  core::WorldPixel m_centre;
  std::map<std::uint64_t, Tile> m_textures;
  std::uint64_t m_frame = 0;
};

// --- on-screen keyboard (keyboard.cpp) --------------------------------------------------------------------
class Keyboard {
 public:
  struct Key {
    std::string label;   // what is drawn
    std::string insert;  // UTF-8 inserted; empty for special keys
    enum Kind { chr, shift, backspace, enter, layout, latin, space, hide } kind = chr;
    float weight = 1;         // relative width
    std::string short_label;  // drawn instead when the label does not fit the key (a symbol, "123")
  };
  // Layout for the screen language; symbols and Latin on demand.
  void set_language(const std::string& lang);
  void reset();
  float height(const Metrics& m, float display_h) const;
  float key_height(const Metrics& m, float display_h) const;
  // Draws into the foreground draw list and remembers key rectangles for hit testing.
  void draw(Ui& ui);
  // Hit testing of the previous frame's keys (input is routed here before ImGui sees it).
  int key_at(ImVec2 p) const;
  bool contains(ImVec2 p) const;
  // Performs key k: characters via io.AddInputCharactersUTF8, editing keys via io.KeysDown.
  void activate(int k, ImGuiIO& io, const std::vector<std::string>& labels_unused = {});
  std::vector<std::string> all_characters() const;  // every character any layout can type
  bool visible = false;
  int pressed = -1;  // key under a finger that is down
  bool hide_requested = false;
  int pending_key_release = -1;  // io.KeysDown index to release next frame
  bool number_pad = false;       // digits, '+' and erase only (set by the active field, kNumberPad)

 private:
  // compact: a short panel (the full keyboard would take more than 45 % of it at the minimum key height):
  // no digits row (digits on the "123" layer); Polish letters on their own layer.
  std::vector<std::vector<Key>> rows(bool compact) const;
  bool compact(const Metrics& m, float display_h) const;
  std::string m_lang = "nl";
  bool m_shift = false;
  bool m_symbols = false;
  bool m_latin = false;
  std::vector<std::pair<ImVec4, Key>> m_rects;  // x0, y0, x1, y1
  ImVec4 m_area{0, 0, 0, 0};
};

}  // namespace kiosk::ui
