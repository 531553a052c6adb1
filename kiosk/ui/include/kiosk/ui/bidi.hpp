// Right-to-left and mixed text for Dear ImGui 1.86, which draws code points left to right and shapes
// nothing. FriBidi (Debian's libfribidi) resolves each paragraph (Unicode bidi algorithm, direction from
// its first strong letter), shapes Arabic into presentation forms (U+FB50-FDFF, U+FE70-FEFF, lam-alef
// ligatures), the text is wrapped at spaces on its logical order, and each line is then reordered into
// the order it is drawn in:
//
//   logical UTF-8 ─► paragraphs ('\n') ─► bidi levels ─► joining + shaping ─► wrap (logical, by advance)
//                ─► per line: reorder (L1-L3) ─► cells in drawing order (glyph, logical bytes, x)
//
// Text without right-to-left letters never goes through FriBidi (same result, no cost).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImDrawList;

namespace kiosk::ui::bidi {

// One glyph of a line, in drawing order (left to right).
struct Cell {
  char32_t cp = 0;                   // what is drawn (a presentation form for shaped Arabic)
  std::uint32_t begin = 0, end = 0;  // the logical bytes of the source it stands for
  bool rtl = false;                  // resolved level is odd (its caret side is mirrored)
  float x0 = 0, x1 = 0;              // from the line's left edge
};

struct Line {
  std::size_t begin = 0, end = 0;  // logical bytes [begin, end) (a wrapped line keeps its trailing blanks)
  bool hard_end = false;           // ends at '\n' or the end of the text (not wrapped)
  bool rtl = false;                // paragraph direction: the line is aligned right
  float width = 0;                 // without trailing blanks
  std::vector<Cell> cells;
  std::string visual;  // UTF-8 of the cells, for ImDrawList::AddText
};

struct Layout {
  std::vector<Line> lines;  // at least one
  float width = 0;          // widest line
  // Overwrites every string and cell before they are freed or reused (the citizen's text).
  void wipe() noexcept;
};

// Advance width of one code point in the font that draws it.
using Advance = std::function<float(char32_t)>;

// Lays out text wrapped at wrap_width (<= 0: only at '\n'). Into out (reused: its memory is overwritten).
void lay_out(std::string_view text, float wrap_width, const Advance& advance, Layout& out);
// The drawing order of one line of text (no wrapping), shaped.
std::string visual(std::string_view text);
// Any character of a right-to-left script (Hebrew, Arabic and their presentation forms).
bool has_rtl(std::string_view text) noexcept;
// Every shaped form of the given letters (isolated, initial, medial, final, and lam-alef ligatures), for
// the font atlas: a letter typed on the keyboard can take any of them.
std::string presentation_forms(std::string_view letters);

// --- the drawing path of kiosk_ui's text(), text_height() and button() ------------------------------------
// Size of text as drawn (wrapped at wrap_width; 0: no wrapping), and drawing it with its top-left at pos.
// Right-to-left paragraphs are aligned to the right of align_width (else wrap_width, else the text's own
// width).
// Layouts of right-to-left text are cached (clear_cache() wipes them with the session).
struct Size {
  float x = 0, y = 0;
};
Size text_size(ImFont* font, std::string_view text, float wrap_width);
void draw_text(ImDrawList* dl, ImFont* font, float x, float y, std::uint32_t abgr, std::string_view text,
               float wrap_width, float align_width = 0);
const Layout& cached(ImFont* font, std::string_view text, float wrap_width);
void clear_cache() noexcept;
float advance(ImFont* font, char32_t cp);

}  // namespace kiosk::ui::bidi
