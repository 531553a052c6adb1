// The widget registry: every element the UI drew in its last frame, in reading order, with its role,
// label (catalog key and shown text), rectangle and state. Display-free on purpose: the UI fills it each
// frame, the layout tests read it, and speech mode (core) will read it to speak what is on screen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

enum class Role : std::uint8_t {
  button,         // activates on release
  checkbox,       // toggles; state.selected is its value
  key,            // a key of the on-screen keyboard or a keypad
  field,          // a text field; value_length and caret (never its text)
  text,           // body text (not interactive)
  heading,        // a screen title or section heading
  scroll_region,  // a region that scrolls; value is "offset/max" in px
};

inline bool interactive(Role r) {
  return r == Role::button || r == Role::checkbox || r == Role::key || r == Role::field;
}

// One element of a frame. Rectangles are in window pixels. For text (and a control's label), need_w/need_h
// is the size the text takes when wrapped to its width: larger than the rectangle means it is clipped.
struct Widget {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string label;  // the text shown
  std::string id;     // stable id for tests ("choose.report", "tile.afval", "key.q", ...)
  bool enabled = true;
  Role role = Role::button;
  std::string key;        // catalog key of the label when it came from a catalog ("" otherwise)
  bool selected = false;  // selected tile, ticked box, the language in use
  bool pressed = false;   // held under a finger
  std::string value;      // a switch's "on"/"off", a scroll region's "offset/max"
  // A field's length and caret in code points. Its text is not copied here: it stays in the session's
  // buffer, which is wiped with the session (speech reads it from there).
  int value_length = -1;
  int caret = -1;
  // The citizen's own text or contact details: never spoken without their opt-in (speech mode).
  bool personal = false;
  // A reference code: speech spells it character by character with the catalog's words ("D van Dirk").
  bool spell = false;
  int order = 0;        // reading order in the frame (0 first)
  int region = -1;      // index of the scroll region it lies in (-1: fixed part of the screen)
  bool visible = true;  // false: (partly) scrolled out of its region (reachable by scrolling)
  float need_w = 0, need_h = 0;
  float clip_x0 = 0, clip_y0 = 0, clip_x1 = 0, clip_y1 = 0;  // where it may draw (its widget or region)
};

inline std::string_view role_name(Role r) {
  switch (r) {
    case Role::button: return "button";
    case Role::checkbox: return "checkbox";
    case Role::key: return "key";
    case Role::field: return "field";
    case Role::text: return "text";
    case Role::heading: return "heading";
    case Role::scroll_region: return "scroll region";
  }
  return "?";
}

// The frame's widgets in the order they were drawn, which is the reading order (screens draw top to
// bottom, start to end).
class WidgetRegistry {
 public:
  void clear() { m_items.clear(); }
  Widget& add(Widget w) {
    w.order = int(m_items.size());
    m_items.push_back(std::move(w));
    return m_items.back();
  }
  const std::vector<Widget>& items() const { return m_items; }
  std::vector<Widget>& items() { return m_items; }
  const Widget* find(std::string_view id) const {
    for (const auto& w : m_items)
      if (w.id == id) return &w;
    return nullptr;
  }

 private:
  std::vector<Widget> m_items;
};

}  // namespace kiosk::core
